import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { MockExchangeError } from '../errors.js';

/** The header `format` of a WebSocket recording (written by `@kalshi-sdk/ws`'s `openWsRecorder`). */
export const RECORDING_FORMAT = 'kalshi-ws-recording';
/** The recording format versions this package reads. */
export const RECORDING_VERSIONS: readonly number[] = [1];

/** One recorded frame: receive time (Unix ms), the frame's JSON, and the line it came from (1-based). */
export interface RecordedFrame {
  readonly t: number;
  readonly frame: { readonly type?: unknown; readonly msg?: unknown } | undefined;
  readonly line: number;
}

/** A line skipped under `lenient`: its number and why. */
export interface RecordingWarning {
  readonly line: number;
  readonly reason: string;
}

/** Options of {@link readRecording}. */
export interface ReadRecordingOptions {
  /** Skip a corrupt line (reported to `onWarning`) instead of failing; default false. */
  readonly lenient?: boolean;
  readonly onWarning?: (warning: RecordingWarning) => void;
}

function invalid(path: string, line: number, reason: string, cause?: unknown): MockExchangeError {
  const error = new MockExchangeError('INVALID_RECORDING', `recording ${path}, line ${line}: ${reason}`, { field: 'line', value: line });
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause });
  return error;
}

/** Parses one frame line; returns the reason when it is not a valid record. */
function parseRecord(text: string, line: number): RecordedFrame | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not JSON (corrupt or truncated)';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const record = value as { t?: unknown; frame?: unknown; text?: unknown };
  if (typeof record.t !== 'number' || !Number.isFinite(record.t)) return '"t" must be a receive time in Unix ms';
  if (record.frame !== undefined) {
    if (record.frame === null || typeof record.frame !== 'object') return '"frame" must be a JSON object';
    return { t: record.t, frame: record.frame as RecordedFrame['frame'], line };
  }
  if (typeof record.text === 'string') return { t: record.t, frame: undefined, line };
  return 'needs "frame" (or "text")';
}

function checkHeader(path: string, text: string): void {
  let header: { format?: unknown; version?: unknown } | undefined;
  try {
    header = JSON.parse(text) as typeof header;
  } catch {
    throw invalid(path, 1, 'the header line is not JSON');
  }
  if (header?.format !== RECORDING_FORMAT) throw invalid(path, 1, `the header's "format" must be "${RECORDING_FORMAT}"`);
  if (typeof header.version !== 'number' || !RECORDING_VERSIONS.includes(header.version)) {
    throw invalid(path, 1, `unsupported recording version ${String(header.version)} (this reader knows ${RECORDING_VERSIONS.join(', ')})`);
  }
}

/** Bytes read from the file at a time (and gunzipped at a time). */
const CHUNK_BYTES = 1 << 20;
const NEWLINE = 10;

/**
 * Consecutive lines of a recording after its header, as the file's bytes: every line, the last
 * included, ends with a newline byte. `firstLine` is the 1-based number of the first.
 */
export interface LineBatch {
  readonly firstLine: number;
  readonly bytes: Buffer;
  /**
   * How many lines `bytes` holds, when its consumer counted them while reading it (set before
   * asking for the next batch); otherwise the reader counts them itself.
   */
  lineCount: number | undefined;
}

/** Newline bytes in `bytes`. */
function countLines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

const NEWLINE_BYTE = Buffer.from('\n');

/** The batch's lines as text (the newline of the last one dropped). */
export function linesOf(batch: LineBatch): string[] {
  return batch.bytes.toString('utf8', 0, batch.bytes.length - 1).split('\n');
}

/**
 * A plain file's bytes a chunk at a time, read into one buffer used again for every chunk: its
 * consumer is done with a chunk before asking for the next. (A read stream allocates a new 1 MiB
 * buffer per chunk, which the OS maps, faults in and frees again.)
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** The gunzipped bytes of the file at `path`, a chunk at a time, and how to close the file early. */
function gunzipChunks(path: string): { chunks: AsyncIterable<Buffer>; close: () => void } {
  const file = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const gunzip = file.pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
  file.on('error', (error) => gunzip.destroy(error));
  return { chunks: gunzip, close: () => file.destroy() };
}

/**
 * Streams a recording's lines in batches, one per chunk read (about 1 MiB; gunzipped when `path`
 * ends `.gz`), cut at the chunk's last newline so a batch never ends inside a line (or a UTF-8
 * character), after checking the header line: the replay reads the lines itself. Lines are not
 * parsed here; {@link recordAt} parses one.
 *
 * @throws MockExchangeError as {@link readRecording} does, for the header, an empty file, an
 *   unreadable file and a damaged gzip stream (skipped with a warning under `lenient` once lines were read).
 */
