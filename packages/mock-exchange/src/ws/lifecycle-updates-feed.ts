import type { MatchingEngine } from '../engine/matching-engine.js';
import type { EventFeeChange } from '../history/fee-changes.js';
import { strikeFields, type MarketMetadataUpdate } from '../history/market-metadata.js';
import type { Connection } from './connection.js';

type Msg = Record<string, unknown>;

/** The `event_fee_update` body: the event's fee override, `null`s when it is cleared. */
export function eventFeeUpdateMsg(change: EventFeeChange): Msg {
  return {
    event_ticker: change.eventTicker,
    fee_type_override: change.feeTypeOverride,
    // asyncapi.yaml types the multiplier as a JSON number (a rate, not money).
    fee_multiplier_override: change.feeMultiplierOverride === null ? null : Number(change.feeMultiplierOverride),
  };
}

/** The `metadata_updated` body (frame type `market_lifecycle_v2`): the market and the fields that changed. */
export function metadataUpdatedMsg(update: MarketMetadataUpdate): Msg {
  return {
    event_type: 'metadata_updated',
    market_ticker: update.ticker,
    ...strikeFields(update),
    ...(update.yesSubTitle === undefined ? {} : { yes_sub_title: update.yesSubTitle }),
  };
}

/**
 * The `market_lifecycle_v2` messages that do not come from the engine's lifecycle events: an
 * event fee override taking effect on the clock (`event_fee_update`) and a market's metadata
 * changing (`market_lifecycle_v2` with `event_type` `metadata_updated`). Every subscriber of the
 * channel gets them. `/websockets/market-&-event-lifecycle`: "Receives all market and event
 * lifecycle notifications (`market_ticker` filters are not supported)".
 * @returns a function that stops the feed.
 */
export function feedLifecycleUpdates(engine: MatchingEngine, connections: ReadonlySet<Connection>): () => void {
  const send = (type: string, msg: Msg): void => {
    for (const conn of connections) {
      for (const sub of conn.subscriptions.values()) if (sub.channel === 'market_lifecycle_v2') conn.sendToSubscription(sub, type, msg);
    }
  };
  const stopFees = engine.history.feeChanges.onEventFeeChange((change) => send('event_fee_update', eventFeeUpdateMsg(change)));
  const stopMetadata = engine.history.marketMetadata.on((update) => send('market_lifecycle_v2', metadataUpdatedMsg(update)));
  return () => {
    stopFees();
    stopMetadata();
  };
}
