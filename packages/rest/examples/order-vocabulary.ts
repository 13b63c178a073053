/**
 * Kalshi's two order vocabularies: V2 `bid`/`ask` at a YES price, and legacy yes/no + buy/sell at the named
 * side's price. Run: `npx tsx examples/order-vocabulary.ts`
 */
// readme:start
import { fromV2Side, toV2Side } from '@kalshi-sdk/rest';

/** The legacy "buy NO at $0.30" as the V2 order it is, and back. */
export function buyNoAt30(): string[] {
  const v2 = toV2Side({ side: 'no', action: 'buy', price: '0.30' }); // { side: 'ask', price: Dollars 0.7 }
  const legacy = fromV2Side(v2, 'no'); // { side: 'no', action: 'buy', price: Dollars 0.3 }
  const asYes = fromV2Side(v2); // { side: 'yes', action: 'sell', price: Dollars 0.7 }
  return [`${v2.side} ${v2.price.toWire()}`, `${legacy.action} ${legacy.side} ${legacy.price.toWire()}`, `${asYes.action} ${asYes.side} ${asYes.price.toWire()}`];
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of buyNoAt30()) console.log(line);
}
