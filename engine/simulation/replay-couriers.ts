// Explicit couriers of a replayed day (from `couriers` or a couriers sheet) checked against the scenario (markets, the
// day's hours) and resolved; every error names where the value came from: `couriers[2].shift` or a CSV row and column.
import { InputError } from '../errors.js';
import type { FleetKind } from '../model/problem-input.js';
import { clockOf, hourOf, marketOf, type ReplayContext } from './replay-day.js';
import type { ExplicitCourierSpec } from './scenario-schema.js';

/** What a courier may carry beyond who, where and when; unset fields take the fleet's defaults. */
export interface CourierOptions {
  readonly capacityKg?: number;
  readonly cashFloatRp?: number;
  readonly acceptProbability?: number;
  readonly responseS?: readonly [number, number];
  readonly speedFactor?: number;
  readonly pay?: { readonly feeShare?: number; readonly perHourRp?: number };
}

export interface ReplayCourier extends CourierOptions {
  readonly id: string;
  /** Where the courier came from, for messages: `couriers[2]` or `drivers.csv row 4`. */
  readonly source: string;
  /** Where its start point came from: `couriers[2].lon/lat` or `drivers.csv row 4, column lat/lon`. */
  readonly pointField: string;
  readonly name?: string;
  readonly market: string;
  readonly kind: FleetKind;
  /** Local hours [start, end]. */
  readonly shift: readonly [number, number];
  readonly lon: number;
  readonly lat: number;
  /** The start point was given (checked against the roads); otherwise the market. */
  readonly startGiven: boolean;
}

/** A courier as read (a JSON entry or a sheet's row), shift in local hours, before it meets the scenario. */
export interface CourierDraft extends CourierOptions {
  readonly id: string;
  readonly name?: string;
  readonly market?: string;
  readonly kind: FleetKind;
  readonly shiftHours: readonly [number, number];
  readonly lon?: number;
  readonly lat?: number;
}

export type CourierField = 'id' | 'market' | 'shiftStart' | 'shiftEnd' | 'lon' | 'lat' | 'point';

/** Names a courier draft's fields in messages, and the error code of its source. */
export interface CourierLocator {
  readonly code: string;
  readonly source: string;
  field(name: CourierField): string;
}

/** The draft of a JSON courier (`couriers[i]`); its times already match the schema's pattern. */
export function courierDraftOfJson(spec: ExplicitCourierSpec, index: number): { draft: CourierDraft; locator: CourierLocator } {
  const path = `couriers[${index}]`;
  const [from, to] = spec.shift.map((t) => hourOf(t));
  if (from === null || to === null) throw new InputError('invalid_scenario', `scenario ${path}.shift: is not a pair of times of day`, `${path}.shift`);
  const { shift: _shift, ...rest } = spec;
  const fieldOf: Record<CourierField, string> = {
    id: 'id', market: 'market', shiftStart: 'shift', shiftEnd: 'shift', lon: 'lon', lat: 'lat', point: 'lon/lat',
  };
  return {
    draft: { ...rest, shiftHours: [from, to] },
    locator: { code: 'invalid_scenario', source: path, field: (f) => `${path}.${fieldOf[f]}` },
  };
}

/** Checks courier drafts against the scenario and resolves their start points; ids must be unique across all of them. */
export function resolveCouriers(drafts: readonly { draft: CourierDraft; locator: CourierLocator }[], ctx: ReplayContext): ReplayCourier[] {
  const seen = new Map<string, string>();
  return drafts.map(({ draft: c, locator: loc }) => {
    const fail = (field: CourierField, message: string): never => {
      const where = loc.field(field);
      throw new InputError(loc.code, `${loc.code === 'invalid_scenario' ? 'scenario ' : ''}${where}: ${message}`, where);
    };
    const before = seen.get(c.id);
    if (before !== undefined) fail('id', `courier id "${c.id}" is used twice (also ${before})`);
    seen.set(c.id, loc.source);
    const market = marketOf(c.market, ctx.markets, (m) => fail('market', m));
    const [from, to] = c.shiftHours;
    const day = `${clockOf(ctx.day.startHour)}–${clockOf(ctx.day.endHour)}`;
    if (!(to > from)) fail('shiftEnd', `ends (${clockOf(to)}) before it starts (${clockOf(from)})`);
    if (from >= ctx.day.endHour) fail('shiftStart', `${clockOf(from)} is outside the day (${day}): the shift must start before the day ends`);
    if (to <= ctx.day.startHour) fail('shiftEnd', `${clockOf(to)} is outside the day (${day}): the shift must end after the day starts`);
    if ((c.lon === undefined) !== (c.lat === undefined)) fail(c.lon === undefined ? 'lon' : 'lat', 'give both lon and lat, or neither (the market)');
    const { id, name, kind, capacityKg, cashFloatRp, acceptProbability, responseS, speedFactor, pay } = c;
    return {
      id, source: loc.source, pointField: loc.field('point'), market: market.id, kind, shift: [from, to] as const,
      lon: c.lon ?? market.lon, lat: c.lat ?? market.lat, startGiven: c.lon !== undefined,
      ...(name !== undefined ? { name } : {}), ...(capacityKg !== undefined ? { capacityKg } : {}), ...(cashFloatRp !== undefined ? { cashFloatRp } : {}),
      ...(acceptProbability !== undefined ? { acceptProbability } : {}), ...(responseS !== undefined ? { responseS } : {}),
      ...(speedFactor !== undefined ? { speedFactor } : {}), ...(pay !== undefined ? { pay } : {}),
    };
  });
}
