import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPrivateKey, type KalshiAuthErrorCode } from '../src/index.js';
import { expectAuthError, keys, PASSPHRASE, pemOf } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'kalshi-auth-'));
const file = (name: string, contents: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
};
const publicPem = keys.spki;
const fakeCertificate = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----\n';
const bareBase64 = randomBytes(600).toString('base64');

describe('loadPrivateKey accepts', () => {
  it.each<[string, { given: string; passphrase?: string }]>([
    ['PKCS#1 PEM (what Kalshi issues)', { given: keys.pkcs1 }],
    ['PKCS#8 PEM', { given: keys.pkcs8 }],
    ['encrypted PKCS#8 PEM with its passphrase', { given: keys.pkcs8Encrypted, passphrase: PASSPHRASE }],
    ['legacy-encrypted PKCS#1 PEM with its passphrase', { given: keys.pkcs1Encrypted, passphrase: PASSPHRASE }],
    ['a passphrase given for a plain key (ignored)', { given: keys.pkcs1, passphrase: 'unused' }],
    ['CRLF line ends', { given: keys.pkcs1.replace(/\n/g, '\r\n') }],
    ['literal \\n escapes, as in an env var', { given: keys.pkcs1.replace(/\n/g, '\\n') }],
    ['indented lines, as in YAML', { given: keys.pkcs8.replace(/^/gm, '    ') }],
    ['a certificate and text before the key', { given: `subject=CN=me\n${fakeCertificate}${keys.pkcs1}` }],
    ['a path to a PKCS#1 file', { given: file('kalshi.key', keys.pkcs1) }],
    ['a path to an encrypted PKCS#8 file', { given: file('kalshi-enc.pem', keys.pkcs8Encrypted), passphrase: PASSPHRASE }],
  ])('%s', (_name, { given, passphrase }) => {
    const key = loadPrivateKey(given, passphrase === undefined ? {} : { passphrase });
    expect(key.type).toBe('private');
    expect(key.asymmetricKeyType).toBe('rsa');
    expect(key.export({ type: 'pkcs1', format: 'pem' })).toBe(keys.pkcs1);
  });
});

describe('loadPrivateKey accepts Ed25519 (PKCS#8, as Kalshi issues it)', () => {
  it.each<[string, { given: string; passphrase?: string }]>([
    ['PKCS#8 PEM', { given: keys.ed25519Pkcs8 }],
    ['encrypted PKCS#8 PEM with its passphrase', { given: keys.ed25519Pkcs8Encrypted, passphrase: PASSPHRASE }],
    ['literal \\n escapes, as in an env var', { given: keys.ed25519Pkcs8.replace(/\n/g, '\\n') }],
    ['a path to a PKCS#8 file', { given: file('kalshi-ed25519.key', keys.ed25519Pkcs8) }],
    ['a path to an encrypted PKCS#8 file', { given: file('kalshi-ed25519-enc.pem', keys.ed25519Pkcs8Encrypted), passphrase: PASSPHRASE }],
  ])('%s', (_name, { given, passphrase }) => {
    const key = loadPrivateKey(given, passphrase === undefined ? {} : { passphrase });
    expect({ type: key.type, asymmetricKeyType: key.asymmetricKeyType }).toEqual({ type: 'private', asymmetricKeyType: 'ed25519' });
    expect(key.export({ type: 'pkcs8', format: 'pem' })).toBe(keys.ed25519Pkcs8);
  });
});

