/**
 * `@kalshi-sdk/cli`: the `kalshi` command. The package's main use is its bin; this entry lets a
 * program run the same commands in process and read the configuration the same way.
 */
export { loadConfig, defaultConfigPath, selectProfile, type CliConfig, type Profile } from './config.js';
export { resolveCredentials, type CredentialSources, type Credentials } from './credentials.js';
export { EXIT_CODES, KalshiCliError, type KalshiCliErrorCode } from './errors.js';
export type { CliIO } from './output.js';
export { run } from './program.js';
