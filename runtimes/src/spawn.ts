// Runs one program with a deadline, in its own process group, and leaves none of its processes behind.
import { spawn } from 'node:child_process';

/** Process groups still running: killed if the runner itself exits or is interrupted. */
const live = new Set<number>();
process.once('exit', () => live.forEach(killGroup));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));

export interface ProgramRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface ProgramOptions {
  cwd: string;
  env?: Record<string, string> | undefined;
  deadlineMs: number;
}

/** Spawns `command args`; past `deadlineMs` its whole process group gets SIGKILL and `timedOut` is true. */
export function runProgram(command: string, args: string[], options: ProgramOptions): Promise<ProgramRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) live.add(child.pid);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.deadlineMs);
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      clearTimeout(timer);
      killGroup(child.pid);
      resolve({ code, signal, stdout, stderr: error ? `${stderr}${error.message}` : stderr, timedOut, ms: Date.now() - started });
    };
    child.once('error', (error) => finish(null, null, error));
    child.once('close', (code, signal) => finish(code, signal));
  });
}

/** A started background program (workerd), stopped with `stop()`. */
export interface BackgroundProgram {
  output(): string;
  exited: Promise<number | null>;
  stop(): void;
}

export function startProgram(command: string, args: string[], cwd: string): BackgroundProgram {
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) live.add(child.pid);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => {
    child.once('error', (error) => {
      output += error.message;
      resolve(null);
    });
    child.once('close', (code) => resolve(code));
  });
  return { output: () => output, exited, stop: () => killGroup(child.pid) };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  live.delete(pid);
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // the group is already gone
  }
}
