// Shared option parsing for the road-graph commands (graph build, route, table): --graph, --profile, --cache-dir, --json.
import { EngineError, InputError } from '../../engine/index.js';
import { DEFAULT_GRAPH_FILE } from './default-graph.js';

export { DEFAULT_GRAPH_FILE };

export interface GraphArgs {
  readonly graphPath: string;
  readonly profile: string;
  readonly cacheDir: string;
  readonly json: boolean;
  /** Arguments that are not options, in order. */
  readonly positional: string[];
}

/** Parses the shared options; the graph defaults to $JEJARING_GRAPH, then the Jakarta fixture. */
export function parseGraphArgs(args: readonly string[]): GraphArgs {
  const positional: string[] = [];
  let graphPath = process.env.JEJARING_GRAPH || DEFAULT_GRAPH_FILE, profile = 'motorbike', cacheDir = '.cache/graphs', json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new InputError('missing_option_value', `${arg} needs a value`, arg);
      return next;
    };
    if (arg === '--graph') graphPath = value();
    else if (arg === '--profile') profile = value();
    else if (arg === '--cache-dir') cacheDir = value();
    else if (arg === '--json') json = true;
    else if (arg.startsWith('--')) throw new InputError('unknown_option', `unknown option ${arg}`, arg);
    else positional.push(arg);
  }
  return { graphPath, profile, cacheDir, json, positional };
}

/** Removes `--name value` pairs for the given option names from `args` (for command-specific options). */
export function takeOptions(args: readonly string[], names: readonly string[]): { taken: Record<string, string>; rest: string[] } {
  const taken: Record<string, string> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!names.includes(arg)) { rest.push(arg); continue; }
    const value = args[++i];
    if (value === undefined) throw new InputError('missing_option_value', `${arg} needs a value`, arg);
    taken[arg] = value;
  }
  return { taken, rest };
}

/** Parses "lon,lat" (InputError `invalid_coordinate` naming the argument). */
export function parseLonLat(text: string, field: string): [number, number] {
  const parts = text.split(',');
  const lon = Number(parts[0]), lat = Number(parts[1]);
  const ok = parts.length === 2 && parts[0].trim() !== '' && parts[1].trim() !== '' && Number.isFinite(lon) && Number.isFinite(lat)
    && Math.abs(lon) <= 180 && Math.abs(lat) <= 90;
  if (!ok) throw new InputError('invalid_coordinate', `${field}: "${text}" is not lon,lat (e.g. 106.8442,-6.1737)`, field);
  return [lon, lat];
}

/** Runs a command body, printing EngineErrors as `error [code]: message` (exit 2 for input, 1 otherwise). */
export async function runReportingErrors(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (!(error instanceof EngineError)) throw error;
    process.stderr.write(`error [${error.code}]: ${error.message}\n`);
    return error.kind === 'input' ? 2 : 1;
  }
}