export async function* readLineBatches(path: string, options: ReadRecordingOptions = {}): AsyncGenerator<LineBatch> {
  const gzip = path.endsWith('.gz') ? gunzipChunks(path) : undefined;
  const source = gzip?.chunks ?? fileChunks(path);
  /** Lines read up to the end of the last batch yielded, or of the one before it while that one is {@link pending}. */
  let line = 0;
  /** The last batch yielded, its lines not yet added to `line` (its consumer may have counted them). */
  let pending: LineBatch | undefined;
  const settle = (): void => {
    if (pending !== undefined) line += pending.lineCount ?? countLines(pending.bytes);
    pending = undefined;
  };
  /** Bytes after the last newline read so far (a line not yet complete). */
  let rest: Buffer = Buffer.alloc(0);
  /** `bytes`: whole lines, each with its newline; the header (line 1) is checked and dropped. */
  const batch = (bytes: Buffer): LineBatch | undefined => {
    settle();
    if (line > 0) return (pending = { firstLine: line + 1, bytes, lineCount: undefined });
    const headerEnd = bytes.indexOf(NEWLINE);
    checkHeader(path, bytes.toString('utf8', 0, headerEnd));
    line = 1;
    return headerEnd === bytes.length - 1 ? undefined : (pending = { firstLine: 2, bytes: bytes.subarray(headerEnd + 1), lineCount: undefined });
  };
  try {
    for await (const chunk of source) {
      const end = chunk.lastIndexOf(NEWLINE);
      if (end === -1) {
        rest = Buffer.concat([rest, chunk]);
        continue;
      }
      // The line begun in an earlier chunk is joined on its own, so the chunk's whole lines are read
      // where they are (each batch is used up before the next chunk is read); the bytes after the
      // last newline are copied, as the chunk's memory is read over by the next.
      let from = 0;
      if (rest.length > 0) {
        from = chunk.indexOf(NEWLINE) + 1;
        const joined = batch(Buffer.concat([rest, chunk.subarray(0, from)]));
        if (joined !== undefined) yield joined;
      }
      rest = Buffer.from(chunk.subarray(end + 1));
      if (from <= end) {
        const next = batch(chunk.subarray(from, end + 1));
        if (next !== undefined) yield next;
      }
      // The batch's lines counted before its bytes are read over.
      settle();
    }
  } catch (error) {
    if (error instanceof MockExchangeError) throw error;
    settle();
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      throw new MockExchangeError('INVALID_OPTIONS', `cannot read recording ${path} (${code})`, { field: 'path', value: path });
    }
    // zlib: a gzip stream cut short or damaged.
    const reason = `the gzip stream is damaged or truncated (${(error as Error).message})`;
    if (options.lenient !== true || line === 0) throw invalid(path, line + 1, reason, error);
    options.onWarning?.({ line: line + 1, reason });
    return;
  } finally {
    gzip?.close();
  }
  // A last line without its newline: truncated unless it parses (given its newline here, like every other line).
  const last = rest.length === 0 ? undefined : batch(Buffer.concat([rest, NEWLINE_BYTE]));
  if (last !== undefined) yield last;
  settle();
  if (line === 0) throw invalid(path, 1, 'the recording is empty (no header line)');
}

/**
 * Parses line number `line` of the recording at `path` (not the header).
 * @returns the record, or `undefined` for a blank line or (under `lenient`, reported to `onWarning`) a corrupt one.
 * @throws MockExchangeError `INVALID_RECORDING` naming the line for a corrupt line unless `lenient`.
 */
export function recordAt(path: string, text: string, line: number, options: ReadRecordingOptions): RecordedFrame | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseRecord(text, line);
  if (typeof parsed !== 'string') return parsed;
  if (options.lenient !== true) throw invalid(path, line, parsed);
  options.onWarning?.({ line, reason: parsed });
  return undefined;
}

/**
 * Streams a WebSocket recording (JSONL, gunzipped when `path` ends `.gz`): checks the header line,
 * then yields each frame line in order, holding only one chunk in memory.
 *
 * @throws MockExchangeError `INVALID_RECORDING` with the line number (`value`) for a bad header, a
 *   corrupt or truncated line (skipped with a warning under `lenient`), or a truncated gzip stream;
 *   `INVALID_OPTIONS` when the file cannot be read.
 */
export async function* readRecording(path: string, options: ReadRecordingOptions = {}): AsyncGenerator<RecordedFrame> {
  for await (const batch of readLineBatches(path, options)) {
    const lines = linesOf(batch);
    for (let i = 0; i < lines.length; i++) {
      const record = recordAt(path, lines[i]!, batch.firstLine + i, options);
      if (record !== undefined) yield record;
    }
  }
}
