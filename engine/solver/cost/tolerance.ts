// The solver's one numeric tolerance: matrices and windows may hold unrounded floats, so rules and improvements
// are judged with this slack instead of exact comparisons.

/** Slack on times (s), loads and costs when judging a rule or an improvement. */
export const TOLERANCE = 1e-9;

/** True when `value` breaks the upper limit `limit` by more than the tolerance. */
export function exceedsLimit(value: number, limit: number): boolean {
  return value > limit + TOLERANCE;
}

/** True when a cost change `delta` is a real gain on a plan whose costs are of size `scale` (not float noise). */
export function isImprovement(delta: number, scale: number): boolean {
  return delta < -TOLERANCE * Math.max(1, Math.abs(scale));
}
