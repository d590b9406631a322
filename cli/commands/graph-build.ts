// `jejaring graph build <file> [--profile motorbike|car] [--cache-dir d] [--json]`: parse, contract and cache a road graph.
import { loadOrBuildGraph } from '../../engine/graph/graph-cache.js';
import { InputError } from '../../engine/errors.js';
import { parseGraphArgs, runReportingErrors } from './graph-args.js';

export async function run(args: string[]): Promise<number> {
  return runReportingErrors(async () => {
    const options = parseGraphArgs(args);
    if (options.positional.length !== 1) throw new InputError('usage', 'usage: jejaring graph build <file> [--profile motorbike|car] [--cache-dir d]', 'file');
    const started = performance.now();
    const loaded = await loadOrBuildGraph(options.positional[0], { profile: options.profile, cacheDir: options.cacheDir });
    const seconds = (performance.now() - started) / 1000;
    const summary = {
      file: options.positional[0], profile: loaded.graph.profile, nodes: loaded.graph.nodeCount, edges: loaded.graph.edgeCount,
      upEdges: loaded.ch.upTarget.length, downEdges: loaded.ch.downTarget.length,
      origin: loaded.origin, cachePath: loaded.cachePath, seconds: Number(seconds.toFixed(3)),
    };
    if (options.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
    } else {
      if (loaded.rebuildReason) process.stdout.write(`cache not used: ${loaded.rebuildReason}\n`);
      process.stdout.write(`${summary.file} (${summary.profile}): ${summary.nodes} nodes, ${summary.edges} edges; `
        + `hierarchy ${summary.upEdges} up + ${summary.downEdges} down edges\n`
        + `${loaded.origin === 'cache' ? 'loaded from' : 'built and saved to'} ${loaded.cachePath} in ${seconds.toFixed(2)} s\n`);
    }
    return 0;
  });
}
