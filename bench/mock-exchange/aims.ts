/** How the mock exchange suite's rows state the aims (issue #11). */

/** Where the row of an aim sends the reader for the profile behind it. */
export const PROFILE_NOTE = "where the time goes: the mock exchange README's Throughput section";

/** `200,000` for a rate. */
export const fmtRate = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `the aim of 200,000/s: met (…)`, for a row's notes. */
export const aimNote = (aimPerSec: number, met: boolean): string => `the issue's aim of ${fmtRate(aimPerSec)}/s: ${met ? 'met' : 'not met'} (${PROFILE_NOTE})`;
