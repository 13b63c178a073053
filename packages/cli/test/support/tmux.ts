import { spawnSync } from 'node:child_process';
import { until } from './cli.js';

/** tmux on its own socket (one per test file), so a test never touches a user's sessions. */
export class Tmux {
  readonly socket: string;

  constructor(name: string) {
    this.socket = `kalshi-cli-${name}-${process.pid}`;
  }

  /** Runs a tmux command. @throws with an install hint when tmux is missing. */
  run(...args: string[]): string {
    const r = spawnSync('tmux', ['-L', this.socket, ...args], { encoding: 'utf8' });
    if (r.error !== undefined) {
      throw new Error(`tmux is needed for the terminal tests and could not run (${r.error.message}); install it: apt-get install -y tmux`);
    }
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** Starts `argv` (quoted for the shell) in a detached 100×30 session; the pane then prints `EXIT=<status>` and stays. */
  start(session: string, argv: readonly string[]): void {
    const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
    this.run('new-session', '-d', '-s', session, '-x', '100', '-y', '30', `${argv.map(quote).join(' ')}; echo "EXIT=$?"; sleep 600`);
  }

  screen(session: string): string {
    return this.run('capture-pane', '-p', '-t', session);
  }

  /** Resolves with the screen once it matches `pattern`; fails with the last screen after the deadline. */
  async shows(session: string, pattern: RegExp, what: string): Promise<string> {
    let last = '';
    try {
      await until(() => pattern.test((last = this.screen(session))), what);
    } catch (error) {
      throw new Error(`${(error as Error).message}; the screen was:\n${last}`);
    }
    return last;
  }

  keys(session: string, ...keys: string[]): void {
    this.run('send-keys', '-t', session, ...keys);
  }

  /** Ends the tmux server of this socket (ignores a server that never started). */
  kill(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
  }
}
