// ArrayBundle: round trip of named typed arrays and header, aligned views, corrupt and missing files; RoadGraph through a bundle.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArrayBundle, encodeArrayBundle, loadArrayBundle, saveArrayBundle } from '../../../engine/graph/array-bundle.js';
import { buildRoadGraph } from '../../../engine/graph/build-road-graph.js';
import { roadGraphFromArrays, roadGraphToArrays } from '../../../engine/graph/road-graph-arrays.js';
import { asciiRoadMap } from './ascii-road-map.js';

const meta = { formatVersion: 3, inputHash: 'abc123', profile: 'motorbike', note: 'ünïcode ok' };
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'jejaring-bundle-'));
});

describe('array bundle', () => {
  it('round-trips every array type and the header, with 8-byte aligned views', async () => {
    const arrays = {
      odd: Uint8Array.of(1, 2, 3), // odd byte length forces padding before the next array
      f64: Float64Array.of(Math.PI, -0, Infinity),
      u32: Uint32Array.of(0, 4_000_000_000),
      i32: Int32Array.of(-1, 7),
      f32: Float32Array.of(1.5),
      i16: Int16Array.of(-300),
      u16: Uint16Array.of(65_000),
      i8: Int8Array.of(-5),
      empty: new Uint32Array(0),
    };
    const path = join(dir, 'all.bin');
    await saveArrayBundle(path, meta, arrays);
    const { header, arrays: loaded } = await loadArrayBundle(path);
    expect(header).toEqual(meta);
    for (const [name, array] of Object.entries(arrays)) {
      expect(loaded[name].constructor).toBe(array.constructor);
      expect(Array.from(loaded[name])).toEqual(Array.from(array));
      expect(loaded[name].byteOffset % 8).toBe(0);
    }
    expect(Object.is(loaded.f64[1], -0)).toBe(true);
  });

  it('decodes from a misaligned buffer by copying once', () => {
    const bytes = encodeArrayBundle(meta, { x: Float64Array.of(1, 2) });
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(Array.from(decodeArrayBundle(shifted.subarray(3)).arrays.x)).toEqual([1, 2]);
  });

  it('rejects missing, truncated, foreign and tampered files with stable codes naming the file', async () => {
    await expect(loadArrayBundle(join(dir, 'absent.bin'))).rejects.toMatchObject({ code: 'bundle_not_found', message: expect.stringContaining('absent.bin') });
    const good = encodeArrayBundle(meta, { x: Float64Array.of(1, 2, 3) });
    const cases: [string, Uint8Array][] = [
      ['short.bin', good.subarray(0, 6)],
      ['truncated.bin', good.subarray(0, good.length - 8)],
      ['foreign.bin', new TextEncoder().encode('PK\u0003\u0004 not a bundle at all')],
    ];
    const tampered = good.slice();
    tampered[12] = 0x7b + 1; // break the JSON header
    cases.push(['tampered.bin', tampered]);
    for (const [name, bytes] of cases) {
      await writeFile(join(dir, name), bytes);
      await expect(loadArrayBundle(join(dir, name)), name).rejects.toMatchObject({ code: 'bundle_corrupt', message: expect.stringContaining(name) });
    }
  });

  it('carries a RoadGraph and gives it back equal', async () => {
    const map = asciiRoadMap('a-b-c\n|   |\nd---e', [{ nodes: 'abc', tags: { name: 'Jalan Melati' } }, { nodes: 'ce' }, { nodes: 'ed', tags: { name: 'Gang 3' } }, { nodes: 'da' }]);
    const graph = buildRoadGraph(map.ways, 'motorbike');
    const path = join(dir, 'graph.bin');
    await saveArrayBundle(path, meta, roadGraphToArrays(graph));
    const back = roadGraphFromArrays((await loadArrayBundle(path)).arrays, 'motorbike');
    expect({ ...back, firstEdge: Array.from(back.firstEdge), target: Array.from(back.target), lon: Array.from(back.lon) })
      .toMatchObject({ nodeCount: graph.nodeCount, edgeCount: graph.edgeCount, firstEdge: Array.from(graph.firstEdge), target: Array.from(graph.target), lon: Array.from(graph.lon), names: graph.names });
    expect(Array.from(back.durationDs)).toEqual(Array.from(graph.durationDs));
    const bytes = await readFile(path);
    const arrays = decodeArrayBundle(bytes).arrays;
    delete arrays['graph.lat'];
    expect(() => roadGraphFromArrays(arrays, 'motorbike')).toThrowError(expect.objectContaining({ code: 'bundle_corrupt' }));
  });
});
