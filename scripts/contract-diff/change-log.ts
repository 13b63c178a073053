import type { RawChange } from './types.ts';

/** A change being collected: `usedBy` still grows while other operations reach the same schema. */
interface Entry extends Omit<RawChange, 'usedBy'> {
  readonly usedBy: Set<string>;
}

/** What an engine reports: a raw change without `usedBy`, which the log fills. */
export type Finding = Omit<RawChange, 'usedBy'>;

/**
 * Collects the changes of one diff. Frames let the schema engine remember which changes a
 * shared schema produced, so a second operation reaching it only adds itself to their `usedBy`.
 */
export class ChangeLog {
  readonly #all: Entry[] = [];
  readonly #frames: Entry[][] = [];

  /** Records a change reached from `root` (an operation or message label, or several). */
  add(finding: Finding, root: string | readonly string[]): void {
    const { before, after, ...rest } = finding;
    const entry: Entry = {
      ...rest,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
      usedBy: new Set(typeof root === 'string' ? [root] : root),
    };
    this.#all.push(entry);
    for (const frame of this.#frames) frame.push(entry);
  }

  /** Starts remembering the changes added until the matching {@link close}. */
  open(): void {
    this.#frames.push([]);
  }

  /** Stops the innermost frame and returns what it saw (an opaque handle for {@link reuse}). */
  close(): readonly object[] {
    return this.#frames.pop() ?? [];
  }

  /** Marks the changes of a closed frame as reached from `root` as well. */
  reuse(handle: readonly object[], root: string): void {
    for (const entry of handle as readonly Entry[]) {
      entry.usedBy.add(root);
      for (const frame of this.#frames) frame.push(entry);
    }
  }

  /** The changes collected so far, `usedBy` sorted. */
  list(): RawChange[] {
    return this.#all.map(({ usedBy, ...rest }) => ({ ...rest, usedBy: [...usedBy].sort() }));
  }
}
