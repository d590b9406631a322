// What the browser reads from /web-config.json: tile source, first view and, in the demo only, ready-made tokens.

/** What the browser reads from /web-config.json before it draws anything. */
export interface WebConfig {
  /** XYZ tile URL template ('' = offline basemap drawn from the road graph). */
  readonly tileUrl: string;
  readonly attribution: string;
  /** Market the dispatcher map opens on ('' = the first market the token can see). */
  readonly defaultMarket: string;
  /** [lat, lon] and zoom of the first view when no market is known yet (Jakarta). */
  readonly center: readonly [number, number];
  readonly zoom: number;
  /** Demo only: bearer tokens the pages may use without a sign-in (never set outside `serve --demo`). */
  readonly demo?: {
    /** False while the demo is still seeding: the pages wait and ask again. */
    readonly ready?: boolean;
    readonly dispatcherToken?: string; readonly courierTokens?: readonly { courierId: string; name: string; token: string }[];
    /** How many times faster than real time the demo's couriers ride (shown on the map). */
    readonly timeFactor?: number;
  };
}
