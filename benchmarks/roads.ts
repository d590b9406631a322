// `jejaring bench roads [--json]`: Jakarta motorbike graph: preprocessing, point-to-point queries, CH vs Dijkstra
// tables side by side, exactness mismatches, cache load and resident memory. Writes benchmarks/results/roads.{json,md}.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BucketTable, loadRoadGraph, ChQuery, contractHierarchy, dijkstraTableKeys, graphCachePath, hashFile, writeGraphCache } from '../engine/index.js';
import { median, probeInChild, randomCoordinates, runProbe, snapAll, seededRandom } from './roads-probe.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
const SIZES = [100, 500, 1000] as const;

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: {
    json: { type: 'boolean' }, probe: { type: 'boolean' }, graph: { type: 'string' }, 'cache-dir': { type: 'string' },
    seed: { type: 'string' }, out: { type: 'string' },
  } });
  const graphPath = values.graph ?? join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012.geojson');
  const cacheDir = values['cache-dir'] ?? join(ROOT, '.cache/bench-graphs');
  const seed = Number(values.seed ?? 2012);
  if (values.probe) {
    process.stdout.write(`${JSON.stringify(await runProbe(graphPath, cacheDir, seed))}\n`);
    return 0;
  }
  const say = (line: string) => { if (!values.json) process.stdout.write(`${line}\n`); };
  const loadAverage = loadavg()[0];
  say(`bench roads: ${graphPath} (motorbike), ${cpus().length} cores, load average ${loadAverage.toFixed(2)}`);

  // Preprocessing: parse + build, then contraction, timed apart.
  let t = performance.now();
  const preprocessCpu = process.cpuUsage();
  const { graph } = await loadRoadGraph(graphPath, 'motorbike');
  const parseS = (performance.now() - t) / 1000;
  t = performance.now();
  const ch = contractHierarchy(graph);
  const contractS = (performance.now() - t) / 1000;
  const preprocessCpuS = cpuMs(preprocessCpu) / 1000;
  const preprocessRssMb = process.resourceUsage().maxRSS / 1024;
  say(`graph: ${graph.nodeCount} nodes, ${graph.edgeCount} edges; parse ${parseS.toFixed(2)} s, contraction ${contractS.toFixed(2)} s, `
    + `${ch.upTarget.length + ch.downTarget.length} hierarchy edges; peak RSS ${preprocessRssMb.toFixed(0)} MB`);
  mkdirSync(cacheDir, { recursive: true });
  const inputHash = await hashFile(graphPath);
  await writeGraphCache(graphCachePath(cacheDir, graphPath, inputHash, 'motorbike'), { graph, ch }, inputHash, 'motorbike');

  const points = snapAll(graph, randomCoordinates(graph, 1000, seed));
  const buckets = new BucketTable(ch);
  const tableMs: Record<string, number> = {}, dijkstraTableMs: Record<string, number> = {};
  // CPU time (user + system) next to wall time: other processes share the cores, CPU time shows the work itself.
  const tableCpuMs: Record<string, number> = {}, dijkstraTableCpuMs: Record<string, number> = {};
  let chKeys1000: Float64Array = new Float64Array(0), dijkstraKeys1000: Float64Array = new Float64Array(0);
  for (const size of SIZES) {
    const subset = points.slice(0, size);
    const runs: number[] = [], cpuRuns: number[] = [];
    for (let r = 0; r < (size === 1000 ? 5 : 7); r++) {
      t = performance.now();
      const cpu = process.cpuUsage();
      const keys = buckets.keys(subset, subset);
      cpuRuns.push(cpuMs(cpu));
      runs.push(performance.now() - t);
      if (size === 1000) chKeys1000 = keys;
    }
    tableMs[size] = round(median(runs), 1);
    tableCpuMs[size] = round(median(cpuRuns), 1);
    t = performance.now();
    const cpu = process.cpuUsage();
    const reference = dijkstraTableKeys(graph, subset, subset);
    dijkstraTableCpuMs[size] = round(cpuMs(cpu), 0);
    dijkstraTableMs[size] = round(performance.now() - t, 0);
    if (size === 1000) dijkstraKeys1000 = reference;
    say(`table ${size}×${size}: CH ${tableMs[size]} ms (median of ${runs.length}; CPU ${tableCpuMs[size]} ms), `
      + `Dijkstra ${dijkstraTableMs[size]} ms (CPU ${dijkstraTableCpuMs[size]} ms), ratio ${(dijkstraTableMs[size] / tableMs[size]).toFixed(1)}×`);
  }

  // Point-to-point: 1,000 random pairs with path unpacking, each timed; checked against the Dijkstra table.
  const query = new ChQuery(ch), random = seededRandom(seed + 1), p2pUs: number[] = [];
  let mismatches = 0;
  for (let q = 0; q < 1000; q++) {
    const i = Math.floor(random() * 1000), j = Math.floor(random() * 1000);
    t = performance.now();
    const path = query.path(points[i], points[j]);
    p2pUs.push((performance.now() - t) * 1000);
    if (path.key !== dijkstraKeys1000[i * 1000 + j]) mismatches++;
  }
  for (let k = 0; k < chKeys1000.length; k++) if (chKeys1000[k] !== dijkstraKeys1000[k]) mismatches++;
  const pairsChecked = chKeys1000.length + 1000;
  say(`point-to-point: median ${median(p2pUs).toFixed(0)} µs over 1000 queries (with unpacking); mismatches ${mismatches} of ${pairsChecked} pairs`);

  const probes = [0, 1, 2].map(() => probeInChild(ROOT, graphPath, cacheDir, seed));
  const cacheLoadMs = round(median(probes.map((p) => p.cacheLoadMs)), 0);
  const rssMb = round(Math.max(...probes.map((p) => p.rssMb)), 0);
  say(`fresh process from cache: load ${cacheLoadMs} ms (median of 3), 1000×1000 table ${round(median(probes.map((p) => p.table1000Ms)), 0)} ms, peak RSS ${rssMb} MB`);

  const summary = {
    nodes: graph.nodeCount, edges: graph.edgeCount, preprocessS: round(parseS + contractS, 2), tableMs, dijkstraTableMs,
    speedup1000: round(dijkstraTableMs[1000] / tableMs[1000], 1), mismatches, cacheLoadMs, rssMb,
  };
  const details: Details = {
    parseS: round(parseS, 2), contractS: round(contractS, 2), hierarchyEdges: ch.upTarget.length + ch.downTarget.length,
    preprocessPeakRssMb: round(preprocessRssMb, 0), preprocessCpuS: round(preprocessCpuS, 2),
    tableCpuMs, dijkstraTableCpuMs, p2pMedianUs: round(median(p2pUs), 0), pairsChecked,
    probeTable1000Ms: round(median(probes.map((p) => p.table1000Ms)), 0), loadAverage: round(loadAverage, 2), cores: cpus().length,
    date: new Date().toISOString(),
  };
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'roads.json'), `${JSON.stringify({ summary, details }, null, 2)}\n`);
  writeFileSync(join(outDir, 'roads.md'), roadsMarkdown(summary, details));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return mismatches === 0 ? 0 : 1;
}

