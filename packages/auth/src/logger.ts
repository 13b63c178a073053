/**
 * The one logger interface of the REST, WebSocket and FIX clients, in pino's argument order
 * (`logger.info({ fields }, 'message')`), with secrets redacted before anything reaches it. No
 * `node:` imports.
 */

/** Log levels, lowest first. */
export const KALSHI_LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

/** One of {@link KALSHI_LOG_LEVELS}. */
export type KalshiLogLevel = (typeof KALSHI_LOG_LEVELS)[number];

/**
 * Where the clients log: structured fields first, then a short message, as pino takes them. A
 * pino logger fits as it is; so does `console` (fields are printed before the message), or use
 * {@link consoleLogger} for level filtering. The clients pass every call through
 * {@link redactingLogger}, so no field named like a key, signature, secret, passphrase, token or
 * authorization header, and no PEM text, reaches it.
 */
export interface KalshiLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Field names whose values are never logged (case-insensitive, anywhere in the name). */
const SECRET_NAME = /key|signature|secret|passphrase|password|authorization|token|pem|credential|signer/i;
const MAX_DEPTH = 6;

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function redactValue(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.includes('-----BEGIN') ? REDACTED : value;
  if (typeof value !== 'object' || value === null || depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  // Key handles: a node:crypto KeyObject (asymmetricKeyType / symmetricKeySize) or a CryptoKey (algorithm + usages).
  if ('asymmetricKeyType' in value || 'symmetricKeySize' in value || ('algorithm' in value && 'usages' in value)) return REDACTED;
  const headers = value as { forEach?: unknown; get?: unknown };
  if (typeof headers.forEach === 'function' && typeof headers.get === 'function' && !isPlainObject(value)) {
    // A fetch Headers (or Map): log its entries, redacted by name.
    const entries: Record<string, unknown> = {};
    (value as { forEach(cb: (v: unknown, k: unknown) => void): void }).forEach((v, k) => {
      entries[String(k)] = v;
    });
    return redactFields(entries, depth + 1);
  }
  return isPlainObject(value) ? redactFields(value, depth + 1) : value;
}

/**
 * A copy of `fields` safe to log: values of fields named like a key, signature, secret,
 * passphrase, password, token, PEM, credential, signer or authorization header (e.g.
 * `KALSHI-ACCESS-SIGNATURE`, `privateKey`, `apiKeyId`) become {@link REDACTED}, as do PEM text
 * anywhere, `KeyObject`s and `CryptoKey`s; plain objects, arrays and `Headers` are walked (six
 * levels deep). Other class instances (errors, decimals) are kept as they are.
 */
export function redactFields(fields: object, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(fields)) {
    out[name] = SECRET_NAME.test(name) && value !== undefined ? REDACTED : redactValue(value, depth);
  }
  return out;
}

/**
 * Wraps `logger` so every call's fields go through {@link redactFields} first; methods are called
 * on `logger` itself (pino's methods need their `this`). The clients do this to any `logger`
 * option; wrap your own only to log SDK objects yourself.
 */
export function redactingLogger(logger: KalshiLogger): KalshiLogger {
  const at =
    (level: KalshiLogLevel) =>
    (fields: object, message?: string): void => {
      const safe = redactFields(fields);
      if (message === undefined) logger[level](safe);
      else logger[level](safe, message);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The four `console` methods {@link consoleLogger} writes to. */
export type ConsoleLike = Pick<Console, KalshiLogLevel>;

/**
 * A {@link KalshiLogger} on `console` that drops calls below `level`, printing
 * `message fields` (e.g. `kalshi rest request { operationId: 'GetMarket', attempt: 1, status: 200, latencyMs: 12 }`).
 * @param level The lowest level printed; default `'info'`. `'silent'` prints nothing.
 * @param sink Where to print; default `globalThis.console`.
 */
export function consoleLogger(level: KalshiLogLevel | 'silent' = 'info', sink: ConsoleLike = console): KalshiLogger {
  const threshold = level === 'silent' ? KALSHI_LOG_LEVELS.length : KALSHI_LOG_LEVELS.indexOf(level);
  const at =
    (l: KalshiLogLevel) =>
    (fields: object, message?: string): void => {
      if (KALSHI_LOG_LEVELS.indexOf(l) < threshold) return;
      if (message === undefined) sink[l](fields);
      else sink[l](message, fields);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
