// The clip step of `graph build --clip`: stream an extract through a boundary (+ margin) and write the kept roads as GeoJSON.
import { clipOsmExtract, readClipBoundary, ClipRegion, writeRoadGeoJson, InputError } from '../../engine/index.js';

/** What `graph build --clip` reports (the `clip` object of its JSON summary). */
export interface ClipSummary {
  readonly extract: string;
  readonly clip: string;
  readonly marginM: number;
  readonly out: string;
  readonly nodesRead: number;
  readonly waysRead: number;
  readonly relationsRead: number;
  readonly nodesInside: number;
  readonly highwayWaysKept: number;
  readonly roadLinesKept: number;
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Nodes and ways read per CPU-second of the clip (reading and clipping, not writing). */
  readonly elementsPerCpuSecond: number;
  readonly nodeTableBytes: number;
}

const ATTRIBUTION = 'Map data © OpenStreetMap contributors (ODbL 1.0, https://www.openstreetmap.org/copyright)';

/** Clips `extract` to `clipSpec` grown by `marginM` and writes the roads to `out`. */
export async function clipExtractToFile(extract: string, clipSpec: string, marginM: number, out: string,
  progress?: (line: string) => void): Promise<ClipSummary> {
  const boundary = await readClipBoundary(clipSpec);
  let region: ClipRegion;
  try {
    region = new ClipRegion(boundary.rings, marginM);
  } catch (cause) {
    throw new InputError('invalid_clip', `--clip ${clipSpec}: ${(cause as Error).message}`, 'clip', { cause });
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  const onProgress = progress && ((read: number, total: number) => total >= 64e6 && progress(`  ${(read / 1e6).toFixed(0)} / ${(total / 1e6).toFixed(0)} MB read\n`));
  const clipped = await clipOsmExtract(extract, region, { onProgress });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  await writeRoadGeoJson(out, clipped.ways, ATTRIBUTION);
  const s = clipped.stats;
  return {
    extract, clip: boundary.label, marginM, out,
    nodesRead: s.nodesRead, waysRead: s.waysRead, relationsRead: s.relationsRead, nodesInside: s.nodesInside,
    highwayWaysKept: s.highwayWaysKept, roadLinesKept: s.roadLinesKept,
    seconds: Number(seconds.toFixed(3)), cpuSeconds: Number(cpuSeconds.toFixed(3)),
    elementsPerCpuSecond: Math.round((s.nodesRead + s.waysRead) / Math.max(cpuSeconds, 1e-6)),
    nodeTableBytes: s.nodeTableBytes,
  };
}
