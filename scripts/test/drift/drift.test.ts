/**
 * Drift tests: each named test fails when the pulled specs break an assumption of the
 * hand-written layer, listing what broke (minus the committed exceptions in
 * drift/exceptions.ts, which fail too once stale). drift-checks.test.ts proves each check fails.
 */
import { describe, expect, it } from 'vitest';
import { checkFixMessages, parseFixSpec } from '../../drift/fix-messages.ts';
import { asyncApiFields, checkFixedPointFields, openApiFields } from '../../drift/fixed-point.ts';
import { checkPagination } from '../../drift/pagination.ts';
import { checkRateLimitCosts } from '../../drift/rate-limits.ts';
import { createSdkFacts } from '../../drift/sdk-facts.ts';
import { loadDriftSpecs } from '../../drift/specs.ts';
import { driftFailures } from '../../drift/verdict.ts';
import { checkWsChannels } from '../../drift/ws-channels.ts';

const specs = await loadDriftSpecs();
const facts = createSdkFacts();
const fields = [...openApiFields(specs.openapi), ...asyncApiFields(specs.asyncapi)];

describe('drift against specs/', () => {
  it('drift: every *_dollars field has a fixed-point accessor', () => {
    expect(driftFailures('fixed-point-dollars', checkFixedPointFields(fields, 'dollars', facts))).toEqual([]);
  });

  it('drift: every *_fp field has a fixed-point accessor', () => {
    expect(driftFailures('fixed-point-counts', checkFixedPointFields(fields, 'count', facts))).toEqual([]);
  });

  it('drift: every cursor-paginated operation is covered by paginate', () => {
    expect(driftFailures('pagination', checkPagination(specs.openapi, facts))).toEqual([]);
  });

  it('drift: every WS data channel has a typed subscription', () => {
    expect(driftFailures('ws-channels', checkWsChannels(specs.asyncapi, facts))).toEqual([]);
  });

  it('drift: every FIX message in the dictionary is encodable', () => {
    expect(driftFailures('fix-messages', checkFixMessages(parseFixSpec(specs.fixXml), facts))).toEqual([]);
  });

  it('drift: every operation in the rate-limit cost table exists in the spec', () => {
    expect(driftFailures('rate-limit-costs', checkRateLimitCosts(specs.openapi, facts))).toEqual([]);
  });
});
