import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  FixEnums,
  FixTag,
  fixDictionary,
  specVersion,
  type ExecutionReport,
  type FixDecimal,
  type FixMessage,
  type FixMessageOf,
  type NewOrderSingle,
  type NoPartyIDsEntry,
  type StandardHeader,
} from '../src/index.js';

describe('generated FIX dictionary', () => {
  it('has the 34 messages and 143 fields of Kalshi FIX Dictionary v1.03', () => {
    expect(specVersion).toBe('v1.03 (FIXT.1.1)');
    expect(fixDictionary.beginString).toBe('FIXT.1.1');
    expect(fixDictionary.messages).toHaveLength(34);
    expect(fixDictionary.fields).toHaveLength(143);
    expect(fixDictionary.components.map((c) => c.name)).toStrictEqual([
      'Parties',
      'MarketSettlementPartyIDs',
      'CollateralAmountChanges',
      'MultivariateSelectedLegs',
      'MiscFeesGrp',
    ]);
  });

  it('has tag numbers and enum values by name', () => {
    expect([FixTag.ClOrdID, FixTag.RawData, FixTag.UseDollars, FixTag.CancelOrdersOnDisconnect]).toStrictEqual([11, 96, 21005, 8013]);
    expect([FixEnums.Side.BUY_YES, FixEnums.OrdStatus.PARTIALLY_FILLED, FixEnums.QuoteStatus.CANCELLED]).toStrictEqual(['1', '1', 17]);
    expect(FixEnums.MsgType.MARKET_SETTLEMENT_REPORT).toBe('UMS');
  });

  it('pairs DATA fields with their LENGTH fields', () => {
    const byName = new Map(fixDictionary.fields.map((f) => [f.name, f]));
    expect([byName.get('RawData')?.lengthTag, byName.get('RawDataLength')?.dataTag]).toStrictEqual([95, 96]);
    expect([byName.get('Signature')?.lengthTag, byName.get('SignatureLength')?.dataTag]).toStrictEqual([93, 89]);
  });

  it('lays out nested repeating groups with their delimiters', () => {
    const ums = fixDictionary.messages.find((m) => m.msgType === 'UMS');
    const outer = ums?.members.find((m) => m.name === 'NoMarketSettlementPartyIDs');
    expect(outer?.kind === 'group' && [outer.tag, outer.delimiter, outer.members.filter((m) => m.kind === 'group').map((m) => m.name)]).toStrictEqual([
      20108,
      20109,
      ['NoCollateralAmountChanges', 'NoMiscFees'],
    ]);
  });

  it('types money and quantities as exact decimal strings, never numbers', () => {
    expectTypeOf<NewOrderSingle['Price']>().toEqualTypeOf<FixDecimal>();
    expectTypeOf<NewOrderSingle['OrderQty']>().toEqualTypeOf<string>();
    expectTypeOf<ExecutionReport['AvgPx']>().toEqualTypeOf<string>();
    expectTypeOf<NewOrderSingle['Side']>().toEqualTypeOf<'1' | '2'>();
    expectTypeOf<NewOrderSingle['ExecInst']>().toEqualTypeOf<readonly '6'[] | undefined>();
    expectTypeOf<NoPartyIDsEntry>().toEqualTypeOf<{ readonly PartyID: string; readonly PartyRole?: 24 }>();
    expectTypeOf<StandardHeader['MsgSeqNum']>().toEqualTypeOf<number>();
  });

  it('narrows a decoded message by MsgType', () => {
    const onMessage = (m: FixMessage) => (m.msgType === '8' ? m.body.ExecType : undefined);
    expectTypeOf(onMessage).returns.toEqualTypeOf<FixEnums.ExecType | undefined>();
    expectTypeOf<FixMessageOf<'D'>['body']>().toEqualTypeOf<NewOrderSingle>();
  });
});
