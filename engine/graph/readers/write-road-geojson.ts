// Writes road ways as a GeoJSON FeatureCollection of LineStrings (tags as properties) that readGeoJsonRoads reads back.
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import type { RoadWay } from '../road-way.js';

/** Written to `path.tmp` and renamed, so a failed run never leaves half a file. One feature per line, coordinates at 1e-7° (about 1 cm); `attribution` goes into the collection's top level. */
export async function writeRoadGeoJson(path: string, ways: readonly RoadWay[], attribution: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.tmp`;
  const out = createWriteStream(temporary, { encoding: 'utf8' });
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  const failed = once(out, 'error').then(([error]) => { throw error; });
  failed.catch(() => undefined);
  try {
  await write(`{"type":"FeatureCollection","attribution":${JSON.stringify(attribution)},"features":[\n`);
  for (let i = 0; i < ways.length; i++) {
    const way = ways[i];
    const coordinates = way.coordinates.map(([lon, lat]) => `[${+lon.toFixed(7)},${+lat.toFixed(7)}]`).join(',');
    await write(`${i === 0 ? '' : ',\n'}{"type":"Feature","properties":${JSON.stringify(way.tags)},"geometry":{"type":"LineString","coordinates":[${coordinates}]}}`);
  }
  await write('\n]}\n');
  out.end();
  await Promise.race([once(out, 'finish'), failed]);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  await rename(temporary, path);
}
