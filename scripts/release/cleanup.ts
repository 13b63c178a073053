/**
 * Everything a run made, undone once: child processes stopped and scratch folders removed, in
 * reverse order, when the run ends — normally, on an error, or on SIGINT/SIGTERM/SIGHUP.
 */

/** Undo steps, run last-in first-out by {@link Cleanup.run}. */
export class Cleanup {
  private readonly steps: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  /** Adds a step; it runs before every step added earlier. */
  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  /** Runs every step once (a step's failure is printed and the others still run); later calls wait for the first. */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step();
        } catch (e) {
          console.error(`cleanup: ${(e as Error).message}`);
        }
      }
    })();
    return this.running;
  }

  /**
   * Runs the cleanup, then exits with 128 + the signal's number, when the process gets SIGINT,
   * SIGTERM or SIGHUP. Returns a function that removes the handlers.
   */
  onSignals(exit: (code: number) => void = (code) => process.exit(code)): () => void {
    const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
    const handlers = Object.entries(codes).map(([signal, code]) => {
      const handler = () => {
        console.error(`\n${signal}: stopping the registry and removing the scratch folders`);
        void this.run().then(() => exit(code));
      };
      process.once(signal, handler);
      return [signal, handler] as const;
    });
    return () => handlers.forEach(([signal, handler]) => process.off(signal, handler));
  }
}
