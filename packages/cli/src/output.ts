import Table from 'cli-table3';
import pc from 'picocolors';

/** Box drawing without lines between rows. */
const COMPACT = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };

/** Where a command writes: stdout for results, stderr for progress and errors. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { readonly isTTY?: boolean };
  readonly stdin: NodeJS.ReadableStream & { readonly isTTY?: boolean; setRawMode?(mode: boolean): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams and environment. */
export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Writes a command's result as a table or text, or as JSON with `--json`. */
export class Output {
  readonly json: boolean;
  readonly #io: CliIO;

  constructor(io: CliIO, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /** One JSON document (pretty) on stdout. */
  printJson(value: unknown): void {
    this.#io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** One JSON value on one line (a stream of events, `--follow`, `--watch`). */
  printJsonLine(value: unknown): void {
    this.#io.stdout.write(`${JSON.stringify(value)}\n`);
  }

  /** A line of text on stdout. */
  line(text = ''): void {
    this.#io.stdout.write(`${text}\n`);
  }

  /** A note on stderr (progress, hints), kept out of stdout so pipes see only results. */
  note(text: string): void {
    this.#io.stderr.write(`${text}\n`);
  }

  /** A table with a bold header row; an empty table prints `(none)`. */
  table(head: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): void {
    if (rows.length === 0) {
      this.line(pc.dim('(none)'));
      return;
    }
    const table = new Table({ head: head.map((h) => pc.bold(h)), style: { head: [], border: [] }, chars: COMPACT });
    for (const row of rows) table.push([...row]);
    this.line(table.toString());
  }

  /** `key  value` pairs as a two-column table. */
  fields(pairs: ReadonlyArray<readonly [string, string]>): void {
    const table = new Table({ style: { head: [], border: [] }, chars: COMPACT });
    for (const [k, v] of pairs) table.push({ [pc.bold(k)]: v });
    this.line(table.toString());
  }
}
