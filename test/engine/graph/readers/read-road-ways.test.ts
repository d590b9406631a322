// Road file readers: real Surabaya XML, Monaco PBF and Jakarta GeoJSON/PBF, plus corrupt, empty and unknown inputs.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRoadGraph } from '../../../../engine/graph/load-road-graph.js';
import { readRoadWays } from '../../../../engine/graph/readers/read-road-ways.js';

const OSM = 'fixtures/osm';
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jejaring-roads-'));
});

describe('readRoadWays on real files', () => {
  it('reads the highway ways of the Surabaya XML export (unsorted objects)', async () => {
    const { ways } = await readRoadWays(`${OSM}/surabaya-sukolilo-2013.osm`);
    expect(ways).toHaveLength(318); // SOURCES.md: 318 highway ways
    expect(ways.filter((w) => w.tags.highway === 'residential')).toHaveLength(268);
    for (const w of ways) for (const [lon, lat] of w.coordinates) {
      expect(lon).toBeGreaterThan(112.76);
      expect(lat).toBeLessThan(-7.28);
    }
  });

  it('reads Monaco from PBF with its tags', async () => {
    const { ways } = await readRoadWays(`${OSM}/monaco-2016-osrm-testdata.osm.pbf`);
    expect(ways.length).toBeGreaterThanOrEqual(2900); // 2,927 highway ways, a few clipped at the extract edge
    expect(ways.some((w) => w.tags.highway === 'footway')).toBe(true);
    expect(ways.some((w) => w.tags.oneway === 'yes')).toBe(true);
  });

  it('maps the Jakarta GIS properties TYPE/NAME/ONEWAY to OSM tags', async () => {
    const { ways } = await readRoadWays(`${OSM}/jakarta-roads-osm-2012.geojson`);
    expect(ways).toHaveLength(18_574);
    expect(ways.filter((w) => w.tags.highway === 'residential')).toHaveLength(14_854);
    expect(ways.filter((w) => w.tags.oneway === 'yes')).toHaveLength(1886);
    expect(ways.filter((w) => w.tags.name !== undefined)).toHaveLength(8250);
  });
});

describe('road graphs from real files', () => {
  it('builds the same Jakarta graph from the GeoJSON layer and from its PBF conversion', async () => {
    const fromGeoJson = (await loadRoadGraph(`${OSM}/jakarta-roads-osm-2012.geojson`, 'motorbike')).graph;
    const fromPbf = (await loadRoadGraph(`${OSM}/jakarta-roads-osm-2012-synthetic-ids.osm.pbf`, 'motorbike')).graph;
    // SOURCES.md: 58,568 vertices in the largest weak component with every road class; motorbikes lose motorways and oneway dead ends.
    expect(fromGeoJson.nodeCount).toBeGreaterThan(50_000);
    expect(fromGeoJson.nodeCount).toBeLessThan(58_568);
    expect(fromPbf.nodeCount).toBe(fromGeoJson.nodeCount);
    expect(fromPbf.edgeCount).toBe(fromGeoJson.edgeCount);
    expect(Buffer.from(fromPbf.target.buffer).equals(Buffer.from(fromGeoJson.target.buffer))).toBe(true);
    expect(Buffer.from(fromPbf.durationDs.buffer).equals(Buffer.from(fromGeoJson.durationDs.buffer))).toBe(true);
    expect(Buffer.from(fromPbf.lat.buffer).equals(Buffer.from(fromGeoJson.lat.buffer))).toBe(true);
    expect(fromPbf.names).toEqual(fromGeoJson.names);
  });

  it('gives cars the motorways motorbikes may not use', async () => {
    const bike = await loadRoadGraph(`${OSM}/monaco-2016-osrm-testdata.osm.pbf`, 'motorbike');
    const car = await loadRoadGraph(`${OSM}/monaco-2016-osrm-testdata.osm.pbf`, 'car');
    expect(bike.stats.nodeCount).toBeGreaterThan(10_000);
    expect(car.stats.waysRoutable).toBeGreaterThan(bike.stats.waysRoutable);
    const s = await loadRoadGraph(`${OSM}/surabaya-sukolilo-2013.osm`);
    expect(s.graph.profile).toBe('motorbike');
    expect(s.stats.nodeCount).toBeGreaterThan(800);
  });
});

