import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseDocument } from 'yaml';
import type { SpecKind } from './lock.ts';

/** Lower-case hex sha256 of raw bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Why a body is not a spec of the expected kind (thrown as `SPEC_NOT_PARSEABLE` by the caller). */
export class NotASpecError extends Error {}

/**
 * Checks that `bytes` are a spec of `kind` and reads its version.
 * - yaml: parses as YAML 1.2 (YAML 1.1 turns Kalshi's unquoted `yes:`/`no:` keys into booleans)
 *   and requires a mapping with a string `info.version`. An HTML error page fails here.
 * - xml: validates with fast-xml-parser and requires a `<fix>` root; the version is the
 *   `<!-- Kalshi FIX Dictionary vX -->` comment plus the root's type/major/minor, e.g. `v1.03 (FIXT.1.1)`.
 * @throws {NotASpecError} naming the first parse error, or what is missing.
 */
export function readSpecVersion(kind: SpecKind, bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return kind === 'yaml' ? yamlVersion(text) : fixVersion(text);
}

function yamlVersion(text: string): string {
  const doc = parseDocument(text, { version: '1.2' });
  const first = doc.errors[0];
  if (first) throw new NotASpecError(`not YAML: ${first.message.split('\n')[0]}${startsWith(text)}`);
  const version: unknown = doc.getIn(['info', 'version']);
  if (typeof version !== 'string' && typeof version !== 'number') {
    throw new NotASpecError(`not an OpenAPI/AsyncAPI document: no info.version${startsWith(text)}`);
  }
  return String(version);
}

function fixVersion(text: string): string {
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new NotASpecError(`not XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})${startsWith(text)}`);
  }
  const root = (new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(text) as { fix?: unknown }).fix;
  if (typeof root !== 'object' || root === null) {
    throw new NotASpecError(`not a FIX dictionary: no <fix> root element${startsWith(text)}`);
  }
  const { type, major, minor } = root as Record<string, unknown>;
  const protocol = typeof type === 'string' ? `${type}.${String(major)}.${String(minor)}` : undefined;
  const dictionary = /<!--\s*Kalshi FIX Dictionary\s+(\S+)\s*-->/.exec(text)?.[1];
  if (dictionary && protocol) return `${dictionary} (${protocol})`;
  const version = dictionary ?? protocol;
  if (!version) throw new NotASpecError('FIX dictionary has neither a version comment nor <fix type major minor>');
  return version;
}

const SPEC_START: Record<SpecKind, RegExp> = {
  // Leading comments, then the top-level `openapi:` / `asyncapi:` key.
  yaml: /^\uFEFF?(\s*#[^\n]*\n)*\s*(openapi|asyncapi|swagger)\s*:/,
  // XML declaration and comments, then the <fix> root.
  xml: /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<fix[\s>/]/,
};

/**
 * True when `bytes` open the way an OpenAPI/AsyncAPI document or a FIX dictionary does. Tells a
 * spec cut short (which still begins like one) from an error page served in its place.
 */
export function beginsLikeSpec(kind: SpecKind, bytes: Uint8Array): boolean {
  return SPEC_START[kind].test(new TextDecoder().decode(bytes.subarray(0, 4096)));
}

// A peek at the body makes "got an HTML error page" obvious in the message.
function startsWith(text: string): string {
  const head = text.trimStart().slice(0, 40).replace(/\s+/g, ' ').trimEnd();
  return head ? ` (body starts ${JSON.stringify(head)})` : ' (empty body)';
}
