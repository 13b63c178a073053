import { describe, expect, it } from 'vitest';
import { Contracts, Dollars } from '@kalshi-sdk/fixed-point';
import { renderLadder } from '../src/book-screen.js';
import { orderCost } from '../src/order-cost.js';
import { wsUrlFor } from '../src/context.js';

const level = (price: string, size: string) => ({ price: Dollars.parse(price), size: Contracts.parse(size) });

describe('pure pieces', () => {
  it('renderLadder puts the asks above the spread (best nearest), bids below, and cuts to the depth', () => {
    const lines = renderLadder({
      ticker: 'T',
      title: 'Title',
      environment: 'demo',
      bids: [level('0.40', '5'), level('0.39', '1'), level('0.38', '9')],
      asks: [level('0.43', '2'), level('0.44', '3'), level('0.45', '4')],
      spread: Dollars.parse('0.03'),
      lastTrade: { price: Dollars.parse('0.41'), count: Contracts.parse('3'), takerSide: 'no', at: new Date('2026-12-06T17:00:01Z') },
      status: 'live',
      resyncs: 2,
      depth: 2,
    });
    expect(lines).toEqual([
      'T  Title  [demo]',
      'status: live   resyncs: 2',
      '',
      '  side     price     contracts',
      '  ask     0.4400          3.00',
      '  ask     0.4300          2.00',
      '  ----  spread 0.0300',
      '  bid     0.4000          5.00',
      '  bid     0.3900          1.00',
      '',
      'last trade: 0.4100 x 3.00 (taker no) at 17:00:01Z',
      'q: quit',
    ]);
  });

  it('orderCost: a bid pays price × count, an ask (NO bought) (1 − price) × count; the taker fee is rounded up', () => {
    const bid = orderCost('bid', Dollars.parse('0.45'), Contracts.parse('10'), 'quadratic_with_maker_fees', undefined);
    expect([bid.cost.toWire(), bid.maxFee.toWire()]).toEqual(['4.5000', '0.1733']);
    const ask = orderCost('ask', Dollars.parse('0.05'), Contracts.parse('100'), 'quadratic', Dollars.parse('1'));
    expect(ask.cost.toWire()).toBe('95.0000');
    expect(ask.maxFee.toWire()).toBe('0.3325');
  });

  it('wsUrlFor maps a REST base URL to the WebSocket URL on the same host', () => {
    expect(wsUrlFor('http://127.0.0.1:8080/trade-api/v2')).toBe('ws://127.0.0.1:8080/trade-api/ws/v2');
    expect(wsUrlFor('https://proxy.example/kalshi/trade-api/v2/')).toBe('wss://proxy.example/kalshi/trade-api/ws/v2');
  });
});
