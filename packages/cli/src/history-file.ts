import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { KalshiCliError } from './errors.js';

/** What a resumable export remembers between runs (`<out>.resume.json`). */
export interface ResumeState {
  readonly version: 1;
  /** The export's identity: kind and every option that changes its rows. A resume must match it. */
  readonly export: Readonly<Record<string, string | number>>;
  /** The cursor of the next page to fetch; null before the first page. */
  readonly cursor: string | null;
  readonly pages: number;
  readonly items: number;
  /** Bytes of `out` that hold complete pages; anything after them is cut on resume. */
  readonly bytes: number;
}

/** `csv` or `jsonl`, from the file name. */
export type OutFormat = 'csv' | 'jsonl';

/** The format of `path` by its extension. @throws KalshiCliError `CLI_USAGE` for another extension. */
export function formatOf(path: string): OutFormat {
  if (path.endsWith('.csv')) return 'csv';
  if (path.endsWith('.jsonl')) return 'jsonl';
  throw new KalshiCliError('CLI_USAGE', `--out must end in .csv or .jsonl, got ${JSON.stringify(path)}`);
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV lines (`columns` picked from each object) or JSON lines (the whole object). */
export function encodeRows(format: OutFormat, columns: readonly string[], rows: ReadonlyArray<Readonly<Record<string, unknown>>>): string {
  if (format === 'jsonl') return rows.map((r) => `${JSON.stringify(r)}\n`).join('');
  return rows.map((r) => `${columns.map((c) => csvCell(r[c])).join(',')}\n`).join('');
}

/**
 * The output file of an export and its resume state. Each page is appended, then the state is
 * replaced atomically (write + rename) with the new byte length and cursor, so a run killed at any
 * point resumes from the last complete page: the partial page is cut off and fetched again.
 */
export class ResumableFile {
  readonly path: string;
  readonly statePath: string;
  #state: ResumeState;
  #fd: number;

  private constructor(path: string, state: ResumeState) {
    this.path = path;
    this.statePath = `${path}.resume.json`;
    this.#state = state;
    truncateSync(path, state.bytes);
    this.#fd = openSync(path, 'a');
  }

  /**
   * Opens `path` for the export `identity`: resumes when `<path>.resume.json` holds the same
   * export, starts afresh (writing `header`) when `path` does not exist or `overwrite` is set.
   * @throws KalshiCliError `CLI_USAGE` when the state is for another export, or `path` exists without one.
   */
  static open(path: string, identity: Readonly<Record<string, string | number>>, header: string, overwrite: boolean): { file: ResumableFile; resumed: boolean } {
    const statePath = `${path}.resume.json`;
    if (existsSync(statePath) && !overwrite) {
      const state = JSON.parse(readFileSync(statePath, 'utf8')) as ResumeState;
      if (JSON.stringify(state.export) !== JSON.stringify(identity)) {
        throw new KalshiCliError('CLI_USAGE', `${statePath} belongs to another export (${JSON.stringify(state.export)}); re-run with the same options, or pass --overwrite to start again`);
      }
      if (!existsSync(path) || statSync(path).size < state.bytes) throw new KalshiCliError('CLI_USAGE', `${path} is shorter than ${statePath} says; pass --overwrite to start again`);
      return { file: new ResumableFile(path, state), resumed: true };
    }
    if (existsSync(path) && !overwrite) throw new KalshiCliError('CLI_USAGE', `${path} already exists (a finished export); pass --overwrite to replace it`);
    writeFileSync(path, header);
    const state: ResumeState = { version: 1, export: identity, cursor: null, pages: 0, items: 0, bytes: Buffer.byteLength(header) };
    const file = new ResumableFile(path, state);
    file.#saveState();
    return { file, resumed: false };
  }

  /** The saved state of an unfinished export to `path`, if any. */
  static peek(path: string): ResumeState | undefined {
    const statePath = `${path}.resume.json`;
    return existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as ResumeState) : undefined;
  }

  get state(): ResumeState {
    return this.#state;
  }

  /** Appends one page's text and records `next` as the cursor to resume from. */
  appendPage(text: string, items: number, next: string | null): void {
    const bytes = Buffer.from(text, 'utf8');
    writeSync(this.#fd, bytes);
    this.#state = { ...this.#state, cursor: next, pages: this.#state.pages + 1, items: this.#state.items + items, bytes: this.#state.bytes + bytes.length };
    this.#saveState();
  }

  /** The export is complete: closes the file and removes the resume state. */
  finish(): void {
    closeSync(this.#fd);
    rmSync(this.statePath, { force: true });
  }

  /** Stops early: closes the file and keeps the resume state. */
  suspend(): void {
    closeSync(this.#fd);
  }

  #saveState(): void {
    const tmp = `${this.statePath}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(this.#state)}\n`);
    renameSync(tmp, this.statePath);
  }
}
