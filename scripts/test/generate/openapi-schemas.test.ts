import { describe, expect, it } from 'vitest';
import { renderSchemas, schemaAliases } from '../../generate/openapi/render-schemas.ts';

describe('schemaAliases', () => {
  it('keeps every schema name that is a valid identifier, exactly', () => {
    expect(schemaAliases(['Market', 'Order', 'Error', 'FixedPointDollars'])).toEqual([
      { schema: 'Market', alias: 'Market' },
      { schema: 'Order', alias: 'Order' },
      { schema: 'Error', alias: 'Error' },
      { schema: 'FixedPointDollars', alias: 'FixedPointDollars' },
    ]);
  });

  it('makes other names identifiers deterministically: _ for bad characters, _ before a digit, Schema after a clash', () => {
    expect(schemaAliases(['Order.Legacy', 'Order_Legacy', '2fa-token', 'string', 'Order-Legacy'])).toEqual([
      { schema: 'Order.Legacy', alias: 'Order_LegacySchema' },
      { schema: 'Order_Legacy', alias: 'Order_Legacy' },
      { schema: '2fa-token', alias: '_2fa_token' },
      { schema: 'string', alias: 'stringSchema' },
      { schema: 'Order-Legacy', alias: 'Order_LegacySchemaSchema' },
    ]);
  });

  it('renders one alias per schema, keyed by the schema name', () => {
    expect(renderSchemas({ header: '// h\n', names: ['Market', 'a.b'] })).toBe(
      [
        '// h',
        "import type { components } from './openapi.js';",
        '',
        "/** `components['schemas']['Market']`. */",
        "export type Market = components['schemas']['Market'];",
        "/** `components['schemas']['a.b']`. */",
        "export type a_b = components['schemas']['a.b'];",
        '',
      ].join('\n'),
    );
  });
});
