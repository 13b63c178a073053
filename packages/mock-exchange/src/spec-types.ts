// The REST wire shapes: the types @kalshi-sdk/rest generates from openapi.yaml.
export type { components, operations, paths } from '@kalshi-sdk/rest';