/** User + system CPU milliseconds since `since`. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function round(value: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(value * k) / k;
}

type Summary = { nodes: number; edges: number; preprocessS: number; tableMs: Record<string, number>; dijkstraTableMs: Record<string, number>;
  speedup1000: number; mismatches: number; cacheLoadMs: number; rssMb: number };

interface Details {
  parseS: number; contractS: number; hierarchyEdges: number; preprocessPeakRssMb: number; preprocessCpuS: number;
  tableCpuMs: Record<string, number>; dijkstraTableCpuMs: Record<string, number>; p2pMedianUs: number; pairsChecked: number;
  probeTable1000Ms: number; loadAverage: number; cores: number; date: string;
}

function roadsMarkdown(s: Summary, d: Details): string {
  const cpu = d.tableCpuMs, dijkstraCpu = d.dijkstraTableCpuMs;
  const row = (size: number) => `| ${size}×${size} | ${s.tableMs[size]} | ${cpu[size]} | ${s.dijkstraTableMs[size]} | ${dijkstraCpu[size]} | `
    + `${(s.dijkstraTableMs[size] / s.tableMs[size]).toFixed(1)}× |`;
  return [
    '# Road benchmark: Jakarta 2012, motorbike profile',
    '',
    `Run ${d.date} on ${d.cores} cores (load average ${d.loadAverage} at start: other processes share the CPU). Medians.`,
    '',
    `Graph: ${s.nodes} nodes, ${s.edges} directed edges; ${d.hierarchyEdges} hierarchy edges after contraction.`,
    '',
    '| measure | value |',
    '|---|---|',
    `| preprocessing (parse + build ${d.parseS} s, contraction ${d.contractS} s; CPU ${d.preprocessCpuS} s) | ${s.preprocessS} s |`,
    `| peak RSS while preprocessing | ${d.preprocessPeakRssMb} MB |`,
    `| point-to-point query with unpacking (median of 1000) | ${d.p2pMedianUs} µs |`,
    `| cache load in a fresh process (hash input + read bundle + snapper) | ${s.cacheLoadMs} ms |`,
    `| peak RSS of a fresh process serving a 1000×1000 table from the cache | ${s.rssMb} MB |`,
    `| CH/Dijkstra mismatches (duration and distance) | ${s.mismatches} of ${d.pairsChecked} pairs |`,
    '',
    '| table | CH wall (ms) | CH CPU (ms) | Dijkstra one-to-many wall (ms) | Dijkstra CPU (ms) | speedup (wall) |',
    '|---|---|---|---|---|---|',
    ...SIZES.map(row),
    '',
    'Reference (OSRM, C++, same data, this kind of machine): contraction 16 s; 100×100 17 ms, 500×500 137 ms, 1000×1000 ≈ 250 ms.',
    '',
  ].join('\n');
}
