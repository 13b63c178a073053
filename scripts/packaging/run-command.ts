import { spawn } from 'node:child_process';
import { PackagingError } from './errors.ts';

/** What a finished child process did. */
export interface CommandResult {
  /** Exit code (1 when the process was killed by a signal). */
  readonly code: number;
  /** stdout and stderr interleaved in arrival order. */
  readonly output: string;
}

/** Options of {@link runCommand}. */
export interface RunCommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Also copy the output to this process's stdout/stderr as it arrives. Default false (captured only). */
  readonly echo?: boolean;
}

/**
 * Runs `command args…` without a shell and captures its output. Resolves with the exit code
 * whatever it is; rejects only when the command cannot be started.
 * @throws {PackagingError} `COMMAND_FAILED` when the executable is missing.
 */
export function runCommand(command: string, args: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (options.echo) process.stderr.write(chunk);
    });
    child.on('error', (cause) =>
      reject(new PackagingError('COMMAND_FAILED', `cannot start ${command}: ${cause.message}`, { value: [command, ...args].join(' '), cause })),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * {@link runCommand}, failing on a non-zero exit.
 * @throws {PackagingError} `COMMAND_FAILED` with the command line and the tail of its output.
 */
export async function mustRun(command: string, args: readonly string[], options: RunCommandOptions): Promise<string> {
  const { code, output } = await runCommand(command, args, options);
  if (code !== 0) {
    const line = [command, ...args].join(' ');
    throw new PackagingError('COMMAND_FAILED', `\`${line}\` exited ${code} in ${options.cwd}`, { value: line, output: output.slice(-4000) });
  }
  return output;
}
