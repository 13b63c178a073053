// Runs one compiled snippet program in its own Node process, as a reader would run it.
import { execFile } from 'node:child_process';

export interface SnippetRun {
  /** The exit code; null when the process was killed (timeout). */
  readonly exitCode: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `jsFile` with `node` in `cwd`. The environment is the caller's `env` alone plus PATH, so no
 * KALSHI_* variable of the machine running the test reaches the program.
 */
export function runSnippet(jsFile: string, options: { cwd: string; env: Record<string, string>; timeoutMs: number }): Promise<SnippetRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [jsFile],
      { cwd: options.cwd, env: { PATH: process.env['PATH'] ?? '', ...options.env }, timeout: options.timeoutMs, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}
