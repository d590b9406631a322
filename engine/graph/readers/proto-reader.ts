// ProtoReader: a minimal allocation-free protobuf wire-format cursor for the OSM PBF decoder (varints, zigzag, length-delimited).

const TWO_POW_28 = 268435456;

/** Reads protobuf fields from `buf[pos, end)`. Integers above 2^53 lose precision (OSM ids and coordinates stay far below). */
export class ProtoReader {
  constructor(
    public buf: Uint8Array,
    public pos = 0,
    public end = buf.length,
  ) {}

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** An unsigned varint as a double (exact up to 2^53). */
  varint(): number {
    const buf = this.buf;
    let b = buf[this.pos++];
    if (b < 0x80) return b;
    let low = b & 0x7f;
    b = buf[this.pos++];
    low |= (b & 0x7f) << 7;
    if (b < 0x80) return low;
    b = buf[this.pos++];
    low |= (b & 0x7f) << 14;
    if (b < 0x80) return low;
    b = buf[this.pos++];
    low |= (b & 0x7f) << 21;
    if (b < 0x80) return low;
    let value = low;
    let scale = TWO_POW_28;
    for (let i = 0; i < 6; i++) {
      b = buf[this.pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    if (this.pos > this.end) throw new Error('truncated protobuf varint');
    throw new Error('protobuf varint longer than 10 bytes');
  }

  /** A zigzag-encoded signed varint (sint32/sint64). */
  svarint(): number {
    const n = this.varint();
    return n % 2 === 0 ? n / 2 : -(n + 1) / 2;
  }

  /** A field key: field number × 8 + wire type. */
  key(): number {
    return this.varint();
  }

  /** Length of a length-delimited field, checked against the end. */
  length(): number {
    const n = this.varint();
    if (this.pos + n > this.end) throw new Error('truncated protobuf field');
    return n;
  }

  /** A length-delimited field's bytes (a view, no copy). */
  bytes(): Uint8Array {
    const n = this.length();
    const view = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return view;
  }

  /** Skips one field of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case 0: this.varint(); break;
      case 1: this.pos += 8; break;
      case 2: { const n = this.length(); this.pos += n; break; }
      case 5: this.pos += 4; break;
      default: throw new Error(`unsupported protobuf wire type ${wireType}`);
    }
    if (this.pos > this.end) throw new Error('truncated protobuf field');
  }
}

/** A UTF-8 string from bytes. */
const utf8 = new TextDecoder();
export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}
