/**
 * Request signing, one group per Kalshi key type, each group's cases measured in the same run:
 *
 * - `rsa-2048 sign`: the Node signer, the raw `crypto.sign` limit with a cached KeyObject, and the
 *   PEM parsed on every call as Kalshi's sample code does.
 * - `ed25519 sign`: the Node signer against the raw `crypto.sign(null, ...)` limit with a cached KeyObject.
 *
 * Target in both: the Node signer reaches at least 95% of the raw rate.
 *
 * Timed in process CPU time, not wall time: the machine is shared, and a neighbour taking the
 * core mid-case would otherwise decide the ratio (on an idle core the two clocks agree). Cases
 * run in alternating order over many short rounds; each case reports its median round.
 */
import { constants, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createNodeSigner } from '../packages/auth/src/index.ts';
import { measureRounds, withRatioTarget } from './rounds.ts';
import type { BenchResult, BenchSuite } from './types.ts';

const RSA_GROUP = 'rsa-2048 sign';
const ED25519_GROUP = 'ed25519 sign';
const RAW = 'crypto.sign, cached KeyObject (raw limit)';
const SIGNER = 'createNodeSigner().sign';
const PEM_EACH_CALL = 'crypto.sign, PEM parsed every call (Kalshi sample)';
const MIN_RATIO = 0.95;
/** 100 rounds of 20 ms CPU per case (2 s per case): the cases interleave finely, so a neighbour's burst hits all of them alike. */
const ROUNDS = 100;
const TIME_PER_ROUND_MS = 20;

/** Runs the cases of one group interleaved over {@link ROUNDS} rounds; returns each case's median-round result, by name. */
const measureGroup = (group: string, cases: Record<string, () => unknown>): Promise<Map<string, BenchResult>> =>
  measureRounds({ group, cases, rounds: ROUNDS, roundMs: TIME_PER_ROUND_MS, iterations: 8 });

/** `result` with its ratio to `raw` as a ≥ {@link MIN_RATIO} target. */
const withTarget = (result: BenchResult, raw: BenchResult): BenchResult => withRatioTarget(result, raw, MIN_RATIO);

const suite: BenchSuite = async () => {
  const message = `${Date.now()}GET/trade-api/v2/portfolio/orders`;

  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const rsaPem = rsa.export({ type: 'pkcs1', format: 'pem' }).toString();
  const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };
  const rsaCached: KeyObject = rsa;
  const rsaSigner = createNodeSigner(rsaPem);
  const rsaResults = await measureGroup(RSA_GROUP, {
    [RAW]: () => sign('sha256', Buffer.from(message), { key: rsaCached, ...pss }).toString('base64'),
    [SIGNER]: () => rsaSigner.sign(message),
    [PEM_EACH_CALL]: () => sign('sha256', Buffer.from(message), { key: rsaPem, ...pss }).toString('base64'),
  });

  const ed25519 = generateKeyPairSync('ed25519').privateKey;
  const ed25519Pem = ed25519.export({ type: 'pkcs8', format: 'pem' }).toString();
  const ed25519Cached: KeyObject = ed25519;
  const ed25519Signer = createNodeSigner(ed25519Pem);
  const edResults = await measureGroup(ED25519_GROUP, {
    [RAW]: () => sign(null, Buffer.from(message), ed25519Cached).toString('base64'),
    [SIGNER]: () => ed25519Signer.sign(message),
  });

  const rsaRaw = rsaResults.get(RAW)!;
  const edRaw = edResults.get(RAW)!;
  return [
    rsaRaw,
    withTarget(rsaResults.get(SIGNER)!, rsaRaw),
    rsaResults.get(PEM_EACH_CALL)!,
    edRaw,
    withTarget(edResults.get(SIGNER)!, edRaw),
  ];
};

export default suite;
