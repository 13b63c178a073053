import { Command, CommanderError, Option } from 'commander';
import { registerBook } from './commands/book.js';
import { registerFills } from './commands/fills.js';
import { registerHistory } from './commands/history.js';
import { registerKeys } from './commands/keys.js';
import { registerMarketData } from './commands/market-data.js';
import { registerMock } from './commands/mock.js';
import { registerOrder } from './commands/order.js';
import { registerPortfolio } from './commands/portfolio.js';
import { registerSpecs } from './commands/specs.js';
import { CliContext, type GlobalOptions } from './context.js';
import { EXIT_CODES, oneLine, toCliError } from './errors.js';
import { processIO, type CliIO } from './output.js';

/** Wraps a command action: builds its {@link CliContext} from the global options, then runs it. */
export type RunWith = (action: (ctx: CliContext, ...args: any[]) => Promise<number | void>) => (...args: any[]) => Promise<void>;

function buildProgram(io: CliIO): { program: Command; status: () => number } {
  let status: number = EXIT_CODES.ok;
  const program = new Command('kalshi')
    .description("Kalshi from the terminal: market data, a live order book, orders, portfolio, history export, key checks, the mock exchange, spec diffs")
    .option('--env <env>', 'demo or production (default demo; also KALSHI_ENV or the profile)')
    .option('--profile <name>', 'profile of ~/.config/kalshi/config.toml (also KALSHI_PROFILE)')
    .option('--key-id <id>', 'API key id (also KALSHI_API_KEY_ID)')
    .option('--private-key-path <path>', 'private key PEM file (also KALSHI_PRIVATE_KEY_PATH, or the PEM text in KALSHI_PRIVATE_KEY)')
    .option('--json', 'print results as JSON, for scripts')
    .option('-y, --yes', 'do not ask before writes on production')
    .addOption(new Option('--base-url <url>', 'REST base URL instead of the environment (a mock: http://127.0.0.1:PORT/trade-api/v2)'))
    .addOption(new Option('--ws-url <url>', 'WebSocket URL instead of the environment (default: derived from --base-url)'))
    .addOption(new Option('--config <path>', 'config file instead of ~/.config/kalshi/config.toml').hideHelp())
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => undefined, // reported as one line by run()
    });
  const runWith: RunWith =
    (action) =>
    async (...args) => {
      const command = args[args.length - 1] as Command;
      const ctx = new CliContext(command.optsWithGlobals<GlobalOptions>(), io);
      const code = await action(ctx, ...args.slice(0, -1));
      if (typeof code === 'number') status = code;
    };
  registerMarketData(program, runWith);
  registerBook(program, runWith);
  registerOrder(program, runWith);
  registerPortfolio(program, runWith);
  registerFills(program, runWith);
  registerHistory(program, runWith);
  registerKeys(program, runWith);
  registerMock(program, runWith);
  registerSpecs(program, runWith);
  for (const command of program.commands) command.exitOverride().configureOutput({ outputError: () => undefined });
  return { program, status: () => status };
}

/**
 * Runs `kalshi` with `argv` (without `node` and the script) and resolves its exit status:
 * 0 done, 1 a failure not caused by the input, 2 bad input (one line on stderr), 130 interrupted.
 * Never throws: every error becomes one `kalshi: …` line on `io.stderr`.
 */
export async function run(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  try {
    const { program, status } = buildProgram(io);
    await program.parseAsync([...argv], { from: 'user' });
    return status();
  } catch (error) {
    // --help: done. A command group without its subcommand (`kalshi order`) prints its help to stderr: a usage error.
    if (error instanceof CommanderError && (error.code === 'commander.helpDisplayed' || error.code === 'commander.version')) return EXIT_CODES.ok;
    if (error instanceof CommanderError && error.code === 'commander.help') return EXIT_CODES.badInput;
    const cli = toCliError(error);
    io.stderr.write(`kalshi: ${oneLine(cli.message)}\n`);
    return cli.exitCode;
  }
}
