// The RoutingProvider spec on the providers without their own suite: straight-line estimates, and the fallback wrapper.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { HaversineProvider } from '../../../engine/dispatch/haversine-provider.js';
import { openEmbeddedRouter } from '../../../engine/routing/embedded-router.js';
import { FallbackRoutingProvider } from '../../../engine/routing/fallback-provider.js';
import { describeRoutingProvider, MONACO_SPEC_FIXTURE } from './provider-spec.js';

const MONACO = 'fixtures/osm/monaco-2016-osrm-testdata.osm.pbf';
const cacheDir = mkdtempSync(join(tmpdir(), 'jejaring-spec-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describeRoutingProvider('haversine (straight lines, no road network)', async () => new HaversineProvider(), {
  ...MONACO_SPEC_FIXTURE,
  farPoint: null,
  estimatedDistances: true,
});

describeRoutingProvider(
  'fallback (embedded Monaco, straight lines behind it)',
  async () => new FallbackRoutingProvider(await openEmbeddedRouter({ graphPath: MONACO, profile: 'motorbike', cacheDir }), new HaversineProvider()),
  MONACO_SPEC_FIXTURE,
);
