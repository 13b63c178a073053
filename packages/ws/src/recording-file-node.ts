/**
 * The recorder's file on Node, Bun and Deno (`#recording-file` under the `node` condition):
 * `node:fs`, gzipped through `node:zlib` when the name ends `.gz`.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { createGzip, type Gzip } from 'node:zlib';
import { KalshiWsError } from './errors.js';
import type { RecordingFile } from './recorder.js';

/**
 * Opens `path` for writing (replacing a file there), gzipped as a whole when it ends `.gz`.
 * Rejects with `KalshiWsError` `WS_CONFIG_INVALID` (`option: 'path'`) when it cannot be opened.
 */
export async function openRecordingFile(path: string): Promise<RecordingFile> {
  const file = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (cause) => reject(new KalshiWsError('WS_CONFIG_INVALID', `cannot open the recording file ${path}: ${cause.message}`, { option: 'path' }, { cause })));
  });
  let out: WriteStream | Gzip = file;
  if (path.endsWith('.gz')) {
    const gzip = createGzip();
    gzip.pipe(file);
    out = gzip;
  }
  return {
    write: (text) => void out.write(text),
    close: () =>
      new Promise<void>((resolve, reject) => {
        file.once('close', () => resolve());
        file.once('error', reject);
        out.end();
      }),
  };
}
