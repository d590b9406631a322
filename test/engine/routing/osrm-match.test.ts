// /match on Monaco: a noisy 1 Hz trace (σ 5–15 m) along a known route recovers at least 90 % of its length, gaps
// split matchings, and points far from every road are left unmatched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineM } from '../../../engine/geo.js';
import { openEmbeddedRouter } from '../../../engine/routing/embedded-router.js';
import { OsrmService } from '../../../engine/routing/osrm-service/osrm-service.js';
import type { LonLat } from '../../../engine/routing/routing-provider.js';
import { MONACO_SPEC_FIXTURE } from './provider-spec.js';

const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-osrm-match-'));
let service: OsrmService;
beforeAll(async () => {
  const router = await openEmbeddedRouter({ graphPath: 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf', profile: 'motorbike', cacheDir });
  service = new OsrmService(router.prepared, { maxMatchingSize: 2_000 });
});
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** Deterministic uniform numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Points every `stepM` metres along `line`, each moved by Gaussian noise of `sigmaM`. */
function noisyTrace(line: readonly LonLat[], stepM: number, sigmaM: number, next: () => number): LonLat[] {
  const out: LonLat[] = [];
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  let carry = 0;
  for (let i = 1; i < line.length; i++) {
    const [aLon, aLat] = line[i - 1], [bLon, bLat] = line[i];
    const len = haversineM(aLon, aLat, bLon, bLat);
    for (let at = carry; at <= len; at += stepM) {
      const t = len === 0 ? 0 : at / len;
      out.push([aLon + t * (bLon - aLon) + (gauss() * sigmaM) / (111_195 * Math.cos((aLat * Math.PI) / 180)), aLat + t * (bLat - aLat) + (gauss() * sigmaM) / 111_195]);
      carry = at + stepM - len;
    }
  }
  return out;
}

/** Undirected road pieces (node pairs) of annotated legs, with their lengths. */
function pieces(legs: { annotation: { nodes: number[]; distance: number[] } }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const { annotation: { nodes, distance } } of legs) {
    distance.forEach((d, i) => out.set([nodes[i], nodes[i + 1]].sort((x, y) => x - y).join(':'), d));
  }
  return out;
}

describe('/match', () => {
  it('recovers at least 90 % of the true route (and no more than 1.25× its length) from 1 Hz traces with 5, 10 and 15 m of noise', () => {
    const [a, b, c] = MONACO_SPEC_FIXTURE.points;
    for (const [sigma, from, to] of [[5, a, c], [10, b, a], [15, c, b]] as const) {
      const truth = service.route({ coordinates: [from, to], overview: 'full', geometries: 'geojson', annotations: ['nodes', 'distance'] }) as any;
      const trace = noisyTrace(truth.routes[0].geometry.coordinates, 7, sigma, random(sigma));
      const matched = service.match({ coordinates: trace, timestamps: trace.map((_, i) => 1_354_320_000 + i), overview: 'false', annotations: ['nodes', 'distance'] }) as any;
      const truePieces = pieces(truth.routes[0].legs), matchedPieces = pieces(matched.matchings.flatMap((m: any) => m.legs));
      let recovered = 0, total = 0;
      for (const [key, length] of truePieces) {
        total += length;
        if (matchedPieces.has(key)) recovered += length;
      }
      // Monaco's tunnels and stacked roads are harder than Jakarta's grid (bench osrm: ≥ 97.7 % on Jakarta traces).
      expect(recovered / total, `σ ${sigma} m`).toBeGreaterThanOrEqual(0.9);
      const matchedM = matched.matchings.reduce((s: number, m: any) => s + m.distance, 0);
      expect(matchedM / truth.routes[0].distance, `σ ${sigma} m`).toBeLessThan(1.25);
      expect(matched.tracepoints).toHaveLength(trace.length);
      for (const t of matched.tracepoints) if (t) expect(t.matchings_index).toBeLessThan(matched.matchings.length);
    }
  });

  it('splits the trace at a time gap and leaves a point far from every road unmatched', () => {
    const truth = service.route({ coordinates: [MONACO_SPEC_FIXTURE.points[0], MONACO_SPEC_FIXTURE.points[2]], overview: 'full', geometries: 'geojson' }) as any;
    const trace = noisyTrace(truth.routes[0].geometry.coordinates, 25, 0.1, random(7)).slice(0, 40);
    const timestamps = trace.map((_, i) => 1_000 + i * 5 + (i >= 20 ? 600 : 0));
    const split = service.match({ coordinates: trace, timestamps }) as any;
    expect(split.matchings.length).toBe(2);
    const withOutlier = [...trace.slice(0, 10), [7.45, 43.6] as LonLat, ...trace.slice(10, 20)];
    const answer = service.match({ coordinates: withOutlier }) as any;
    expect(answer.tracepoints[10]).toBeNull();
    expect(answer.matchings.length).toBeGreaterThanOrEqual(1);
    expect(answer.tracepoints.filter((t: unknown) => t !== null).length).toBeGreaterThan(5);
  });
});
