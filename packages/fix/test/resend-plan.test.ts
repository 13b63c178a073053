import { describe, expect, it } from 'vitest';
import { planResend, resendRange, type ResendRequestInput, type ResendStep } from '../src/session/resend-plan.js';

const stored = (...seqNums: number[]) => seqNums.map((seqNum) => ({ seqNum, bytes: new Uint8Array([seqNum]) }));
const show = (steps: ResendStep[]) => steps.map((s) => (s.kind === 'resend' ? `resend ${s.message.seqNum}` : `gap-fill ${s.seqNum}→${s.newSeqNo}`));

describe('resendRange', () => {
  const cases: Array<[string, { given: ResendRequestInput; want: { begin: number; stop: number } | undefined }]> = [
    ['EndSeqNo 0 means up to the last sent', { given: { begin: 2, end: 0, lastSent: 9 }, want: { begin: 2, stop: 9 } }],
    ['EndSeqNo beyond the last sent is clamped', { given: { begin: 2, end: 50, lastSent: 9 }, want: { begin: 2, stop: 9 } }],
    ['a closed range stays', { given: { begin: 3, end: 5, lastSent: 9 }, want: { begin: 3, stop: 5 } }],
    ['nothing sent in the range', { given: { begin: 10, end: 0, lastSent: 9 }, want: undefined }],
    ['BeginSeqNo 0 is refused', { given: { begin: 0, end: 5, lastSent: 9 }, want: undefined }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(resendRange(given)).toEqual(want);
  });
});

describe('planResend', () => {
  const cases: Array<[string, { given: { begin: number; stop: number; stored: ReturnType<typeof stored> }; want: string[] }]> = [
    ['nothing stored: one gap fill over the range', { given: { begin: 2, stop: 9, stored: [] }, want: ['gap-fill 2→10'] }],
    ['every message stored', { given: { begin: 2, stop: 4, stored: stored(2, 3, 4) }, want: ['resend 2', 'resend 3', 'resend 4'] }],
    ['admin messages between application ones become gap fills', { given: { begin: 2, stop: 9, stored: stored(3, 4, 7) }, want: ['gap-fill 2→3', 'resend 3', 'resend 4', 'gap-fill 5→7', 'resend 7', 'gap-fill 8→10'] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(show(planResend(given.begin, given.stop, given.stored))).toEqual(want);
  });
});
