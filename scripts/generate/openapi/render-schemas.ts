/**
 * The text of the generated `schemas.ts`: one named type per schema of `components.schemas`
 * (`export type Market = components['schemas']['Market'];`), so users write `Market` instead of
 * `components['schemas']['Market']`. Aliases only: the shapes stay openapi-typescript's.
 *
 * Names: a schema whose name is a valid TypeScript identifier (and not a reserved word) keeps it
 * exactly. Any other name is made one deterministically: each character that cannot appear in an
 * identifier becomes `_`, a leading digit gets a `_` prefix, and a result that is a reserved word or
 * already taken by another schema gets `Schema` appended (repeated until free). The schema's own
 * name stays in the alias's TSDoc and in the `components['schemas'][…]` key.
 */

/** Words a type alias may not be named (TypeScript's reserved words and built-in type names). */
const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with implements interface let package private ' +
    'protected public static yield any boolean never number object string symbol undefined unknown bigint'
  ).split(' '),
);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Each schema name → the identifier it is exported as, in spec order. */
export function schemaAliases(names: readonly string[]): Array<{ schema: string; alias: string }> {
  const taken = new Set(names.filter((n) => IDENTIFIER.test(n) && !RESERVED.has(n)));
  return names.map((schema) => {
    if (taken.has(schema)) return { schema, alias: schema };
    let alias = schema.replace(/[^A-Za-z0-9_$]/g, '_');
    if (/^[0-9]/.test(alias)) alias = `_${alias}`;
    while (RESERVED.has(alias) || taken.has(alias)) alias += 'Schema';
    taken.add(alias);
    return { schema, alias };
  });
}

/** A single-quoted TypeScript string literal of `text`. */
function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The file: header, the `components` import, one alias per schema. */
export function renderSchemas(input: { header: string; names: readonly string[] }): string {
  const lines = [
    input.header.trimEnd(),
    `import type { components } from './openapi.js';`,
    '',
    ...schemaAliases(input.names).flatMap(({ schema, alias }) => [
      `/** \`components['schemas'][${quote(schema)}]\`. */`,
      `export type ${alias} = components['schemas'][${quote(schema)}];`,
    ]),
  ];
  return lines.join('\n') + '\n';
}
