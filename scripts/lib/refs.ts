/**
 * Plain-data walking of parsed YAML/JSON specs: object nodes, their children, and local `$ref`
 * resolution. Shared by contract-diff and the drift checks. A bad ref is a contract-diff
 * `REF_UNRESOLVED` error, which the `pnpm contract:diff` CLI reports with exit code 2.
 */
import { ContractDiffError } from '../contract-diff/errors.ts';

/** A plain JSON/YAML object node. */
export type Node = Readonly<Record<string, unknown>>;

/** True for a non-null, non-array object. */
export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object under `key`, or an empty object. */
export function child(node: Node | undefined, key: string): Node {
  const value = node?.[key];
  return isNode(value) ? value : {};
}

/** The entries of the object under `key` whose values are objects. */
export function entries(node: Node | undefined, key: string): Array<[string, Node]> {
  return Object.entries(child(node, key)).filter((e): e is [string, Node] => isNode(e[1]));
}

/** A node after following its `$ref` chain. */
export interface Resolved {
  readonly node: Node;
  /** The first `$ref` followed, without its leading `#/` (`components/schemas/Market`); undefined for an inline node. */
  readonly ref: string | undefined;
}

/**
 * Resolves local `$ref`s (`#/json/pointer`, RFC 6901 escapes and %-encoding) inside one document.
 * External refs are not followed: Kalshi's specs are self-contained.
 */
export class RefResolver {
  readonly #doc: unknown;
  readonly #source: string;
  readonly #cache = new Map<string, Node>();

  constructor(doc: unknown, source: string) {
    this.#doc = doc;
    this.#source = source;
  }

  /**
   * Follows `node.$ref` (and refs to refs) to an object.
   * @throws ContractDiffError `REF_UNRESOLVED` for an external, dangling or looping ref.
   */
  resolve(node: Node): Resolved {
    const first = node['$ref'];
    if (typeof first !== 'string') return { node, ref: undefined };
    let current: Node = node;
    const seen = new Set<string>();
    while (typeof current['$ref'] === 'string') {
      const ref = current['$ref'];
      if (seen.has(ref)) throw this.#unresolved(ref, 'loops');
      seen.add(ref);
      current = this.#lookup(ref);
    }
    return { node: current, ref: first.slice(2) };
  }

  #lookup(ref: string): Node {
    const cached = this.#cache.get(ref);
    if (cached) return cached;
    if (!ref.startsWith('#/')) throw this.#unresolved(ref, 'is not a local ref');
    let at: unknown = this.#doc;
    for (const raw of ref.slice(2).split('/')) {
      const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      at = isNode(at) || Array.isArray(at) ? (at as Record<string, unknown>)[key] : undefined;
    }
    if (!isNode(at)) throw this.#unresolved(ref, 'points at nothing');
    this.#cache.set(ref, at);
    return at;
  }

  #unresolved(ref: string, why: string): ContractDiffError {
    return new ContractDiffError('REF_UNRESOLVED', `${this.#source}: $ref ${ref} ${why}`, { source: this.#source, value: ref });
  }
}
