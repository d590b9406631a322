// `jejaring bench clip [--tiles N] [--json]`: streaming clip of OSM extracts: elements per CPU-second and peak memory on the
// largest real extract here (Monaco), Jakarta with the Kota Bekasi boundary, and a synthetic extract 1× and N× the Jakarta
// network with the Kota Malang boundary. Each case runs in a fresh process. Writes benchmarks/results/clip.{json,md}.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clipOsmExtract, readClipBoundary, ClipRegion } from '../engine/index.js';
import { readRoadNetwork, writeTiledExtract } from './clip-synthetic-extract.js';
import { PACKAGE_ROOT } from '../api/package-root.js';

const ROOT = PACKAGE_ROOT;
const JAKARTA_PBF = join(ROOT, 'fixtures/osm/jakarta-roads-osm-2012-synthetic-ids.osm.pbf');
const MONACO_PBF = join(ROOT, 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf');
const MALANG = join(ROOT, 'fixtures/boundaries/kota-malang.geojson');
const BEKASI = join(ROOT, 'fixtures/boundaries/kota-bekasi.geojson');
/** Jakarta's dense centre (106.83, -6.20) lies 0.145° east and 0.17° north of the layer's south-west corner. */
const JAKARTA_CENTRE_OFFSET = [0.145, 0.17] as const;
const MALANG_CENTRE = [112.63, -7.98] as const;
const TILE_STEP_DEG = 0.29;

interface CaseSpec { readonly name: string; readonly extract: string; readonly clip: string; readonly marginM: number; readonly reader: 'clip' | 'osm-pbf-parser-node' }

/** What one case measured in its own process. */
interface CaseResult {
  readonly name: string;
  readonly reader: string;
  readonly fileMb: number;
  readonly elements: number;
  readonly nodesRead: number;
  readonly waysRead: number;
  readonly nodesInside: number;
  readonly roadLinesKept: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly elementsPerCpuS: number;
  /** A second pass in the same process (the JIT warm), as on an extract large enough that warm-up is negligible. */
  readonly warmCpuS: number;
  readonly warmElementsPerCpuS: number;
  readonly nodeTableMb: number;
  /** Peak resident set minus the resident set just before reading, MB. */
  readonly rssGrowthMb: number;
  readonly peakRssMb: number;
}

async function runCase(spec: CaseSpec): Promise<CaseResult> {
  const region = new ClipRegion((await readClipBoundary(spec.clip)).rings, spec.marginM);
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let nodesRead = 0, waysRead = 0, nodesInside = 0, roadLinesKept = 0, nodeTableBytes = 0;
  if (spec.reader === 'clip') {
    const clipped = await clipOsmExtract(spec.extract, region);
    ({ nodesRead, waysRead, nodesInside, roadLinesKept, nodeTableBytes } = clipped.stats);
  } else {
    // The general graph reader's parser, reading every element as an object (no clip): the comparison point.
    const { createOSMStream } = await import('osm-pbf-parser-node');
    for await (const item of createOSMStream(spec.extract, { withTags: { node: false, way: true, relation: false }, withInfo: false })) {
      const type = (item as { type?: string }).type;
      if (type === 'node') nodesRead++;
      else if (type === 'way') waysRead++;
    }
  }
  const wallS = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  const peak = process.resourceUsage().maxRSS * 1024;
  const warmCpu = process.cpuUsage();
  if (spec.reader === 'clip') await clipOsmExtract(spec.extract, region);
  else for await (const item of (await import('osm-pbf-parser-node')).createOSMStream(spec.extract, { withTags: { node: false, way: true, relation: false }, withInfo: false })) void item;
  const warmUsed = process.cpuUsage(warmCpu);
  const warmCpuS = (warmUsed.user + warmUsed.system) / 1e6;
  const round = (x: number, digits = 2) => Number(x.toFixed(digits));
  return {
    name: spec.name, reader: spec.reader, fileMb: round(statSync(spec.extract).size / 1e6), elements: nodesRead + waysRead, nodesRead, waysRead,
    nodesInside, roadLinesKept, wallS: round(wallS, 3), cpuS: round(cpuS, 3), elementsPerCpuS: Math.round((nodesRead + waysRead) / cpuS),
    warmCpuS: round(warmCpuS, 3), warmElementsPerCpuS: Math.round((nodesRead + waysRead) / warmCpuS),
    nodeTableMb: round(nodeTableBytes / 1e6), rssGrowthMb: round(Math.max(0, peak - rssBefore) / 1e6, 1), peakRssMb: round(peak / 1e6, 1),
  };
}

function runInChild(spec: CaseSpec): CaseResult {
  const out = execFileSync(process.execPath, ['--expose-gc', join(ROOT, 'bin/jejaring.js'), 'bench', 'clip', '--probe', JSON.stringify(spec)],
    { encoding: 'utf8', maxBuffer: 1 << 20 });
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as CaseResult;
}

/** The synthetic extract of `tiles` (a square number) copies of the Jakarta network, the centre copy's centre on Malang. */
function syntheticExtract(cacheDir: string, tiles: number, say: (line: string) => void): string {
  const side = Math.round(Math.sqrt(tiles));
  if (side * side !== tiles) throw new Error(`--tiles must be a square number (1, 4, 9, 16, 64, …), got ${tiles}`);
  const path = join(cacheDir, `synthetic-jakarta-x${tiles}.osm.pbf`);
  if (existsSync(path)) return path;
  mkdirSync(cacheDir, { recursive: true });
  const started = performance.now();
  const centre = Math.floor(side / 2);
  const origin = [MALANG_CENTRE[0] - JAKARTA_CENTRE_OFFSET[0] - centre * TILE_STEP_DEG, MALANG_CENTRE[1] - JAKARTA_CENTRE_OFFSET[1] - centre * TILE_STEP_DEG] as const;
  const written = writeTiledExtract(path, readRoadNetwork(JAKARTA_PBF), { columns: side, rows: side, stepLon: TILE_STEP_DEG, stepLat: TILE_STEP_DEG, origin });
  say(`wrote ${path}: ${written.nodes} nodes, ${written.ways} ways in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return path;
}

function markdown(results: readonly CaseResult[], tiles: number, loadAverage: number): string {
  const rows = results.map((r) => `| ${r.name} | ${r.reader} | ${r.fileMb} | ${r.elements.toLocaleString('en')} | ${r.nodesInside.toLocaleString('en')} | `
    + `${r.roadLinesKept.toLocaleString('en')} | ${r.wallS} | ${r.cpuS} | **${(r.elementsPerCpuS / 1e6).toFixed(2)}** | ${r.warmCpuS} | **${(r.warmElementsPerCpuS / 1e6).toFixed(2)}** | ${r.nodeTableMb} | ${r.rssGrowthMb} | ${r.peakRssMb} |`);
  return `# Clip benchmark: streaming an OSM extract through a city boundary

Run ${new Date().toISOString()} on ${cpus().length} cores (load average ${loadAverage.toFixed(2)} at start: other processes share the CPU,
so wall time runs above CPU time). Each row is a fresh process. Elements are nodes + ways read; "M el/CPU-s" is millions of
elements per CPU-second (user + system) of reading, decoding and clipping, first in the fresh process (JIT warm-up included),
then "warm" in a second pass in the same process. RSS growth is the peak resident set minus the resident
set just before reading.

| case | reader | file MB | elements | nodes inside | road lines kept | wall s | CPU s | M el/CPU-s | warm CPU s | warm M el/CPU-s | node table MB | RSS growth MB | peak RSS MB |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

- Target: at least 1 M elements per CPU-second, and memory that follows the clipped area rather than the extract.
- The synthetic extracts repeat the Jakarta 2012 network (60,404 nodes, 18,574 ways) on a grid of 0.29° tiles, the centre tile
  centred on Kota Malang, so the Malang clip keeps one tile's worth of roads whatever the size of the extract; ×1 and ×${tiles}
  keep the same node table while reading ${tiles} times the elements.
- "osm-pbf-parser-node" rows read the same file with the parser the general graph reader uses (one object per element, no clip),
  for comparison.
- Monaco (2016, 1.8 MB) is the largest real .osm.pbf stored here; Jakarta's PBF is the 2012 road layer with synthetic ids.
`;
}

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean' }, probe: { type: 'string' }, tiles: { type: 'string' }, out: { type: 'string' } } });
  if (values.probe) {
    process.stdout.write(`${JSON.stringify(await runCase(JSON.parse(values.probe) as CaseSpec))}\n`);
    return 0;
  }
  const say = (line: string) => { if (!values.json) process.stdout.write(`${line}\n`); };
  const tiles = Number(values.tiles ?? 64);
  const loadAverage = loadavg()[0];
  say(`bench clip: ${cpus().length} cores, load average ${loadAverage.toFixed(2)}`);
  const cacheDir = join(ROOT, '.cache/bench-clip');
  const one = syntheticExtract(cacheDir, 1, say);
  const many = syntheticExtract(cacheDir, tiles, say);
  const cases: CaseSpec[] = [
    { name: 'Monaco 2016, central box + 500 m', extract: MONACO_PBF, clip: '7.41,43.725,7.435,43.745', marginM: 500, reader: 'clip' },
    { name: 'Monaco 2016, whole extract kept', extract: MONACO_PBF, clip: '7.0,43.0,8.0,44.0', marginM: 0, reader: 'clip' },
    { name: 'Monaco 2016, full read', extract: MONACO_PBF, clip: '7.0,43.0,8.0,44.0', marginM: 0, reader: 'osm-pbf-parser-node' },
    { name: 'Jakarta 2012, Kota Bekasi + 1 km', extract: JAKARTA_PBF, clip: BEKASI, marginM: 1000, reader: 'clip' },
    { name: 'synthetic ×1, Kota Malang + 1 km', extract: one, clip: MALANG, marginM: 1000, reader: 'clip' },
    { name: `synthetic ×${tiles}, Kota Malang + 1 km`, extract: many, clip: MALANG, marginM: 1000, reader: 'clip' },
  ];
  const results: CaseResult[] = [];
  for (const spec of cases) {
    const result = runInChild(spec);
    results.push(result);
    say(`${spec.name} [${spec.reader}]: ${result.elements} elements in ${result.cpuS} CPU-s (${result.wallS} s wall) = `
      + `${(result.elementsPerCpuS / 1e6).toFixed(2)} M/CPU-s cold, ${(result.warmElementsPerCpuS / 1e6).toFixed(2)} warm; kept ${result.nodesInside} nodes; RSS +${result.rssGrowthMb} MB`);
  }
  const clipRates = results.filter((r) => r.reader === 'clip').map((r) => r.elementsPerCpuS);
  const largest = results[results.length - 1], single = results[results.length - 2];
  const summary = {
    minElementsPerCpuS: Math.min(...clipRates),
    minWarmElementsPerCpuS: Math.min(...results.filter((r) => r.reader === 'clip').map((r) => r.warmElementsPerCpuS)),
    largestExtract: { name: largest.name, elements: largest.elements, fileMb: largest.fileMb, elementsPerCpuS: largest.elementsPerCpuS,
      warmElementsPerCpuS: largest.warmElementsPerCpuS, rssGrowthMb: largest.rssGrowthMb },
    memoryFollowsClip: largest.nodeTableMb === single.nodeTableMb && largest.nodesInside === single.nodesInside,
    singleTileRssGrowthMb: single.rssGrowthMb,
  };
  const outDir = values.out ?? join(ROOT, 'benchmarks/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'clip.json'), `${JSON.stringify({ summary, tiles, loadAverage, cases: results }, null, 2)}\n`);
  writeFileSync(join(outDir, 'clip.md'), markdown(results, tiles, loadAverage));
  say(`wrote ${join(outDir, 'clip.md')}`);
  if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return 0;
}
