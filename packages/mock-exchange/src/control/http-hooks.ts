import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleControl, type ControlContext } from './control-api.js';

type Listener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Wraps the REST listener: `/__mock/*` goes to the control API (when `control`), everything else
 * to `rest`, after `latencyMs` of simulated network delay (control calls are never delayed).
 */
export function withControlAndLatency(rest: Listener, ctx: ControlContext, control: boolean, latencyMs: number): Listener {
  return (req, res) => {
    if (control && handleControl(ctx, req, res)) return;
    if (latencyMs > 0) setTimeout(() => rest(req, res), latencyMs);
    else rest(req, res);
  };
}
