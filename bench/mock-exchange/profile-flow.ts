/**
 * Profile driver for the engine: the 200-resting-order mixed flow of `order-flow.ts` on one engine.
 * `node --import tsx --cpu-prof --cpu-prof-dir=<dir> bench/mock-exchange/profile-flow.ts [steps]`
 * (the README of the mock exchange lists where the time per order went, before and after).
 */
import { MatchingEngine } from '../../packages/mock-exchange/src/index.ts';
import { OrderFlow } from './order-flow.ts';
const ticker = 'KXBENCH-26DEC31-A';
const engine = new MatchingEngine();
engine.createSeries({ ticker: 'KXBENCH' });
engine.createEvent({ eventTicker: 'KXBENCH-26DEC31', seriesTicker: 'KXBENCH' });
engine.createMarket({ ticker, eventTicker: 'KXBENCH-26DEC31', priceLevelStructure: 'linear_cent' });
const flow = new OrderFlow({ engine, ticker, crossShare: 0.25, bookSize: 200, seed: 2 });
for (let i = 0; i < 5000; i++) flow.step();
const n = Number(process.argv[2] ?? 200000);
const t = process.cpuUsage();
for (let i = 0; i < n; i++) flow.step();
const u = process.cpuUsage(t);
console.log(`${n} steps: ${((n * 1e6) / (u.user + u.system)).toFixed(0)} orders/s`);
