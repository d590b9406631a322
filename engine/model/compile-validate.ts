// Field-level validation helpers for compileProblem: each throws an InputError naming the offending field.
import { InputError } from '../errors.js';
import type { TimeWindow } from './problem-input.js';

/** A finite number (NaN and ±Infinity rejected). */
export function finite(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InputError('not_finite', `${field} must be a finite number`, field);
  return value;
}

/** A finite number ≥ 0. */
export function nonNegative(value: unknown, field: string): number {
  const v = finite(value, field);
  if (v < 0) throw new InputError('negative_value', `${field} must not be negative (got ${v})`, field);
  return v;
}

/** An optional window: both ends finite, earliest ≤ latest. Returns [earliest, latest], open ends as ±Infinity. */
export function windowOf(window: TimeWindow | undefined, field: string): [number, number] {
  if (window === undefined) return [-Infinity, Infinity];
  const early = finite(window.earliestS, `${field}.earliestS`);
  const late = finite(window.latestS, `${field}.latestS`);
  if (early > late) throw new InputError('invalid_window', `${field} opens after it closes (${early} > ${late})`, field);
  return [early, late];
}

/** A vector of exactly `dims` finite numbers; `nonNeg` also rejects negatives. */
export function vectorOf(values: readonly number[] | undefined, dims: number, field: string, nonNeg: boolean): number[] {
  if (!Array.isArray(values) || values.length !== dims) {
    throw new InputError('dimension_mismatch', `${field} must have ${dims} entries, one per load dimension`, field);
  }
  return values.map((v, d) => (nonNeg ? nonNegative(v, `${field}[${d}]`) : finite(v, `${field}[${d}]`)));
}

/** A non-empty string id not seen before in `seen` (which it joins). */
export function uniqueId(id: unknown, seen: Set<string>, field: string): string {
  if (typeof id !== 'string' || id.length === 0) throw new InputError('invalid_id', `${field} must be a non-empty string`, field);
  if (seen.has(id)) throw new InputError('duplicate_id', `${field} '${id}' is used twice`, field);
  seen.add(id);
  return id;
}

/** Looks `id` up in `index`, or throws `unknown_id` naming the field. */
export function known(index: Map<string, number>, id: unknown, field: string): number {
  const i = typeof id === 'string' ? index.get(id) : undefined;
  if (i === undefined) throw new InputError('unknown_id', `${field} '${String(id)}' does not exist`, field);
  return i;
}
