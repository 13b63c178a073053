import { createReadStream } from 'node:fs';
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

/**
 * Streams a WebSocket recording (JSONL, gunzipped when `path` ends `.gz`): checks the header line,
 * then yields each frame line in order, holding only one chunk in memory.
 *
 * @throws MockExchangeError `INVALID_RECORDING` with the line number (`value`) for a bad header, a
 *   corrupt or truncated line (skipped with a warning under `lenient`), or a truncated gzip stream;
 *   `INVALID_OPTIONS` when the file cannot be read.
 */
export async function* readRecording(path: string, options: ReadRecordingOptions = {}): AsyncGenerator<RecordedFrame> {
  const file = createReadStream(path);
  const source = path.endsWith('.gz') ? file.pipe(createGunzip()) : file;
  if (source !== file) file.on('error', (error) => source.destroy(error));
  let line = 0;
  let rest = '';
  const take = function* (text: string): Generator<RecordedFrame> {
    line++;
    if (line === 1) {
      checkHeader(path, text);
      return;
    }
    if (text.trim() === '') return;
    const parsed = parseRecord(text, line);
    if (typeof parsed !== 'string') {
      yield parsed;
      return;
    }
    if (options.lenient !== true) throw invalid(path, line, parsed);
    options.onWarning?.({ line, reason: parsed });
  };
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      const text = rest + chunk.toString('utf8');
      let start = 0;
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
        yield* take(text.slice(start, end));
        start = end + 1;
      }
      rest = text.slice(start);
    }
  } catch (error) {
    if (error instanceof MockExchangeError) throw error;
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
    file.destroy();
  }
  if (rest !== '') yield* take(rest); // a last line without its newline: truncated unless it parses
  if (line === 0) throw invalid(path, 1, 'the recording is empty (no header line)');
}
