// `jejaring bench dispatch`: (1) one market, 60 pending orders of 1–4 stalls and 25 couriers: time from batch close to
// offers emitted, p50/p95 over 20 batches; (2) 100 markets at 10 orders per minute each on one process, in real time,
// couriers accepting and finishing routes: is the backlog flat? Writes JSON and Markdown under benchmarks/results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { adaptiveSolveBudgetMs, executePlan, HaversineProvider, MarketDispatcher, SyntheticMarket, WorkerSolveRunner, type DispatchResult, type PlanRequest, openEmbeddedRouter } from '../engine/index.js';
import type { RoutingProvider } from '../engine/index.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
const SENEN = { lon: 106.8442, lat: -6.1737 };
const JAKARTA_GRAPH = join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012.geojson');

const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
const round = (v: number, d = 1) => Math.round(v * 10 ** d) / 10 ** d;

export interface BatchRow { readonly batch: number; readonly latencyMs: number; readonly tableMs: number; readonly solveMs: number; readonly applyMs: number; readonly offers: number; readonly offeredOrders: number; readonly unplanned: number; readonly locations: number }

/**
 * Part 1: each batch on a fresh market; the clock starts at the command that closes the batch (the batch is the only
 * trigger here: a new order finding an idle courier would start a plan at the first order).
 */
async function batchLatency(routing: RoutingProvider, runner: WorkerSolveRunner, o: { batches: number; orders: number; couriers: number; solveMs: number }): Promise<BatchRow[]> {
  const rows: BatchRow[] = [];
  for (let b = 0; b <= o.batches; b++) { // batch 0 warms the worker up and is not reported
    const d = new MarketDispatcher({ marketId: `bench${b}`, ...SENEN, config: { batchMaxOrders: o.orders, solveTimeLimitMs: o.solveMs, planOnIdleCourier: false } });
    const synthetic = new SyntheticMarket({ marketId: `bench${b}`, ...SENEN, seed: b });
    for (const c of synthetic.fleet(o.couriers, Math.round(o.couriers / 3), Date.now())) d.handle({ type: 'courierAvailable', ...c });
    for (let i = 1; i < o.orders; i++) d.handle({ type: 'orderAdded', order: synthetic.nextOrder() });
    const t0 = performance.now();
    const request = d.handle({ type: 'orderAdded', order: synthetic.nextOrder() }).planRequest;
    if (!request) throw new Error('the batch did not close at the order threshold');
    const run = await executePlan(d, request, routing, (p, opts) => runner.solve(p, opts));
    const latencyMs = performance.now() - t0;
    if (run.error) throw run.error;
    if (b === 0) continue;
    const offers = run.result.events.filter((e) => e.type === 'offer.created');
    rows.push({
      batch: b, latencyMs: round(latencyMs), tableMs: round(run.tableMs), solveMs: round(run.solveMs), applyMs: round(run.applyMs, 2),
      offers: offers.length, offeredOrders: offers.reduce((s, e) => s + (e.type === 'offer.created' ? e.orderIds.length : 0), 0),
      unplanned: run.result.events.filter((e) => e.type === 'order.unplanned').length, locations: run.locationCount,
    });
    process.stdout.write(`batch ${b}: ${latencyMs.toFixed(0)} ms (table ${run.tableMs.toFixed(0)}, solve ${run.solveMs.toFixed(0)}), ${rows[rows.length - 1].offeredOrders} orders offered\n`);
  }
  return rows;
}

export interface SustainedSample { readonly atS: number; readonly pendingOrders: number; readonly plansInFlight: number; readonly runnerBacklog: number; readonly offered: number; readonly delivered: number }