describe('loadPrivateKey rejects', () => {
  it.each<[string, { given: string; passphrase?: string; want: KalshiAuthErrorCode }]>([
    ['an EC key (SEC1)', { given: keys.ecSec1, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an EC key (PKCS#8)', { given: keys.ecPkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an Ed448 key', { given: keys.ed448Pkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an X25519 key (key agreement, cannot sign)', { given: keys.x25519Pkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['a DSA key', { given: keys.dsaPkcs8, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an encrypted EC key (type only visible after decryption)', { given: pemOf(keys.ecPrivateKey, { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }), passphrase: PASSPHRASE, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['an encrypted Ed448 key (type only visible after decryption)', { given: pemOf(keys.ed448PrivateKey, { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: PASSPHRASE }), passphrase: PASSPHRASE, want: 'KEY_UNSUPPORTED_TYPE' }],
    ['encrypted PKCS#8 without a passphrase', { given: keys.pkcs8Encrypted, want: 'KEY_ENCRYPTED' }],
    ['encrypted Ed25519 PKCS#8 without a passphrase', { given: keys.ed25519Pkcs8Encrypted, want: 'KEY_ENCRYPTED' }],
    ['encrypted Ed25519 PKCS#8 with a wrong passphrase', { given: keys.ed25519Pkcs8Encrypted, passphrase: 'wrong', want: 'KEY_PASSPHRASE_WRONG' }],
    ['an Ed25519 public key (SPKI)', { given: keys.ed25519Spki, want: 'KEY_MALFORMED' }],
    ['an Ed25519 PKCS#8 PEM whose body lost bytes', { given: keys.ed25519Pkcs8.replace(/^([A-Za-z0-9+/]{44})[A-Za-z0-9+/=]+$/m, '$1'), want: 'KEY_MALFORMED' }],
    ['legacy-encrypted PKCS#1 without a passphrase', { given: keys.pkcs1Encrypted, want: 'KEY_ENCRYPTED' }],
    ['encrypted PKCS#8 with a wrong passphrase', { given: keys.pkcs8Encrypted, passphrase: 'wrong', want: 'KEY_PASSPHRASE_WRONG' }],
    ['legacy-encrypted PKCS#1 with a wrong passphrase', { given: keys.pkcs1Encrypted, passphrase: 'wrong', want: 'KEY_PASSPHRASE_WRONG' }],
    ['a public key (SPKI)', { given: publicPem, want: 'KEY_MALFORMED' }],
    ['a public key (PKCS#1)', { given: keys.rsaPublicPkcs1, want: 'KEY_MALFORMED' }],
    ['a certificate alone', { given: fakeCertificate, want: 'KEY_MALFORMED' }],
    ['an OpenSSH key', { given: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['a PEM cut short (no END line)', { given: keys.pkcs1.slice(0, 900), want: 'KEY_MALFORMED' }],
    ['a certificate, then a key cut short', { given: fakeCertificate + keys.pkcs1.slice(0, 900), want: 'KEY_MALFORMED' }],
    ['a PEM whose body lost lines', { given: keys.pkcs1.slice(0, 900) + '\n-----END RSA PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['a PKCS#8 PEM whose body lost lines', { given: keys.pkcs8.slice(0, 900) + '\n-----END PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['an encrypted PEM whose body lost lines', { given: keys.pkcs8Encrypted.slice(0, 900) + '\n-----END ENCRYPTED PRIVATE KEY-----\n', passphrase: PASSPHRASE, want: 'KEY_MALFORMED' }],
    ['garbage inside the armor', { given: '-----BEGIN RSA PRIVATE KEY-----\nnot base64 at all!\n-----END RSA PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['valid DER that is not a key', { given: '-----BEGIN RSA PRIVATE KEY-----\nMAMCAQA=\n-----END RSA PRIVATE KEY-----\n', want: 'KEY_MALFORMED' }],
    ['an empty string', { given: '', want: 'KEY_MALFORMED' }],
    ['base64 key material without armor', { given: bareBase64, want: 'KEY_MALFORMED' }],
    ['a missing file', { given: join(dir, 'missing.pem'), want: 'KEY_FILE_UNREADABLE' }],
    ['a directory', { given: dir, want: 'KEY_FILE_UNREADABLE' }],
    ['a file without PEM (DER bytes)', { given: file('key.der', keys.privateKey.export({ type: 'pkcs1', format: 'der' })), want: 'KEY_MALFORMED' }],
  ])('%s', (_name, { given, passphrase, want }) => {
    let error: unknown;
    try {
      loadPrivateKey(given, passphrase === undefined ? {} : { passphrase });
    } catch (caught) {
      error = caught;
    }
    expectAuthError(error, want, [PASSPHRASE, bareBase64.slice(100, 124)]);
  });

  it('names the unreadable file and the OS error, not its contents', () => {
    let error: unknown;
    try {
      loadPrivateKey(join(dir, 'missing.pem'));
    } catch (caught) {
      error = caught;
    }
    const authError = expectAuthError(error, 'KEY_FILE_UNREADABLE');
    expect({ filePath: authError.filePath, causeCode: authError.causeCode }).toEqual({ filePath: join(dir, 'missing.pem'), causeCode: 'ENOENT' });
  });

  it('does not echo bare key material as a file path', () => {
    let error: unknown;
    try {
      loadPrivateKey(bareBase64);
    } catch (caught) {
      error = caught;
    }
    expect(expectAuthError(error, 'KEY_MALFORMED').filePath).toBeUndefined();
  });

  it.each<[string, { given: string; want: { code: KalshiAuthErrorCode; pemLabel?: string; keyType?: string } }]>([
    ['SEC1 EC', { given: keys.ecSec1, want: { code: 'KEY_UNSUPPORTED_TYPE', pemLabel: 'EC PRIVATE KEY', keyType: 'ec' } }],
    ['PKCS#8 Ed448', { given: keys.ed448Pkcs8, want: { code: 'KEY_UNSUPPORTED_TYPE', pemLabel: 'PRIVATE KEY', keyType: 'ed448' } }],
    ['PKCS#8 X25519', { given: keys.x25519Pkcs8, want: { code: 'KEY_UNSUPPORTED_TYPE', pemLabel: 'PRIVATE KEY', keyType: 'x25519' } }],
    ['SPKI', { given: publicPem, want: { code: 'KEY_MALFORMED', pemLabel: 'PUBLIC KEY' } }],
    ['a certificate, then a key cut short', { given: fakeCertificate + keys.pkcs1.slice(0, 900), want: { code: 'KEY_MALFORMED', pemLabel: 'RSA PRIVATE KEY' } }],
    ['encrypted, no passphrase', { given: keys.pkcs8Encrypted, want: { code: 'KEY_ENCRYPTED', pemLabel: 'ENCRYPTED PRIVATE KEY' } }],
  ])('reports the facts for %s', (_name, { given, want }) => {
    let error: unknown;
    try {
      loadPrivateKey(given);
    } catch (caught) {
      error = caught;
    }
    const { code, pemLabel, keyType } = expectAuthError(error, want.code);
    expect({ code, pemLabel, keyType }).toEqual(want);
  });
});
