import { parseArgs, USAGE, UsageError } from './args.js';
import { serve } from './serve.js';
import { snapshot } from './snapshot.js';

/**
 * `kalshi-mock`'s entry: parses `argv`, then serves until SIGINT/SIGTERM (resolving undefined
 * once closed) or runs `snapshot`. Resolves the exit status for usage errors (2) and `--help` (0).
 */
export async function run(argv: readonly string[]): Promise<number | undefined> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`kalshi-mock: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'snapshot') {
    const text = await snapshot(args);
    if (args.out === undefined) process.stdout.write(text);
    else process.stderr.write(`kalshi-mock: wrote ${args.out}\n`);
    return 0;
  }
  const { running, lines } = await serve(args);
  process.stdout.write(`${lines.join('\n')}\nready\n`);
  await new Promise<void>((resolve) => {
    let closing = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (closing) {
        process.exit(1); // a second signal: stop now
      }
      closing = true;
      process.stderr.write(`kalshi-mock: ${signal}, shutting down\n`);
      running.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stderr.write('kalshi-mock: stopped\n');
  return 0;
}
