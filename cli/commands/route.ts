// `jejaring route <lon,lat> <lon,lat>… [--graph file] [--profile p] [--json]`: a route through the points on the embedded router.
import { InputError, openEmbeddedRouter } from '../../engine/index.js';
import { parseGraphArgs, parseLonLat, runReportingErrors } from './graph-args.js';

export async function run(args: string[]): Promise<number> {
  return runReportingErrors(async () => {
    const options = parseGraphArgs(args);
    if (options.positional.length < 2) throw new InputError('usage', 'usage: jejaring route <lon,lat> <lon,lat>… [--graph file] [--profile p] [--json]', 'waypoints');
    const waypoints = options.positional.map((text, i) => parseLonLat(text, `waypoints[${i}]`));
    const router = await openEmbeddedRouter({ graphPath: options.graphPath, profile: options.profile, cacheDir: options.cacheDir });
    const route = await router.route(waypoints);
    if (options.json) {
      process.stdout.write(`${JSON.stringify(route)}\n`);
      return 0;
    }
    const lines = [`${router.name} on ${options.graphPath}`, `total: ${formatDuration(route.durationS)}, ${formatDistance(route.distanceM)}`];
    route.legs.forEach((leg, i) => {
      const from = route.waypoints[i], to = route.waypoints[i + 1];
      lines.push(`  leg ${i + 1}: ${formatDuration(leg.durationS)}, ${formatDistance(leg.distanceM)}  (${from.name || 'unnamed road'} → ${to.name || 'unnamed road'})`);
    });
    route.waypoints.forEach((w, i) => lines.push(`  waypoint ${i}: [${w.location[0].toFixed(6)}, ${w.location[1].toFixed(6)}] snapped ${w.snapDistanceM.toFixed(1)} m`));
    lines.push(`  geometry: ${route.geometry.coordinates.length} points`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  });
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'unreachable';
  const m = Math.floor(seconds / 60), s = seconds % 60;
  return m > 0 ? `${m} min ${s} s` : `${s} s`;
}

export function formatDistance(metres: number): string {
  if (!Number.isFinite(metres)) return 'unreachable';
  return metres >= 1000 ? `${(metres / 1000).toFixed(2)} km` : `${metres} m`;
}
