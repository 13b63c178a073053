/**
 * The request mix of the rate-limit benchmark: per task, the same steps in a seeded order —
 * 55% reads (`GET /markets`, 10 read tokens), 30% V2 creates (10 write tokens), 15% V2 cancels of
 * the task's own resting orders (2 write tokens) and one batch create of {@link BATCH_SIZE} orders
 * (10 tokens each). Every task spends the same tokens, so their finish times measure fairness.
 */
import { prng } from '../prng.ts';

export type Step = 'read' | 'create' | 'cancel' | 'batch';

/** Orders in the one batch of each task: Basic's largest (its 100-token write bucket ÷ 10). */
export const BATCH_SIZE = 10;

/** `count` steps for one task, shuffled by `seed`; a cancel never comes before an order to cancel. */
export function taskPlan(count: number, seed: number): Step[] {
  const reads = Math.round(count * 0.55);
  const cancels = Math.round(count * 0.15);
  const steps: Step[] = ['batch', ...Array<Step>(reads).fill('read'), ...Array<Step>(cancels).fill('cancel')];
  while (steps.length < count) steps.push('create');
  const random = prng(seed);
  for (let i = steps.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  }
  // Move each cancel that would find nothing resting after the next create (or batch).
  let resting = 0;
  for (let i = 0; i < steps.length; i++) {
    if (steps[i] === 'cancel' && resting === 0) {
      const j = steps.findIndex((s, k) => k > i && (s === 'create' || s === 'batch'));
      [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    }
    resting += steps[i] === 'create' ? 1 : steps[i] === 'batch' ? BATCH_SIZE : steps[i] === 'cancel' ? -1 : 0;
  }
  return steps;
}

/** Tokens a plan spends per bucket. */
export function planTokens(steps: readonly Step[]): { read: number; write: number } {
  const out = { read: 0, write: 0 };
  for (const s of steps) {
    if (s === 'read') out.read += 10;
    else out.write += s === 'create' ? 10 : s === 'cancel' ? 2 : 10 * BATCH_SIZE;
  }
  return out;
}