/** Part 2: markets in real time; couriers accept at once and finish their route `routeS` seconds later. */
async function sustained(routing: RoutingProvider, runner: WorkerSolveRunner, o: { markets: number; ratePerMin: number; durationS: number; solveMs: number; routeS: number }) {
  const markets = Array.from({ length: o.markets }, (_, m) => {
    const lon = SENEN.lon + ((m % 10) - 4.5) * 0.02;
    const lat = SENEN.lat + (Math.floor(m / 10) - 4.5) * 0.02;
    const d = new MarketDispatcher({ marketId: `m${m}`, lon, lat, config: { solveTimeLimitMs: o.solveMs } });
    const synthetic = new SyntheticMarket({ marketId: `m${m}`, lon, lat, seed: 1000 + m });
    for (const c of synthetic.fleet(10, 4, Date.now())) d.handle({ type: 'courierAvailable', ...c });
    return { d, synthetic, nextArrivalMs: Date.now() + Math.random() * 30_000, inFlight: false };
  });
  const latencies: number[] = [];
  const samples: SustainedSample[] = [];
  let offered = 0;
  let delivered = 0;
  let added = 0;
  const timers = new Set<NodeJS.Timeout>();
  const startMs = Date.now();
  const handleResult = (m: (typeof markets)[number], result: DispatchResult, closedAt: number | null) => {
    for (const e of result.events) {
      if (e.type !== 'offer.created') continue;
      offered += e.orderIds.length;
      if (closedAt !== null) latencies.push(performance.now() - closedAt);
      m.d.handle({ type: 'offerAccepted', offerId: e.offerId, courierId: e.courierId });
      const timer = setTimeout(() => {
        timers.delete(timer);
        const c = m.d.couriers.get(e.courierId);
        for (const stop of [...(c?.route ?? [])]) {
          const r = m.d.handle({ type: 'stopCompleted', courierId: e.courierId, stopId: stop.stopId, outcome: 'done' });
          if (stop.kind === 'delivery') delivered++;
          plan(m, r.planRequest, performance.now());
        }
      }, o.routeS * 1000);
      timers.add(timer);
    }
    plan(m, result.planRequest, performance.now());
  };
  const plan = (m: (typeof markets)[number], request: PlanRequest | undefined, closedAt: number) => {
    if (!request) return;
    m.inFlight = true;
    const budgetMs = adaptiveSolveBudgetMs(o.solveMs, runner.backlog);
    void executePlan(m.d, request, routing, (p, opts) => runner.solve(p, opts), budgetMs).then((run) => {
      m.inFlight = false;
      handleResult(m, run.result, closedAt);
    });
  };
  const meanGapMs = 60_000 / o.ratePerMin;
  await new Promise<void>((resolve) => {
    const loop = setInterval(() => {
      const nowMs = Date.now();
      for (const m of markets) {
        while (m.nextArrivalMs <= nowMs && nowMs - startMs < o.durationS * 1000) {
          added++;
          m.nextArrivalMs += -Math.log(1 - Math.random()) * meanGapMs;
          plan(m, m.d.handle({ type: 'orderAdded', order: m.synthetic.nextOrder() }).planRequest, performance.now());
        }
        plan(m, m.d.handle({ type: 'tick' }).planRequest, performance.now());
      }
      const atS = Math.floor((nowMs - startMs) / 1000);
      if (samples.length === 0 || atS - samples[samples.length - 1].atS >= 5) {
        samples.push({
          atS, pendingOrders: markets.reduce((s, m) => s + m.d.kpi().pendingOrders, 0), plansInFlight: markets.filter((m) => m.inFlight).length,
          runnerBacklog: runner.backlog, offered, delivered,
        });
      }
      if (nowMs - startMs >= o.durationS * 1000) {
        clearInterval(loop);
        resolve();
      }
    }, 250);
  });
  for (const t of timers) clearTimeout(t);
  // Backlog = plans waiting for the solver. Warm-up (the first batch window) is left out; the second half of what
  // remains must not sit higher than its first half (plus one plan per ten markets of noise).
  const warm = samples.filter((s) => s.atS >= 35);
  const half = Math.max(1, Math.floor(warm.length / 2));
  const mean = (xs: SustainedSample[]) => xs.reduce((s, x) => s + x.runnerBacklog, 0) / Math.max(1, xs.length);
  const early = mean(warm.slice(0, half));
  const late = mean(warm.slice(half));
  return { samples, latencies, added, offered, delivered, earlyBacklog: round(early), lateBacklog: round(late), sustained: late <= early + Math.max(2, o.markets / 10) };
}

function markdown(summary: Record<string, unknown>, rows: readonly BatchRow[], samples: readonly SustainedSample[], notes: readonly string[]): string {
  return [
    '# Dispatch loop', '', ...notes.map((n) => `- ${n}`), '',
    '## Batch close → offers emitted', '',
    `p50 **${summary.batchP50Ms} ms**, p95 **${summary.batchP95Ms} ms** over ${rows.length} batches (target p95 < 1000 ms).`, '',
    '| batch | latency ms | table ms | solve ms | apply ms | locations | offers | orders offered | unplanned |', '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.batch} | ${r.latencyMs} | ${r.tableMs} | ${r.solveMs} | ${r.applyMs} | ${r.locations} | ${r.offers} | ${r.offeredOrders} | ${r.unplanned} |`),
    '', '## Sustained load', '',
    `${summary.markets} markets × ${summary.ratePerMin} orders/min for ${summary.durationS} s (solve budget ${summary.sustainedSolveBudgetMs} ms, shrinking while plans queue): ${summary.ordersAdded} orders in, ${summary.ordersOffered} offered, ${summary.ordersDelivered} delivered; batch→offer p50 ${summary.sustainedP50Ms} ms, p95 ${summary.sustainedP95Ms} ms; solver queue (plans) after warm-up: first half ${summary.earlyBacklog}, second half ${summary.lateBacklog} → **${summary.sustained ? 'sustained' : 'backlog growing'}**.`, '',
    '| t s | pending orders | plans in flight | solver queue | offered | delivered |', '|---:|---:|---:|---:|---:|---:|',
    ...samples.map((s) => `| ${s.atS} | ${s.pendingOrders} | ${s.plansInFlight} | ${s.runnerBacklog} | ${s.offered} | ${s.delivered} |`), '',
  ].join('\n');
}

