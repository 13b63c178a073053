import { describe, expect, expectTypeOf, it } from 'vitest';
import type { KalshiFixClient, KalshiFixClientEvents } from '../src/index.js';
import type { FixSession, FixSessionEvents } from '../src/index.js';

type ClientEventName =
  | 'executionReport'
  | 'orderCancelReject'
  | 'settlementReport'
  | 'rfq'
  | 'orderGroupResponse'
  | 'businessReject'
  | 'sessionReject'
  | 'message'
  | 'connected'
  | 'disconnected'
  | 'reconnecting'
  | 'sequenceGap'
  | 'error';

type SessionEventName = 'message' | 'reject' | 'inboundReject' | 'sequenceGap' | 'garbled' | 'state' | 'close' | 'drain';

/** Compiles only where the event maps are closed: these checks run in `pnpm typecheck` (tsc over test/). */
function misspeltEventsDoNotCompile(client: KalshiFixClient, session: FixSession): void {
  // @ts-expect-error a misspelt client event ('executonReport') must not compile
  client.on('executonReport', () => undefined);
  // @ts-expect-error a misspelt session event ('mesage') must not compile
  session.on('mesage', () => undefined);
  // @ts-expect-error a listener of the wrong shape must not compile either
  client.on('connected', (report: { execId: string }) => report);
}

describe('event maps are closed', () => {
  it('KalshiFixClientEvents names exactly the events the client emits', () => {
    expectTypeOf<keyof KalshiFixClientEvents>().toEqualTypeOf<ClientEventName>();
    expectTypeOf<Parameters<KalshiFixClient['on']>[0]>().toEqualTypeOf<ClientEventName>();
    expect(typeof misspeltEventsDoNotCompile).toBe('function');
  });

  it('FixSessionEvents names exactly the events the session emits', () => {
    expectTypeOf<keyof FixSessionEvents>().toEqualTypeOf<SessionEventName>();
    expectTypeOf<Parameters<FixSession['on']>[0]>().toEqualTypeOf<SessionEventName>();
  });
});
