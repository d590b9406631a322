// Reads road ways from an OpenStreetMap .osm XML file, streaming it through the saxes parser.
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
import type { RoadWaySet } from '../road-way.js';
import { NodeStore } from './node-store.js';

/** All `highway` ways of an OSM XML file (objects may come in any order; deleted objects are skipped). */
export async function readOsmXml(path: string): Promise<RoadWaySet> {
  const store = new NodeStore();
  const parser = new SaxesParser();
  let sawOsmRoot = false;
  let way: { refs: number[]; tags: Record<string, string> } | undefined;
  let skipWay = false;

  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'osm':
        sawOsmRoot = true;
        break;
      case 'node':
        if (a.visible !== 'false' && a.action !== 'delete') store.addNode(Number(a.id), Number(a.lon), Number(a.lat));
        break;
      case 'way':
        way = { refs: [], tags: {} };
        skipWay = a.visible === 'false' || a.action === 'delete';
        break;
      case 'nd':
        if (way) way.refs.push(Number(a.ref));
        break;
      case 'tag':
        if (way && a.k !== undefined) way.tags[a.k] = a.v ?? '';
        break;
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'way' && way) {
      if (!skipWay) store.addWay(way.refs, way.tags);
      way = undefined;
    }
  });

  const stream = createReadStream(path, { encoding: 'utf8' });
  for await (const chunk of stream) parser.write(chunk as string);
  parser.close();
  if (!sawOsmRoot) throw new Error('no <osm> root element');
  return { ways: store.resolveWays(), source: path };
}
