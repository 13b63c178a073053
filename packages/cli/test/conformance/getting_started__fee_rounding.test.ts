import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, startFixture, type Fixture } from '../support/cli.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f.close());

describe('/getting_started/fee_rounding', () => {
  it('/getting_started/fee_rounding: order place --dry-run reports the taker trade fee rounded up to the nearest $0.0001', async () => {
    // Quote: "Round trade fee **up** to the nearest \$0.0001"
    // 0.07 × 3 × 0.31 × 0.69 = 0.044919: rounded up 0.0450 (to the nearest it would be 0.0449).
    const r = await runCli(['order', 'place', 'KXMOCK-26DEC31-A', '--side', 'bid', '--price', '0.31', '--count', '3', '--dry-run', '--json', ...f.where], f.home);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ cost_dollars: '0.9300', max_fee_dollars: '0.0450' });
  });
});
