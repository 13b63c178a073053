import { expect, it } from 'vitest';
import { REST_PREFIX, routes } from '../../src/rest/rest-server.js';
import { useFileHarness } from '../support/harness.js';

const file = useFileHarness('KXCOST');

it('/api-reference/account/list-non-default-endpoint-costs: lists exactly the endpoints the limiter charges other than the default', async () => {
  // Quote: "Lists API v2 endpoints whose configured token cost differs from the default cost."
  // Quote: "Endpoints that use the default cost are omitted."
  // Quote /getting_started/rate_limits: "Most requests cost the default of **10 tokens**"
  const answer = await fetch(`${file.h.mock.restUrl}/account/endpoint_costs`);
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as { default_cost: number; endpoint_costs: Array<{ method: string; path: string; cost: number }> };
  expect(body.default_cost).toBe(10);
  expect(body.endpoint_costs).toContainEqual({ method: 'GET', path: `${REST_PREFIX}/portfolio/orders/{order_id}`, cost: 2 });
  expect(body.endpoint_costs).toContainEqual({ method: 'POST', path: `${REST_PREFIX}/account/api_usage_level/upgrade`, cost: 30 });
  expect(body.endpoint_costs.some((c) => c.cost === 10)).toBe(false);
  expect(body.endpoint_costs).toHaveLength(routes.filter((r) => r.cost !== 10).length);
});