/** CLI entry: `jejaring bench dispatch [--batches 20] [--solve-ms 500] [--roads] [--markets 100] [--rate 10] [--duration-s 120] [--json] [--out dir]`. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      batches: { type: 'string', default: '20' }, orders: { type: 'string', default: '60' }, couriers: { type: 'string', default: '25' },
      'solve-ms': { type: 'string', default: '500' }, markets: { type: 'string', default: '100' }, rate: { type: 'string', default: '10' },
      'duration-s': { type: 'string', default: '120' }, 'sustained-solve-ms': { type: 'string', default: '150' }, 'route-s': { type: 'string', default: '20' },
      workers: { type: 'string', default: '1' }, roads: { type: 'boolean', default: false }, json: { type: 'boolean', default: false }, out: { type: 'string' },
    },
  });
  const num = (k: keyof typeof values) => Number(values[k]);
  if (['batches', 'orders', 'couriers', 'solve-ms', 'markets', 'rate', 'duration-s', 'sustained-solve-ms', 'route-s', 'workers'].some((k) => !(num(k as keyof typeof values) > 0))) {
    process.stderr.write('numeric options must be positive\n');
    return 2;
  }
  const haversine = new HaversineProvider();
  // --roads: batch latency on the embedded router over the Jakarta road graph (the table is then part of the time).
  const routing: RoutingProvider = values.roads ? await openEmbeddedRouter({ graphPath: JAKARTA_GRAPH }) : haversine;
  const runner = new WorkerSolveRunner({ size: num('workers') });
  const loadAtStart = loadavg()[0];
  try {
    const rows = await batchLatency(routing, runner, { batches: num('batches'), orders: num('orders'), couriers: num('couriers'), solveMs: num('solve-ms') });
    process.stdout.write(`sustained: ${num('markets')} markets × ${num('rate')} orders/min for ${num('duration-s')} s…\n`);
    const s = await sustained(haversine, runner, { markets: num('markets'), ratePerMin: num('rate'), durationS: num('duration-s'), solveMs: num('sustained-solve-ms'), routeS: num('route-s') });
    const summary = {
      batches: rows.length, orders: num('orders'), couriers: num('couriers'), solveBudgetMs: num('solve-ms'),
      batchP50Ms: round(percentile(rows.map((r) => r.latencyMs), 50), 0), batchP95Ms: round(percentile(rows.map((r) => r.latencyMs), 95), 0),
      markets: num('markets'), ratePerMin: num('rate'), durationS: num('duration-s'), sustainedSolveBudgetMs: num('sustained-solve-ms'),
      ordersAdded: s.added, ordersOffered: s.offered, ordersDelivered: s.delivered,
      sustainedP50Ms: round(percentile(s.latencies, 50), 0), sustainedP95Ms: round(percentile(s.latencies, 95), 0),
      earlyBacklog: s.earlyBacklog, lateBacklog: s.lateBacklog, sustained: s.sustained,
    };
    const notes = [
      `batch latency routing: ${routing.name}${values.roads ? ' on the Jakarta 2012 road graph' : ' (great-circle × 1.35)'}; sustained load on ${haversine.name}; solver in ${num('workers')} worker thread(s); orders 1–4 stalls, homes within 3 km of Pasar Senen`,
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end (shared machine)`,
    ];
    const outDir = values.out ?? join(ROOT, 'benchmarks/results');
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'dispatch.json'), `${JSON.stringify({ summary, notes, rows, samples: s.samples }, null, 2)}\n`);
    writeFileSync(join(outDir, 'dispatch.md'), markdown(summary, rows, s.samples, notes));
    process.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `batch p50 ${summary.batchP50Ms} ms, p95 ${summary.batchP95Ms} ms; sustained: ${summary.sustained}\n`);
    return summary.batchP95Ms < 1000 && summary.sustained ? 0 : 1;
  } finally {
    await runner.close();
    await routing.close?.();
  }
}
