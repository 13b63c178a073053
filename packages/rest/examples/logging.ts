/**
 * Credentials from the environment, a logger, and the local refusal of a call that needs credentials.
 * Run: `KALSHI_API_KEY_ID=... KALSHI_PRIVATE_KEY_PATH=./key.pem npx tsx examples/logging.ts`
 */
// readme:start
import { consoleLogger, createClient, KalshiConfigError, type ClientOptions, type KalshiLogger } from '@kalshi-sdk/rest';

/** The balance in dollars, logging one debug line per attempt; without credentials, why not. */
export async function loggedBalance(where: Pick<ClientOptions, 'environment' | 'baseUrl' | 'credentials'>, logger: KalshiLogger = consoleLogger('debug')) {
  // No `credentials`: KALSHI_API_KEY_ID with KALSHI_PRIVATE_KEY or KALSHI_PRIVATE_KEY_PATH, if set.
  // A pino logger fits as it is: createClient({ logger: pino({ level: 'debug' }) }).
  const kalshi = createClient({ ...where, logger });
  try {
    const { data } = await kalshi.GET('/portfolio/balance'); // debug: { operationId: 'GetBalance', attempt: 1, status: 200, latencyMs: 41 }
    return data.balance_dollars;
  } catch (error) {
    // Refused before anything was sent, naming the operation.
    if (error instanceof KalshiConfigError && error.code === 'REST_CREDENTIALS_REQUIRED') return `${error.operationId} needs credentials`;
    throw error;
  }
}
// readme:end

if (import.meta.url === `file://${process.argv[1]}`) {
  const where = process.env.KALSHI_BASE_URL ? { baseUrl: process.env.KALSHI_BASE_URL } : { environment: 'demo' as const };
  console.log(await loggedBalance(where));
}
