// Decodes one OSM PBF PrimitiveBlock (string table, dense and plain nodes, ways) into callbacks without per-node objects.
import { decodeUtf8, ProtoReader } from './proto-reader.js';

/** What a block decoder calls; ways are offered only when they carry `wayKey` (e.g. `highway`). */
export interface PrimitiveSink {
  /** Only ways with this tag key are decoded in full and passed to `way`. */
  readonly wayKey: string;
  /** Nodes `[0, count)` of parallel arrays (degrees); the arrays are reused after the call returns. */
  nodes(ids: Float64Array, lons: Float64Array, lats: Float64Array, count: number): void;
  /** Whether to decode the tags of a way with these node ids and pass it to `way` (skips tag decoding for ways far away). */
  wantsWay(refs: Float64Array, refCount: number): boolean;
  /** `refs[0, refCount)` are the way's node ids; the buffer is reused after the call returns. */
  way(id: number, tags: Record<string, string>, refs: Float64Array, refCount: number): void;
}

/** Elements a block held, by kind. */
export interface BlockCounts {
  nodes: number;
  ways: number;
  relations: number;
}

/** Per-block string table: byte ranges into the block, decoded lazily. */
class StringTable {
  private starts = new Int32Array(256);
  private ends = new Int32Array(256);
  private decoded: (string | undefined)[] = [];
  count = 0;
  constructor(private readonly buf: Uint8Array) {}

  add(start: number, end: number): void {
    if (this.count === this.starts.length) {
      const s = new Int32Array(this.count * 2), e = new Int32Array(this.count * 2);
      s.set(this.starts); e.set(this.ends);
      this.starts = s; this.ends = e;
    }
    this.starts[this.count] = start;
    this.ends[this.count++] = end;
  }

  get(index: number): string {
    if (index >= this.count) throw new Error(`PBF string index ${index} outside the string table`);
    return (this.decoded[index] ??= decodeUtf8(this.buf.subarray(this.starts[index], this.ends[index])));
  }

  /** Index of `text` in the table, or -1 (compares bytes; `text` is ASCII). */
  indexOf(text: string): number {
    outer: for (let i = 0; i < this.count; i++) {
      const start = this.starts[i];
      if (this.ends[i] - start !== text.length) continue;
      for (let k = 0; k < text.length; k++) if (this.buf[start + k] !== text.charCodeAt(k)) continue outer;
      return i;
    }
    return -1;
  }
}

/** A two's-complement int64 read as an unsigned varint, back to its signed value. */
function int64(unsigned: number): number {
  return unsigned >= 9223372036854775808 ? unsigned - 18446744073709551616 : unsigned;
}

let refBuffer: Float64Array = new Float64Array(2048);

/** Decodes a PrimitiveBlock, calling `sink` for every node and every way carrying `sink.wayKey`. */
export function decodePrimitiveBlock(data: Uint8Array, sink: PrimitiveSink, counts: BlockCounts): void {
  const top = new ProtoReader(data);
  const strings = new StringTable(data);
  const groups: number[] = [];
  let granularity = 100, latOffset = 0, lonOffset = 0;
  while (!top.done) {
    const key = top.key();
    if (key === 10) {
      const st = new ProtoReader(data, 0, 0);
      const n = top.length();
      st.pos = top.pos; st.end = top.pos + n;
      top.pos += n;
      while (!st.done) {
        const k = st.key();
        if (k === 10) { const len = st.length(); strings.add(st.pos, st.pos + len); st.pos += len; } else st.skip(k & 7);
      }
    } else if (key === 18) {
      const n = top.length();
      groups.push(top.pos, top.pos + n);
      top.pos += n;
    } else if (key === 136) granularity = top.varint(); // field 17
    else if (key === 152) latOffset = int64(top.varint()); // field 19
    else if (key === 160) lonOffset = int64(top.varint()); // field 20
    else top.skip(key & 7);
  }
  const scale = 1e-9 * granularity;
  const latBase = 1e-9 * latOffset, lonBase = 1e-9 * lonOffset;
  const wayKeyIndex = strings.indexOf(sink.wayKey);
  for (let g = 0; g < groups.length; g += 2) {
    const group = new ProtoReader(data, groups[g], groups[g + 1]);
    while (!group.done) {
      const key = group.key();
      const n = group.length();
      const start = group.pos;
      group.pos += n;
      if (key === 18) decodeDense(data, start, start + n, sink, counts, scale, latBase, lonBase);
      else if (key === 10) decodeNode(data, start, start + n, sink, counts, scale, latBase, lonBase);
      else if (key === 26) decodeWay(data, start, start + n, sink, counts, strings, wayKeyIndex);
      else if (key === 34) counts.relations++;
    }
  }
}

