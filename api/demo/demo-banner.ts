// The block `serve --demo` prints once the demo is seeded: page URLs with their tokens and credentials for curl.
import type { DemoWorld } from './demo-seed.js';

export interface DemoBannerInput {
  /** `http://host:port` the server listens on. */
  readonly url: string;
  readonly world: DemoWorld;
  /** Seconds from process start to a seeded demo. */
  readonly readyS: number;
  /** How many times faster than real time the simulated couriers ride. */
  readonly speedUp: number;
}

/** The printed block: what to open, and tokens that work against this running demo only. */
export function demoBanner({ url, world, readyS, speedUp }: DemoBannerInput): string {
  const courier = world.courierTokens[0];
  const admin = world.admin.authorization.replace(/^Bearer /, '');
  const lines = [
    '',
    `jejaring demo ready in ${readyS.toFixed(1)} s: ${world.markets.length} Jakarta markets, ${world.couriers.size} couriers, orders streaming (couriers ride ${speedUp}× faster than real time)`,
    '',
    `  dispatcher map  ${url}/?token=${world.dispatcherToken}`,
    `  courier view    ${url}/courier?token=${courier.token}`,
    `                  (${courier.name}, ${courier.courierId}: the simulation leaves this courier to you)`,
    `  API docs        ${url}/docs`,
    '',
    '  Credentials for this demo only (in memory; they die with this process). Send as `Authorization: Bearer …`:',
    `    dispatcher  ${world.dispatcherToken}`,
    `    courier     ${courier.token}`,
    `    planner     ${world.plannerToken}`,
    `    fleet       ${world.fleetKey.apiKey}   (${world.fleetKey.name}, ${world.fleetKey.fleetId})`,
    `    admin       ${admin}`,
    '',
    `  Try: curl -H 'Authorization: Bearer ${world.fleetKey.apiKey}' ${url}/v1/orders?limit=5`,
    '  First steps with the API: docs/getting-started.md. One line per minute follows; LOG_LEVEL=info shows every request.',
    '',
  ];
  return lines.join('\n');
}
