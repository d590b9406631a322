// Helpers for `jejaring bench roads`: seeded random Jakarta points, medians, and the fresh-process cache probe.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type PhantomNode, phantomNode, Snapper, loadOrBuildGraph, EmbeddedRouter, Prng } from '../engine/index.js';
import type { RoadGraph, LonLat } from '../engine/index.js';

/** Seeded floats in [0, 1) from the engine's generator. */
export function seededRandom(seed: number): () => number {
  const rng = new Prng(seed);
  return () => rng.next();
}

/** `count` coordinates within ~100 m of random main-network road nodes (the same for every run with the same seed). */
export function randomCoordinates(graph: RoadGraph, count: number, seed: number): LonLat[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const u = Math.floor(random() * graph.mainNodeCount);
    return [graph.lon[u] + (random() - 0.5) * 0.002, graph.lat[u] + (random() - 0.5) * 0.002] as const;
  });
}

export function snapAll(graph: RoadGraph, points: readonly LonLat[]): PhantomNode[] {
  const snapper = new Snapper(graph);
  return points.map((p) => phantomNode(graph, snapper.snap(p)));
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** What a fresh process serving from the cache measures. */
export interface ProbeResult {
  /** From start of `loadOrBuildGraph` (input hash included) to a ready router, ms. */
  readonly cacheLoadMs: number;
  readonly origin: string;
  readonly table1000Ms: number;
  /** Peak resident set of the probe process, MB. */
  readonly rssMb: number;
}

/** Runs inside the child: load from cache, open the router, one 1000×1000 table, report. */
export async function runProbe(graphPath: string, cacheDir: string, seed: number): Promise<ProbeResult> {
  const started = performance.now();
  const loaded = await loadOrBuildGraph(graphPath, { profile: 'motorbike', cacheDir });
  const router = new EmbeddedRouter(loaded);
  const cacheLoadMs = performance.now() - started;
  const points = randomCoordinates(loaded.graph, 1000, seed);
  const t = performance.now();
  await router.table({ sources: points });
  const table1000Ms = performance.now() - t;
  return { cacheLoadMs, origin: loaded.origin, table1000Ms, rssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Starts `jejaring bench roads --probe` in a fresh Node process and parses its JSON line. */
export function probeInChild(root: string, graphPath: string, cacheDir: string, seed: number): ProbeResult {
  const out = execFileSync(process.execPath, [join(root, 'bin/jejaring.js'), 'bench', 'roads', '--probe', '--graph', graphPath, '--cache-dir', cacheDir, '--seed', String(seed)], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as ProbeResult;
}
