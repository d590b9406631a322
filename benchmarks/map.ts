// Map benchmark: in Chromium, N couriers (default 2,000) each send one position per second; the page measures how long
// one second of updates takes to apply (adapter → store → courier layer) and to draw. `jejaring bench map [--json]`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { webMapPlugin } from '../api/plugins/web-map.js';
import { buildWebMap } from '../web-map/build.js';
import type { MapBenchMode, MapBenchResult } from '../web-map/src/bench.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './chromium.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
/** Budget for one second of updates: one 60 Hz frame, ms. */
const TARGET_MS = 16;

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export interface MapBenchSummary {
  bench: 'map';
  couriers: number;
  seconds: number;
  applyMedianMs: number;
  applyP95Ms: number;
  drawMedianMs: number;
  applyAndDrawMedianMs: number;
  targetMs: number;
  pass: boolean;
  drawnCouriers: number;
  /** Baseline in the same page: one Leaflet circleMarker per courier (setLatLng per update, canvas renderer). */
  markersApplyMedianMs: number;
  markersApplyAndDrawMedianMs: number;
  /** Baseline ÷ layer, medians of apply + draw. */
  speedup: number;
  browser: string;
  /** Machine context: CPU model and count, 1-minute load average when the run started. */
  cpu: string;
  loadAvg1m: number;
}

export async function measureMap(couriers: number, seconds: number): Promise<MapBenchSummary> {
  const loadAvg1m = Math.round(loadavg()[0] * 100) / 100;
  const assetsDir = join(tmpdir(), `jejaring-map-bench-${process.pid}`);
  await buildWebMap({ outDir: assetsDir, minify: true }); // measured as shipped: minified
  const app = Fastify({ logger: false });
  await app.register(webMapPlugin, { assetsDir });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${address}/bench/map`);
    await page.waitForSelector('body[data-ready="1"]');
    const runMode = (mode: MapBenchMode) => page.evaluate(
      (options) => (window as unknown as { runMapBench: (o: typeof options) => Promise<MapBenchResult> }).runMapBench(options),
      { couriers, seconds, mode },
    );
    const result = await runMode('layer');
    const baseline = await runMode('markers');
    const stats = (r: MapBenchResult) => {
      const applyMs = r.applyMs.slice(2); // the first seconds create the couriers and warm the JIT
      const drawMs = r.drawMs.slice(2);
      return { applyMs, drawMs, both: applyMs.map((a, i) => a + drawMs[i]) };
    };
    const { applyMs, drawMs, both } = stats(result);
    const base = stats(baseline);
    const applyMedianMs = quantile(applyMs, 0.5);
    const bothMedianMs = quantile(both, 0.5);
    const baseBothMedianMs = quantile(base.both, 0.5);
    return {
      bench: 'map', couriers, seconds, applyMedianMs: round2(applyMedianMs), applyP95Ms: round2(quantile(applyMs, 0.95)),
      drawMedianMs: round2(quantile(drawMs, 0.5)), applyAndDrawMedianMs: round2(bothMedianMs), targetMs: TARGET_MS,
      markersApplyMedianMs: round2(quantile(base.applyMs, 0.5)), markersApplyAndDrawMedianMs: round2(baseBothMedianMs),
      speedup: round2(baseBothMedianMs / Math.max(bothMedianMs, 0.1)),
      pass: applyMedianMs < TARGET_MS, drawnCouriers: result.drawnCouriers, browser: browser.version(),
      cpu: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`, loadAvg1m,
    };
  } finally {
    await browser.close();
    await app.close();
  }
}

function markdown(s: MapBenchSummary): string {
  return [
    '# Map benchmark', '',
    `${s.couriers} couriers, one position each per second, ${s.seconds} simulated seconds in headless Chromium ${s.browser};`,
    'times measured in the page with performance.now (first two seconds dropped as warm-up).', '',
    '| measure | median ms | p95 ms | target ms |', '|---|---:|---:|---:|',
    `| apply one second of updates (adapter → store → layer) | ${s.applyMedianMs} | ${s.applyP95Ms} | < ${s.targetMs} |`,
    `| draw the frame after it (canvas) | ${s.drawMedianMs} | | |`,
    `| apply + draw | ${s.applyAndDrawMedianMs} | | |`,
    `| baseline: one Leaflet circleMarker per courier, apply | ${s.markersApplyMedianMs} | | |`,
    `| baseline: apply + draw | ${s.markersApplyAndDrawMedianMs} | | |`, '',
    `The typed-array canvas layer is ${s.speedup}× faster than the per-marker baseline (medians of apply + draw, same page, same updates).`, '',
    `Result: ${s.pass ? 'within' : 'over'} target; ${s.drawnCouriers} couriers drawn in the last frame.`,
    `Machine: ${s.cpu}, load average ${s.loadAvg1m} at start.`, '',
  ].join('\n');
}

/** CLI entry: `jejaring bench map [--couriers N] [--seconds S] [--json] [--out dir]`. */
export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { couriers: { type: 'string', default: '2000' }, seconds: { type: 'string', default: '30' }, json: { type: 'boolean', default: false }, out: { type: 'string' } },
  });
  if (!hasChromium()) {
    process.stderr.write(`bench map: no browser at ${CHROMIUM_PATH} (install Debian's chromium or set JEJARING_CHROMIUM)\n`);
    return 1;
  }
  const summary = await measureMap(Number(values.couriers), Number(values.seconds));
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'map.json'), `${JSON.stringify(summary, null, 2)}\n`);
  writeFileSync(join(outDir, 'map.md'), markdown(summary));
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(markdown(summary));
  return summary.pass ? 0 : 1;
}
