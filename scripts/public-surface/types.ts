/** What a surface entry is; members carry the kind of their declaration. */
export type EntryKind =
  | 'class'
  | 'interface'
  | 'type'
  | 'function'
  | 'variable'
  | 'enum'
  | 'namespace'
  | 'property'
  | 'method'
  | 'accessor'
  | 'constructor'
  | 'signature'
  | 'enum-member'
  /** Declared in `src/generated/`: its content is the contract diff's business, only its presence is ours. */
  | 'generated'
  /** Declared in another package (`text` names it): that package's own surface covers its content. */
  | 're-export';

/** One exported symbol, or one member of one, with its declaration printed without comments. */
export interface SurfaceEntry {
  readonly kind: EntryKind;
  /** The declaration as the `.d.ts` file has it, on one line, without `export`/`declare` and comments. */
  readonly text: string;
  /** Key of the class, interface, type literal, enum or namespace this is a member of. */
  readonly parent?: string;
  /**
   * A non-optional property or method of an interface or object type: adding one breaks every
   * value written against the old type. Class members are never `required`.
   */
  readonly required?: boolean;
}

/**
 * A package's public API. Keys are `<subpath>:<name>` for exports (`.:Dollars`, `./web:Signer`),
 * then `.member` for static or type members and `#member` for class instance members
 * (`.:Dollars.parse`, `.:Dollars#toWire`), and `(internal):<Name>` for a declaration the exported
 * ones refer to without exporting it.
 */
export interface Surface {
  readonly package: string;
  /** The package version the snapshot was taken at. */
  readonly version: string;
  readonly entries: Readonly<Record<string, SurfaceEntry>>;
}
