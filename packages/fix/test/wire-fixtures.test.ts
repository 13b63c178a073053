/**
 * Byte-exact wire fixtures. Each literal was checked outside the codec: CheckSum is the byte sum
 * of everything before `10=` mod 256, BodyLength the byte count from MsgType(35) through the SOH
 * before `10=` (both re-checked below by `checksum()` and plain length arithmetic).
 */
import { describe, expect, it } from 'vitest';
import { FixCodec, type FixMessage } from '../src/index.js';
import { checksum, text, wire } from './wire.js';

const codec = new FixCodec();
const client = { SenderCompID: 'my-api-key-id', TargetCompID: 'KalshiNR' };

const fixtures: Array<[string, { message: FixMessage; wire: string }]> = [
  [
    'Logon with RawData (95/96), ResetSeqNumFlag and Kalshi options',
    {
      message: {
        msgType: 'A',
        header: { ...client, MsgSeqNum: 1, SendingTime: '20260102-03:04:05.678' },
        body: {
          EncryptMethod: 0,
          HeartBtInt: 30,
          RawData: 'c2lnbmF0dXJlLWJhc2U2NA==',
          ResetSeqNumFlag: true,
          DefaultApplVerID: '9',
          CancelOrdersOnDisconnect: true,
          UseDollars: true,
        },
      },
      wire:
        '8=FIXT.1.1|9=138|35=A|49=my-api-key-id|56=KalshiNR|34=1|52=20260102-03:04:05.678|98=0|108=30|' +
        '95=24|96=c2lnbmF0dXJlLWJhc2U2NA==|141=Y|1137=9|8013=Y|21005=Y|10=248|',
    },
  ],
  [
    'NewOrderSingle with ExecInst and a NoPartyIDs group',
    {
      message: {
        msgType: 'D',
        header: { ...client, MsgSeqNum: 2, SendingTime: '20260102-03:04:06.001' },
        body: {
          ClOrdID: 'order-1',
          ExecInst: ['6'],
          OrderQty: '10',
          OrdType: '2',
          Price: '0.5600',
          Side: '1',
          Symbol: 'KXBTCD-26JAN0217-T99999.99',
          TimeInForce: '1',
          NoPartyIDs: [{ PartyID: 'acct-7', PartyRole: 24 }],
          AllocAccount: 0,
        },
      },
      wire:
        '8=FIXT.1.1|9=170|35=D|49=my-api-key-id|56=KalshiNR|34=2|52=20260102-03:04:06.001|11=order-1|18=6|' +
        '38=10|40=2|44=0.5600|54=1|55=KXBTCD-26JAN0217-T99999.99|59=1|453=1|448=acct-7|452=24|79=0|10=071|',
    },
  ],
  [
    'ExecutionReport (trade) with a NoMiscFees group',
    {
      message: {
        msgType: '8',
        header: { SenderCompID: 'KalshiNR', TargetCompID: 'my-api-key-id', MsgSeqNum: 2, SendingTime: '20260102-03:04:06.010' },
        body: {
          OrderID: 'ord-9',
          ClOrdID: 'order-1',
          ExecID: 'exec-1',
          ExecType: 'F',
          OrdStatus: '1',
          Side: '1',
          Symbol: 'KXBTCD-26JAN0217-T99999.99',
          LeavesQty: '6',
          CumQty: '4',
          AvgPx: '0.5600',
          OrderQty: '10',
          LastPx: '0.5600',
          LastQty: '4',
          TransactTime: '20260102-03:04:06.009',
          NoMiscFees: [{ MiscFeeAmt: '0.07', MiscFeeCurr: 'USD', MiscFeeType: '4', MiscFeeBasis: 0 }],
          TrdMatchID: 'match-1',
          AggressorIndicator: true,
        },
      },
      wire:
        '8=FIXT.1.1|9=260|35=8|49=KalshiNR|56=my-api-key-id|34=2|52=20260102-03:04:06.010|37=ord-9|11=order-1|' +
        '17=exec-1|150=F|39=1|54=1|55=KXBTCD-26JAN0217-T99999.99|151=6|14=4|6=0.5600|38=10|31=0.5600|32=4|' +
        '60=20260102-03:04:06.009|136=1|137=0.07|138=USD|139=4|891=0|880=match-1|1057=Y|10=234|',
    },
  ],
];

describe('wire fixtures', () => {
  it.each(fixtures)('%s: the fixture is framed correctly', (_name, { wire: w }) => {
    const [, length, body] = /^8=FIXT\.1\.1\|9=(\d+)\|(.*)10=\d{3}\|$/.exec(w) as unknown as [string, string, string];
    expect(body.length).toBe(Number(length));
    expect(w.slice(-4, -1)).toBe(checksum(w.slice(0, -7)));
  });

  it.each(fixtures)('%s: encodes to the fixture', (_name, { message, wire: w }) => {
    expect(text(codec.encode(message))).toBe(w);
  });

  it.each(fixtures)('%s: decodes from the fixture', (_name, { message, wire: w }) => {
    expect(codec.decode(wire(w))).toStrictEqual(message);
  });

  it('decodes header and body fields in any order, and a zero-padded BodyLength', () => {
    const body = '35=1|52=20260102-03:04:05.678|34=9|56=KalshiNR|49=X|112=ping|';
    const head = `8=FIXT.1.1|9=00${body.length}|${body}`;
    expect(codec.decode(wire(`${head}10=${checksum(head)}|`))).toStrictEqual({
      msgType: '1',
      header: { SendingTime: '20260102-03:04:05.678', MsgSeqNum: 9, TargetCompID: 'KalshiNR', SenderCompID: 'X' },
      body: { TestReqID: 'ping' },
    });
  });
});
