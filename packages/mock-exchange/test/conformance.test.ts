import { describe, expect, it } from 'vitest';
import { routes } from '../src/rest/rest-server.js';
import { Conformance, specOperationAt } from './support/conformance.js';

// The conformance hook is what makes every other test a spec check, so it must itself fail on
// bad messages.
describe('conformance checker', () => {
  const good = { order_id: 'o-1', fill_count: '1.00', remaining_count: '0.00', ts_ms: 1 };

  it.each([
    ['a valid CreateOrderV2 201', { operationId: 'CreateOrderV2', status: 201, body: good }, 0],
    ['a missing required field', { operationId: 'CreateOrderV2', status: 201, body: { ...good, ts_ms: undefined } }, 1],
    ['an undeclared field (a typo)', { operationId: 'CreateOrderV2', status: 201, body: { ...good, fill_cnt: '1.00' } }, 1],
    ['a wrong type', { operationId: 'CreateOrderV2', status: 201, body: { ...good, ts_ms: '1' } }, 1],
    ['a status the operation does not declare', { operationId: 'CancelOrderV2', status: 400, body: { code: 'x', message: 'y' } }, 1],
    ['an unexpected 500', { operationId: 'GetMarkets', status: 500, body: { code: 'internal_server_error', message: 'm' } }, 1],
    ['a 401 on an operation that lists none', { operationId: 'GetBalance', status: 401, body: { code: 'unauthorized', message: 'u' } }, 0],
  ])('REST: %s', (_name, given, want) => {
    const c = new Conformance();
    c.check({ kind: 'rest', method: 'POST', path: '/x', ...given });
    expect(c.take()).toHaveLength(want);
  });

  const delta = {
    type: 'orderbook_delta',
    sid: 1,
    seq: 2,
    msg: { market_ticker: 'KX-A', market_id: '9b0f6b43-5b68-4f9f-9f02-9a2d1b8ac1a1', price_dollars: '0.5000', delta_fp: '-1.00', side: 'yes' },
  };

  it.each([
    ['a valid orderbook_delta', delta, 0],
    ['a seq of 0', { ...delta, seq: 0 }, 1],
    ['a bad side', { ...delta, msg: { ...delta.msg, side: 'bid' } }, 1],
    ['an unknown message type', { type: 'nonsense' }, 1],
    ['a list_subscriptions reply (an ok with an array)', { type: 'ok', id: 3, msg: [{ channel: 'ticker', sid: 1 }] }, 0],
    ['an error code the spec does not list', { type: 'error', msg: { code: 6, msg: 'Retired' } }, 1],
  ])('WS: %s', (_name, frame, want) => {
    const c = new Conformance();
    c.check({ kind: 'ws', text: JSON.stringify(frame), frame, malformed: false });
    expect(c.take()).toHaveLength(want);
  });
});

describe('routes', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s is the spec operation it claims', (_name, route) => {
    expect(specOperationAt(route.method, route.path)).toBe(route.operationId);
  });
});
