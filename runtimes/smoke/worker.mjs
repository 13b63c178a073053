// The smoke program of Cloudflare workerd: bundled by the runner, it runs the checks a Worker can
// (WebCrypto signing, fixed-point, the REST client over fetch) when asked with the smoke context.
import { checkAuthWeb } from './auth-web.mjs';
import { checkFixedPoint } from './fixed-point.mjs';
import { checkRest } from './rest.mjs';
import { runChecks } from './results.mjs';

export default {
  async fetch(request) {
    const ctx = await request.json();
    const lines = [];
    await runChecks(
      [
        ['auth', () => checkAuthWeb(ctx)],
        ['fixed-point', () => checkFixedPoint()],
        ['rest', () => checkRest(ctx)],
      ],
      (line) => lines.push(line),
    );
    return new Response(lines.join('\n'));
  },
};