/** Decodes packed zigzag deltas in `buf[start, end)` as running sums into `out` (grown as needed); returns [out, count]. */
function decodeDeltas(buf: Uint8Array, start: number, end: number, out: Float64Array): [Float64Array, number] {
  let pos = start, count = 0, sum = 0;
  while (pos < end) {
    let b = buf[pos++];
    let value: number;
    if (b < 0x80) value = b;
    else {
      let low = b & 0x7f;
      b = buf[pos++]; low |= (b & 0x7f) << 7;
      if (b < 0x80) value = low;
      else {
        b = buf[pos++]; low |= (b & 0x7f) << 14;
        if (b < 0x80) value = low;
        else {
          b = buf[pos++]; low |= (b & 0x7f) << 21;
          if (b < 0x80) value = low;
          else {
            value = low;
            let scale = 268435456;
            do { b = buf[pos++]; value += (b & 0x7f) * scale; scale *= 128; } while (b >= 0x80 && pos < end);
          }
        }
      }
    }
    if (count === out.length) { const grown = new Float64Array(out.length * 2); grown.set(out); out = grown; }
    sum += value % 2 === 0 ? value / 2 : -(value + 1) / 2;
    out[count++] = sum;
  }
  if (pos > end) throw new Error('truncated protobuf packed field');
  return [out, count];
}

let denseIds: Float64Array = new Float64Array(8192), denseLats: Float64Array = new Float64Array(8192), denseLons: Float64Array = new Float64Array(8192);

function decodeDense(data: Uint8Array, start: number, end: number, sink: PrimitiveSink, counts: BlockCounts,
  scale: number, latBase: number, lonBase: number): void {
  const r = new ProtoReader(data, start, end);
  let idCount = 0, latCount = 0, lonCount = 0;
  while (!r.done) {
    const key = r.key();
    if (key === 10 || key === 66 || key === 74) {
      const n = r.length();
      if (key === 10) [denseIds, idCount] = decodeDeltas(data, r.pos, r.pos + n, denseIds);
      else if (key === 66) [denseLats, latCount] = decodeDeltas(data, r.pos, r.pos + n, denseLats);
      else [denseLons, lonCount] = decodeDeltas(data, r.pos, r.pos + n, denseLons);
      r.pos += n;
    } else r.skip(key & 7);
  }
  if (latCount !== idCount || lonCount !== idCount) throw new Error('PBF DenseNodes with a different number of ids and coordinates');
  for (let i = 0; i < idCount; i++) {
    denseLons[i] = lonBase + scale * denseLons[i];
    denseLats[i] = latBase + scale * denseLats[i];
  }
  counts.nodes += idCount;
  sink.nodes(denseIds, denseLons, denseLats, idCount);
}

function decodeNode(data: Uint8Array, start: number, end: number, sink: PrimitiveSink, counts: BlockCounts,
  scale: number, latBase: number, lonBase: number): void {
  const r = new ProtoReader(data, start, end);
  let id = 0, lat = 0, lon = 0;
  while (!r.done) {
    const key = r.key();
    if (key === 8) id = r.svarint();
    else if (key === 64) lat = r.svarint();
    else if (key === 72) lon = r.svarint();
    else r.skip(key & 7);
  }
  counts.nodes++;
  singleId[0] = id; singleLon[0] = lonBase + scale * lon; singleLat[0] = latBase + scale * lat;
  sink.nodes(singleId, singleLon, singleLat, 1);
}

const singleId = new Float64Array(1), singleLon = new Float64Array(1), singleLat = new Float64Array(1);

const wayReader = new ProtoReader(new Uint8Array(0));
const keyReader = new ProtoReader(new Uint8Array(0));
const valReader = new ProtoReader(new Uint8Array(0));

function decodeWay(data: Uint8Array, start: number, end: number, sink: PrimitiveSink, counts: BlockCounts,
  strings: StringTable, wayKeyIndex: number): void {
  counts.ways++;
  if (wayKeyIndex < 0) return;
  const r = reset(wayReader, data, start, end);
  let id = 0, keysStart = 0, keysEnd = 0, valsStart = 0, valsEnd = 0, refsStart = 0, refsEnd = 0;
  while (!r.done) {
    const key = r.key();
    if (key === 8) id = r.varint();
    else if (key === 18) { const n = r.length(); keysStart = r.pos; keysEnd = r.pos + n; r.pos += n; }
    else if (key === 26) { const n = r.length(); valsStart = r.pos; valsEnd = r.pos + n; r.pos += n; }
    else if (key === 66) { const n = r.length(); refsStart = r.pos; refsEnd = r.pos + n; r.pos += n; }
    else r.skip(key & 7);
  }
  const keys = reset(keyReader, data, keysStart, keysEnd);
  let hasKey = false;
  while (keys.pos < keys.end) if (keys.varint() === wayKeyIndex) { hasKey = true; break; }
  if (!hasKey) return;
  let count: number;
  [refBuffer, count] = decodeDeltas(data, refsStart, refsEnd, refBuffer);
  if (!sink.wantsWay(refBuffer, count)) return;
  const tags: Record<string, string> = {};
  keys.pos = keysStart;
  const vals = reset(valReader, data, valsStart, valsEnd);
  while (keys.pos < keys.end && vals.pos < vals.end) tags[strings.get(keys.varint())] = strings.get(vals.varint());
  sink.way(id, tags, refBuffer, count);
}

/** Points a shared reader at `buf[start, end)` (the decoder is synchronous, so one reader per role suffices). */
function reset(reader: ProtoReader, buf: Uint8Array, start: number, end: number): ProtoReader {
  reader.buf = buf;
  reader.pos = start;
  reader.end = end;
  return reader;
}
