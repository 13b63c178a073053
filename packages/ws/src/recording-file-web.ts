/**
 * The recorder's file in browsers, Workers and other runtimes without the `node` condition
 * (`#recording-file` there): there is no file system to write one to. No `node:` import is
 * reachable from here.
 */
import { KalshiWsError } from './errors.js';
import type { RecordingFile } from './recorder.js';

/** Rejects with `KalshiWsError` `WS_CONFIG_INVALID` (`option: 'path'`), saying where a recording can be written. */
export function openRecordingFile(path: string): Promise<RecordingFile> {
  return Promise.reject(
    new KalshiWsError(
      'WS_CONFIG_INVALID',
      `cannot open the recording file ${path}: openWsRecorder writes a file with node:fs, which this runtime does not have. Record from Node.js, Bun or Deno.`,
      { option: 'path' },
    ),
  );
}
