/**
 * Modelina preset: a TSDoc block from each schema's `description` and `examples`, plus
 * `@deprecated` for `deprecated: true`, so editors strike through fields Kalshi retires.
 * Like Modelina's TS_DESCRIPTION_PRESET, with the deprecation tag and comment-safe text.
 */
import type { TypeScriptPreset } from '@asyncapi/modelina';

/** The parts of a model's source schema the comment is built from. */
interface DocumentedSchema {
  readonly description?: unknown;
  readonly examples?: unknown;
  readonly deprecated?: unknown;
}

/** Builds the comment body for one schema, or '' when it documents nothing. */
function docText(schema: unknown): string {
  if (typeof schema !== 'object' || schema === null) return '';
  const { description, examples, deprecated } = schema as DocumentedSchema;
  const lines: string[] = [];
  if (typeof description === 'string' && description.trim() !== '') lines.push(description.trim());
  if (Array.isArray(examples) && examples.length > 0) {
    lines.push(`@example ${examples.map((example) => JSON.stringify(example)).join(', ')}`);
  }
  if (deprecated === true) lines.push('@deprecated');
  // A `*/` inside the text would end the comment early.
  return lines.join('\n').replaceAll('*/', '*\\/');
}

function withDoc(renderer: { renderComments(lines: string | string[]): string }, schema: unknown, content: string) {
  const text = docText(schema);
  return text === '' ? content : `${renderer.renderComments(text)}\n${content}`;
}

/** Adds TSDoc to interfaces, their properties, and type aliases (unions, enums). */
export const descriptionPreset: TypeScriptPreset = {
  interface: {
    self: ({ renderer, model, content }) => withDoc(renderer, model.originalInput, content),
    property: ({ renderer, property, content }) => withDoc(renderer, property.property.originalInput, content),
  },
  type: {
    self: ({ renderer, model, content }) => withDoc(renderer, model.originalInput, content),
  },
};
