// `jejaring table <lon,lat>… [--graph f] [--profile p] [--json]`: a square duration/distance table on the embedded router.
import { InputError, openEmbeddedRouter } from '../../engine/index.js';
import { parseGraphArgs, parseLonLat, runReportingErrors } from './graph-args.js';

/** Rows of a row-major table, `null` for unreachable cells (JSON has no Infinity). */
function rows(values: Float64Array, width: number): (number | null)[][] {
  const out: (number | null)[][] = [];
  for (let i = 0; i < values.length; i += width) out.push(Array.from(values.subarray(i, i + width), (v) => (Number.isFinite(v) ? v : null)));
  return out;
}

export async function run(args: string[]): Promise<number> {
  return runReportingErrors(async () => {
    const options = parseGraphArgs(args);
    if (options.positional.length < 1) throw new InputError('usage', 'usage: jejaring table <lon,lat>… [--graph file] [--profile p] [--json]', 'coordinates');
    const points = options.positional.map((text, i) => parseLonLat(text, `coordinates[${i}]`));
    const router = await openEmbeddedRouter({ graphPath: options.graphPath, profile: options.profile, cacheDir: options.cacheDir });
    const table = await router.table({ sources: points });
    const n = table.sourceCount;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({
        durationsS: rows(table.durationS, n), distancesM: rows(table.distanceM, n), sources: table.sources, destinations: table.destinations,
      })}\n`);
      return 0;
    }
    const cell = (s: number, m: number) => (Number.isFinite(s) ? `${s}s/${m}m` : '—').padStart(14);
    const lines = [`${router.name} on ${options.graphPath}: duration (s) / distance (m), row = from, column = to`];
    lines.push(`${''.padStart(4)}${points.map((_, j) => `${j}`.padStart(14)).join('')}`);
    for (let i = 0; i < n; i++) {
      let line = `${i}`.padStart(4);
      for (let j = 0; j < n; j++) line += cell(table.durationS[i * n + j], table.distanceM[i * n + j]);
      lines.push(line);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}
