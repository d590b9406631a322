// Streaming clip: Jakarta PBF with the real Kota Bekasi boundary and Surabaya XML with a box, checked against the plain
// readers; a synthetic extract nine times larger keeps exactly what one tile keeps; unsorted, corrupt and foreign files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clipOsmExtract } from '../../../../engine/graph/readers/clip-osm-extract.js';
import { readClipBoundary } from '../../../../engine/graph/readers/clip-boundary.js';
import { ClipRegion } from '../../../../engine/graph/readers/clip-region.js';
import { readRoadWays } from '../../../../engine/graph/readers/read-road-ways.js';
import type { RoadWay } from '../../../../engine/graph/road-way.js';
import { type RoadNetwork, writeTiledExtract } from '../../../../benchmarks/clip-synthetic-extract.js';

const JAKARTA_PBF = 'fixtures/osm/jakarta-roads-osm-2012-synthetic-ids.osm.pbf';
const SURABAYA = 'fixtures/osm/surabaya-sukolilo-2013.osm';
const dir = mkdtempSync(join(tmpdir(), 'jejaring-clip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The expected clip from a full read: each way cut to its runs of ≥ 2 points inside, as "lon,lat|lon,lat…" keys. */
function expectedRuns(ways: readonly RoadWay[], region: ClipRegion): string[] {
  const runs: string[] = [];
  for (const way of ways) {
    let run: string[] = [];
    for (const [lon, lat] of [...way.coordinates, [NaN, NaN] as const]) {
      if (region.contains(lon, lat)) { run.push(`${lon.toFixed(7)},${lat.toFixed(7)}`); continue; }
      if (run.length >= 2) runs.push(run.join('|'));
      run = [];
    }
  }
  return runs.sort();
}

const keysOf = (ways: readonly RoadWay[]) => ways.map((w) => w.coordinates.map(([lon, lat]) => `${lon.toFixed(7)},${lat.toFixed(7)}`).join('|')).sort();

describe('clipOsmExtract', () => {
  it('clips the Jakarta PBF to Kota Bekasi + 1 km exactly as a full read cut to the region', async () => {
    const region = new ClipRegion((await readClipBoundary('fixtures/boundaries/kota-bekasi.geojson')).rings, 1000);
    const clipped = await clipOsmExtract(JAKARTA_PBF, region);
    const full = await readRoadWays(JAKARTA_PBF);
    expect(clipped.stats).toMatchObject({ nodesRead: 60_404, waysRead: 18_574, relationsRead: 0 }); // SOURCES.md counts
    expect(clipped.ways.length).toBeGreaterThan(300); // the eastern DKI border streets near Bekasi
    expect(clipped.ways.length).toBeLessThan(full.ways.length / 10);
    expect(keysOf(clipped.ways)).toEqual(expectedRuns(full.ways, region));
    expect(clipped.ways.some((w) => /bekasi/i.test(w.tags.name ?? ''))).toBe(true);
  });

  it('clips the Surabaya XML (unsorted objects) to a box in two passes', async () => {
    const region = new ClipRegion((await readClipBoundary('112.770,-7.300,112.785,-7.290')).rings, 200);
    const clipped = await clipOsmExtract(SURABAYA, region);
    const full = await readRoadWays(SURABAYA);
    expect(clipped.stats).toMatchObject({ nodesRead: 3092, waysRead: 722 });
    expect(clipped.ways.length).toBeGreaterThan(50);
    expect(clipped.ways.length).toBeLessThan(full.ways.length);
    expect(keysOf(clipped.ways)).toEqual(expectedRuns(full.ways, region));
  });

  it('keeps the same ways and the same node table from an extract nine times larger (memory follows the clip)', async () => {
    const network = gridNetwork(20);
    const layout = { stepLon: 0.05, stepLat: 0.05, origin: [112.60, -8.00] as const };
    writeTiledExtract(join(dir, 'one.osm.pbf'), network, { ...layout, columns: 1, rows: 1 });
    const nine = writeTiledExtract(join(dir, 'nine.osm.pbf'), network, { ...layout, columns: 3, rows: 3 });
    const region = new ClipRegion((await readClipBoundary('112.605,-7.995,112.615,-7.985')).rings, 100);
    const small = await clipOsmExtract(join(dir, 'one.osm.pbf'), region);
    const large = await clipOsmExtract(join(dir, 'nine.osm.pbf'), region);
    expect(large.stats.nodesRead).toBe(nine.nodes);
    expect(large.stats.nodesRead).toBe(9 * small.stats.nodesRead);
    expect(large.stats.nodesInside).toBe(small.stats.nodesInside);
    expect(large.stats.nodeTableBytes).toBe(small.stats.nodeTableBytes);
    expect(keysOf(large.ways)).toEqual(keysOf(small.ways));
    expect(small.ways.length).toBeGreaterThan(10);
  });

  it('refuses an unsorted PBF, a corrupt one and an unknown extension with clear errors', async () => {
    const region = new ClipRegion((await readClipBoundary('112.0,-8.1,113.0,-7.0')).rings, 0);
    const sorted = join(dir, 'grid.osm.pbf');
    writeTiledExtract(sorted, gridNetwork(5), { columns: 1, rows: 1, stepLon: 0, stepLat: 0, origin: [112.6, -8.0] });
    const [header, nodes, ways] = splitBlobs(readFileSync(sorted));
    writeFileSync(join(dir, 'unsorted.osm.pbf'), Buffer.concat([header, ways, nodes]));
    await expect(clipOsmExtract(join(dir, 'unsorted.osm.pbf'), region)).rejects.toMatchObject({ code: 'graph_unreadable', message: /not sorted.*osmium sort/ });
    writeFileSync(join(dir, 'corrupt.osm.pbf'), Buffer.concat([header, nodes.subarray(0, nodes.length - 10)]));
    await expect(clipOsmExtract(join(dir, 'corrupt.osm.pbf'), region)).rejects.toMatchObject({ code: 'graph_unreadable', message: /truncated/ });
    writeFileSync(join(dir, 'text.osm.pbf'), 'this is not a pbf file at all');
    await expect(clipOsmExtract(join(dir, 'text.osm.pbf'), region)).rejects.toMatchObject({ code: 'graph_unreadable' });
    await expect(clipOsmExtract('fixtures/osm/jakarta-roads-osm-2012.geojson', region)).rejects.toMatchObject({ code: 'graph_unknown_format' });
  });
});

/** A square grid of `side × side` nodes ~110 m apart with residential ways along rows and columns. */
function gridNetwork(side: number): RoadNetwork {
  const ids: number[] = [], lon: number[] = [], lat: number[] = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) { ids.push(r * side + c + 1); lon.push(c * 0.001); lat.push(r * 0.001); }
  const ways: RoadNetwork['ways'][number][] = [];
  for (let k = 0; k < side; k++) {
    ways.push({ id: ways.length + 1, tags: { highway: 'residential', name: `Jalan Baris ${k}` }, refs: Float64Array.from({ length: side }, (_, c) => k * side + c + 1) });
    ways.push({ id: ways.length + 1, tags: { highway: 'residential' }, refs: Float64Array.from({ length: side }, (_, r) => r * side + k + 1) });
  }
  ways.push({ id: ways.length + 1, tags: { building: 'yes' }, refs: Float64Array.from([1, 2, side + 2, side + 1, 1]) });
  return { nodeIds: Float64Array.from(ids), lon: Float64Array.from(lon), lat: Float64Array.from(lat), ways };
}

/** The file's blobs (length prefix, header and blob) as raw byte chunks. */
function splitBlobs(file: Buffer): Buffer[] {
  const chunks: Buffer[] = [];
  for (let pos = 0; pos < file.length;) {
    const headerLength = file.readUInt32BE(pos);
    const header = file.subarray(pos + 4, pos + 4 + headerLength);
    let dataSize = 0;
    for (let i = 0; i < header.length; i++) if (header[i] === 24) { let shift = 0; for (let j = i + 1; ; j++) { dataSize += (header[j] & 0x7f) * 2 ** shift; shift += 7; if (header[j] < 0x80) break; } break; }
    chunks.push(file.subarray(pos, pos + 4 + headerLength + dataSize));
    pos += 4 + headerLength + dataSize;
  }
  return chunks;
}
