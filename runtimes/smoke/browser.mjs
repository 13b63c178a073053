// The smoke program of the browser: a page on loopback runs the checks a page can (WebCrypto
// signing, fixed-point, the REST client over fetch to the mock through the page's own origin) and,
// when the runner could bundle it, @kalshi-sdk/ws's refusal; then posts the results back.
import { checkAuthWeb } from './auth-web.mjs';
import { checkFixedPoint } from './fixed-point.mjs';
import { checkRest } from './rest.mjs';
import { runChecks } from './results.mjs';

const lines = [];
const push = (line) => lines.push(line);
try {
  const ctx = await (await fetch('/context.json')).json();
  await runChecks(
    [
      ['auth', () => checkAuthWeb(ctx)],
      ['fixed-point', () => checkFixedPoint()],
      ['rest', () => checkRest(ctx)],
    ],
    push,
  );
  if (ctx.wsBundle) {
    const wsModule = ctx.wsBundle;
    await runChecks([['ws', async () => (await import(wsModule)).checkWsBrowser(ctx)]], push);
  }
} catch (error) {
  lines.push(`page error: ${error?.stack ?? error}`);
}
await fetch('/results', { method: 'POST', body: lines.join('\n') });