describe('GeoJSON road properties', () => {
  it('reads OSM-style keys, MultiLineStrings and boolean flags; skips features without a road class', async () => {
    const path = join(dir, 'mixed.geojson');
    const line = (lon: number) => [[lon, -6.2], [lon + 0.001, -6.2]];
    await writeFile(path, JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { highway: 'service', name: 'Gang Kenari', oneway: true }, geometry: { type: 'LineString', coordinates: line(106.8) } },
        { type: 'Feature', properties: { TYPE: 'tertiary', NAME: 'Jalan Cikini', LANES: 2 }, geometry: { type: 'MultiLineString', coordinates: [line(106.81), line(106.82)] } },
        { type: 'Feature', properties: { amenity: 'marketplace' }, geometry: { type: 'Point', coordinates: [106.8, -6.2] } },
      ],
    }));
    const { ways } = await readRoadWays(path);
    expect(ways.map((w) => w.tags)).toEqual([
      { highway: 'service', name: 'Gang Kenari', oneway: 'yes' },
      { highway: 'tertiary', name: 'Jalan Cikini', lanes: '2' },
      { highway: 'tertiary', name: 'Jalan Cikini', lanes: '2' },
    ]);
  });
});

describe('bad road files', () => {
  it('names a missing file', async () => {
    await expect(readRoadWays(join(dir, 'nope.osm.pbf'))).rejects.toMatchObject({ code: 'graph_unreadable', message: expect.stringContaining('nope.osm.pbf') });
  });

  it('rejects an unknown extension', async () => {
    await expect(readRoadWays(join(dir, 'roads.shp'))).rejects.toMatchObject({ code: 'graph_unknown_format', message: expect.stringContaining('roads.shp') });
  });

  it('reports corrupt PBF, XML and GeoJSON as graph_unreadable', async () => {
    const files: [string, string | Uint8Array][] = [
      ['bad.osm.pbf', 'this is not protobuf at all, just text that goes on for a while'],
      ['bad.osm', '<osm><node id="1" lat="1" lon="2"><tag k="a"'],
      ['notosm.osm', '<html><body>404</body></html>'],
      ['bad.geojson', '{"type": "FeatureCollection", "features": ['],
      ['point.geojson', '{"type": "Point", "coordinates": [1, 2]}'],
    ];
    const monaco = await readFile(`${OSM}/monaco-2016-osrm-testdata.osm.pbf`);
    const surabaya = await readFile(`${OSM}/surabaya-sukolilo-2013.osm`);
    files.push(['empty.osm.pbf', ''], ['truncated.osm.pbf', monaco.subarray(0, 900_000)], ['truncated.osm', surabaya.subarray(0, 400_000)]);
    for (const [name, content] of files) {
      await writeFile(join(dir, name), content);
      await expect(readRoadWays(join(dir, name)), name).rejects.toMatchObject({ code: 'graph_unreadable', message: expect.stringContaining(name) });
    }
  });

  it('reports a file without routable roads as graph_empty and an unknown profile as unknown_profile', async () => {
    const path = join(dir, 'footpaths.geojson');
    const line = { type: 'LineString', coordinates: [[106.8, -6.2], [106.801, -6.2]] };
    await writeFile(path, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { highway: 'footway' }, geometry: line }] }));
    await expect(loadRoadGraph(path, 'motorbike')).rejects.toMatchObject({ code: 'graph_empty', message: expect.stringContaining('footpaths.geojson') });
    await expect(loadRoadGraph(path, 'helicopter')).rejects.toMatchObject({ code: 'unknown_profile' });
  });
});
