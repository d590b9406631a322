// `jejaring graph build <file> [--clip <boundary.geojson|bbox> [--margin-m m] [--out f]] [--profile p] [--cache-dir d] [--json]`:
// parse (optionally clip a large extract first), contract and cache a road graph.
import { basename } from 'node:path';
import { loadOrBuildGraph, InputError } from '../../engine/index.js';
import { parseGraphArgs, runReportingErrors, takeOptions } from './graph-args.js';
import { clipExtractToFile, type ClipSummary } from './graph-clip.js';

const USAGE = 'usage: jejaring graph build <file> [--clip <boundary.geojson | minLon,minLat,maxLon,maxLat> [--margin-m 1000] [--out roads.geojson]] '
  + '[--profile motorbike|car] [--cache-dir d] [--json]';

/** Default file for clipped roads: `<extract stem>-<boundary stem>.roads.geojson` in the working directory. */
function defaultClipOut(extract: string, clip: string): string {
  const stem = (path: string) => basename(path).replace(/\.(osm\.pbf|pbf|osm\.xml|osm|geojson|json)$/i, '').replace(/[^A-Za-z0-9._-]/g, '_');
  const boundary = /^[\s\d.,-]+$/.test(clip) ? 'bbox' : stem(clip);
  return `${stem(extract)}-${boundary}.roads.geojson`;
}

export async function run(args: string[]): Promise<number> {
  return runReportingErrors(async () => {
    const { taken, rest } = takeOptions(args, ['--clip', '--margin-m', '--out']);
    const options = parseGraphArgs(rest);
    if (options.positional.length !== 1) throw new InputError('usage', USAGE, 'file');
    if ((taken['--margin-m'] !== undefined || taken['--out'] !== undefined) && taken['--clip'] === undefined) {
      throw new InputError('usage', `--margin-m and --out go with --clip; ${USAGE}`, 'clip');
    }
    const say = (line: string) => { if (!options.json) process.stdout.write(`${line}\n`); };
    let graphFile = options.positional[0];
    let clip: ClipSummary | undefined;
    if (taken['--clip'] !== undefined) {
      const marginM = taken['--margin-m'] === undefined ? 1000 : Number(taken['--margin-m']);
      if (!Number.isFinite(marginM) || marginM < 0 || marginM > 100_000) throw new InputError('invalid_margin', `--margin-m must be 0 to 100000 metres, got ${taken['--margin-m']}`, 'margin-m');
      const out = taken['--out'] ?? defaultClipOut(graphFile, taken['--clip']);
      clip = await clipExtractToFile(graphFile, taken['--clip'], marginM, out, options.json ? undefined : (line) => process.stderr.write(line));
      say(`clipped ${graphFile} to ${clip.clip} + ${marginM} m: read ${clip.nodesRead} nodes and ${clip.waysRead} ways in ${clip.seconds.toFixed(2)} s `
        + `(CPU ${clip.cpuSeconds.toFixed(2)} s, ${(clip.elementsPerCpuSecond / 1e6).toFixed(2)} M elements per CPU-second); `
        + `kept ${clip.roadLinesKept} road lines over ${clip.nodesInside} nodes inside → ${out}`);
      if (clip.roadLinesKept === 0) throw new InputError('clip_empty', `no road of ${graphFile} lies inside ${clip.clip} (+ ${marginM} m): check that the boundary and the extract cover the same place`, 'clip');
      graphFile = out;
    }
    const started = performance.now();
    const loaded = await loadOrBuildGraph(graphFile, { profile: options.profile, cacheDir: options.cacheDir });
    const seconds = (performance.now() - started) / 1000;
    const summary = {
      file: graphFile, profile: loaded.graph.profile, nodes: loaded.graph.nodeCount, edges: loaded.graph.edgeCount,
      upEdges: loaded.ch.upTarget.length, downEdges: loaded.ch.downTarget.length,
      origin: loaded.origin, cachePath: loaded.cachePath, seconds: Number(seconds.toFixed(3)),
      ...(clip ? { clip } : {}),
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      if (loaded.rebuildReason) process.stdout.write(`cache not used: ${loaded.rebuildReason}\n`);
      process.stdout.write(`${summary.file} (${summary.profile}): ${summary.nodes} nodes, ${summary.edges} edges; `
        + `hierarchy ${summary.upEdges} up + ${summary.downEdges} down edges\n`
        + `${loaded.origin === 'cache' ? 'loaded from' : 'built and saved to'} ${loaded.cachePath} in ${seconds.toFixed(2)} s\n`);
      if (clip) say(`serve it: JEJARING_GRAPH=${graphFile} node bin/jejaring.js serve`);
    }
    return 0;
  });
}
