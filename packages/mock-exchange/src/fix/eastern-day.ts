/**
 * The end of the trading day in New York, where Kalshi's Day orders expire. Doc page:
 * /fix/order-entry (TimeInForce `0`=Day "expires 11:59:59.999pm ET"). Uses the runtime's time
 * zone data (Intl, America/New_York), so EST/EDT and the changeover days come out right.
 */

const NEW_YORK = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** New York wall-clock time at `ms`, as if it were UTC (Unix ms). */
function newYorkWallMs(ms: number): number {
  const part: Record<string, number> = {};
  for (const p of NEW_YORK.formatToParts(ms)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  return Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!, ms - Math.floor(ms / 1000) * 1000);
}

/**
 * 23:59:59.999 New York time on the New York calendar day that contains `nowMs`, as Unix ms.
 * No DST change happens near midnight in New York (they are at 02:00), so the offset in force at
 * 23:59 is the one to apply.
 */
export function endOfEasternDayMs(nowMs: number): number {
  const wall = new Date(newYorkWallMs(nowMs));
  const endWall = Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), wall.getUTCDate(), 23, 59, 59, 999);
  // First guess with the offset now, then correct with the offset at the guess.
  const guess = endWall - (newYorkWallMs(nowMs) - nowMs);
  return endWall - (newYorkWallMs(guess) - guess);
}
