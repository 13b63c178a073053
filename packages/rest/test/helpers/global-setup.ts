import { readFileSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { parse } from 'yaml';

declare module 'vitest' {
  export interface ProvidedContext {
    /** specs/openapi.yaml, parsed once for every test file (the loopback servers validate requests against it). */
    openapiSpec: Record<string, unknown>;
  }
}

export default function setup(project: TestProject): void {
  const text = readFileSync(new URL('../../../../specs/openapi.yaml', import.meta.url), 'utf8');
  project.provide('openapiSpec', parse(text, { version: '1.2' }) as Record<string, unknown>);
}
