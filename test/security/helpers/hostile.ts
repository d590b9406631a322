// Hostile values for fuzzing: SQL-like and odd-unicode strings, extreme numbers, prototype-pollution keys, deep
// nesting, and schema-aware bodies (the route's own field names filled with wrong or hostile values).
import fc from 'fast-check';

/** Strings that have broken web back ends before: SQL, NUL bytes, lone surrogates, bidi marks, paths, templates. */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1", "'; DROP TABLE orders; --", '" OR ""="', '1; SELECT pg_sleep(5)', "$1", '\\', '%', '_',
  '\u0000', 'a\u0000b', '\ud800', 'x\udfffy', '\u202e\u0644\u0627', '\ufeff', '🛵💨', 'e\u0301', '\u{10ffff}',
  '../../../etc/passwd', '%00', '%2e%2e%2f', '${7*7}', '{{7*7}}', '<script>alert(1)</script>', ' ', '',
  'NaN', 'Infinity', '-1', '1e309', '0x10', '9'.repeat(400), '2026-13-45T25:61:61Z', '0000-00-00', 'SRID=4326;POINT(1 2)',
  '__proto__', 'constructor', 'prototype', 'null', 'true', '[]', '{}', 'ord_', 'jk_', 'jt_.',
];

/** Numbers at the edges of JSON, JS and PostgreSQL integer and float types. */
export const HOSTILE_NUMBERS: readonly number[] = [
  0, -0, -1, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 181, -91, 1e21,
];

export const PROTO_KEYS: readonly string[] = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', '__defineGetter__'];

const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.oneof(fc.constantFrom('\u0000', "'", '"', '\\'), lone, fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c))), maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 60_000).map((n) => 'x'.repeat(n)) },
);
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(fc.constantFrom(...HOSTILE_NUMBERS), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());

/** Any JSON value built from hostile leaves, keys included. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString, hostileNumber, fc.boolean(), fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom(...PROTO_KEYS)), tie('v'), { maxKeys: 4 }),
  ),
})).v;

/** Raw JSON text nested `depth` levels (arrays or objects). */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
}

/** A roughly valid value for `schema` (right type, simple content): the background hostile fields are mixed into. */
function plausible(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  const alt = schema.anyOf ?? schema.oneOf;
  if (alt && alt.length > 0) return fc.oneof(...alt.map((s) => plausible(s, depth)));
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (type === 'object' || schema.properties) return depth > 4 ? fc.constant({}) : schemaBody(schema, depth + 1);
  if (type === 'array') return fc.array(schema.items ? schemaBody(schema.items, depth + 1) : hostileValue, { maxLength: 3 });
  if (type === 'integer') return fc.integer({ min: -5, max: 50 });
  if (type === 'number') return fc.double({ min: -180, max: 180, noNaN: true });
  if (type === 'boolean') return fc.boolean();
  if (type === 'null') return fc.constant(null);
  return fc.string({ maxLength: 12 });
}

/** An object with the schema's own field names, each missing, plausible, or hostile, plus stray hostile keys. */
export function schemaBody(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (!schema.properties) return schema.type === 'object' || depth === 0 ? hostileValue : plausible(schema, depth);
  const entries = Object.entries(schema.properties).map(([key, sub]) =>
    fc.oneof(fc.constant(undefined), plausible(sub, depth), hostileValue).map((v) => [key, v] as const),
  );
  const extras = fc.dictionary(fc.constantFrom(...PROTO_KEYS, 'id', 'status', 'version', 'market_id'), hostileValue, { maxKeys: 2 });
  return fc.tuple(fc.tuple(...entries), extras, fc.boolean()).map(([pairs, extra, withExtra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of pairs) if (v !== undefined) out[k] = v;
    if (withExtra) for (const [k, v] of Object.entries(extra)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}
