// REST bodies speak snake_case: converts the engine's camelCase values (KPIs, COD totals, stops) at the edge.

/** `value` with every object key in snake_case (deep; arrays and primitives kept). */
export function snakeKeys<T>(value: T): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)] = snakeKeys(v);
  return out;
}
