import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MatchingEngine } from '../src/index.js';
import { runEngineScript } from './support/engine-script.js';

/**
 * Whole-output golden test of the matching engine: a fixed script through every job of the engine,
 * and every event it reports, line by line. The golden file was written by the engine as it stood
 * before it was split into one module per job (issue #14), so this proves the split kept the
 * behaviour, and guards later work on the engine (throughput) the same way.
 */
describe('matching engine event stream', () => {
  it('matches the golden transcript, event for event', () => {
    const want = readFileSync(new URL('./golden/engine-event-stream.txt', import.meta.url), 'utf8');
    expect(runEngineScript(MatchingEngine).join('\n') + '\n').toBe(want);
  });
});
