// RoadProfile: who may drive where and how fast, as plain data, plus the interpreter that reads a way's OSM tags with it.

/** A vehicle profile as data. Every rule the interpreter applies is one of these fields. */
export interface RoadProfile {
  /** Profile name, e.g. 'motorbike'. */
  readonly name: string;
  /** Urban travel speed per `highway` class, km/h. A class not listed here is never routable. */
  readonly speedKmh: Readonly<Record<string, number>>;
  /** Classes routable only when the deciding access tag is one of `grantTags` with a permissive value (e.g. footway + motorcycle=yes). */
  readonly explicitOnly: readonly string[];
  /** Tags that can grant access to an `explicitOnly` class. */
  readonly grantTags: readonly string[];
  /** Access tags, most specific first; the first one present on a way decides. */
  readonly accessTags: readonly string[];
  /** Access values that exclude the way. */
  readonly deniedValues: readonly string[];
  /** Access values that allow the way. */
  readonly allowedValues: readonly string[];
  /** Tag/value pairs that bar the way outright (e.g. toll=yes for motorbikes). */
  readonly barredTags: readonly (readonly [key: string, value: string])[];
  /** Oneway tags, most specific first; the first one present decides. */
  readonly onewayTags: readonly string[];
  /** Classes that are one-way unless tagged otherwise (motorways). */
  readonly impliedOnewayClasses: readonly string[];
  /**
   * Road classes a route may `exclude` (OSRM's `classes`/`excludable`), at most 8; each edge keeps a bit per class,
   * bit i for the i-th entry. A way is in a class when its `highway` is listed or it carries the tag.
   */
  readonly roadClasses: readonly RoadClassRule[];
}

/** One excludable road class: its name (as in `exclude=`) and which ways belong to it. */
export interface RoadClassRule {
  readonly name: string;
  readonly highway?: readonly string[];
  readonly tag?: readonly [key: string, value: string];
}

/** What a profile makes of one way. */
export interface WayRule {
  /** May travel in drawing order. */
  readonly forward: boolean;
  /** May travel against drawing order. */
  readonly backward: boolean;
  readonly speedKmh: number;
  /** Bit mask of the profile's `roadClasses` the way belongs to. */
  readonly classMask: number;
}

const ONEWAY_FORWARD = new Set(['yes', 'true', '1']);
const ONEWAY_BACKWARD = new Set(['-1', 'reverse']);
const ONEWAY_BOTH = new Set(['no', 'false', '0']);
const ROUNDABOUT = new Set(['roundabout', 'circular']);

/** The access tag that decides for this way (most specific present), or undefined when none is present. */
function decidingAccess(tags: Readonly<Record<string, string>>, profile: RoadProfile): { key: string; value: string } | undefined {
  for (const key of profile.accessTags) {
    const value = tags[key];
    if (value !== undefined) return { key, value: value.trim().toLowerCase() };
  }
  return undefined;
}

/** Direction flags from the oneway tags; `undefined` means the way cannot be used in either direction (reversible lanes). */
function directions(tags: Readonly<Record<string, string>>, highway: string, profile: RoadProfile): { forward: boolean; backward: boolean } | undefined {
  for (const key of profile.onewayTags) {
    const raw = tags[key];
    if (raw === undefined) continue;
    const value = raw.trim().toLowerCase();
    if (ONEWAY_FORWARD.has(value)) return { forward: true, backward: false };
    if (ONEWAY_BACKWARD.has(value)) return { forward: false, backward: true };
    if (ONEWAY_BOTH.has(value)) return { forward: true, backward: true };
    if (value === 'reversible' || value === 'alternating') return undefined;
  }
  const implied = profile.impliedOnewayClasses.includes(highway) || ROUNDABOUT.has(tags.junction ?? '');
  return { forward: true, backward: !implied };
}

/** Numeric `maxspeed` in km/h (plain numbers or "NN mph"), or undefined. */
function maxSpeedKmh(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(mph)?\s*$/i.exec(raw);
  if (!match) return undefined;
  const value = Number(match[1]) * (match[2] ? 1.609344 : 1);
  return value > 0 ? value : undefined;
}

/** How `profile` may use a way with these tags, or null when the way is not routable for it. */
export function wayRule(tags: Readonly<Record<string, string>>, profile: RoadProfile): WayRule | null {
  const highway = tags.highway?.trim().toLowerCase();
  if (highway === undefined) return null;
  const classSpeed = profile.speedKmh[highway];
  if (classSpeed === undefined) return null;
  for (const [key, value] of profile.barredTags) if (tags[key]?.trim().toLowerCase() === value) return null;

  const access = decidingAccess(tags, profile);
  if (access && profile.deniedValues.includes(access.value)) return null;
  if (profile.explicitOnly.includes(highway)) {
    const granted = access !== undefined && profile.grantTags.includes(access.key) && profile.allowedValues.includes(access.value);
    if (!granted) return null;
  }

  const dir = directions(tags, highway, profile);
  if (!dir) return null;
  const cap = maxSpeedKmh(tags.maxspeed);
  return { ...dir, speedKmh: cap === undefined ? classSpeed : Math.min(classSpeed, cap), classMask: roadClassMask(tags, highway, profile) };
}

/** Bit mask of the profile's road classes a way with these tags (and lower-cased `highway`) belongs to. */
export function roadClassMask(tags: Readonly<Record<string, string>>, highway: string, profile: RoadProfile): number {
  let mask = 0;
  profile.roadClasses.forEach((rule, bit) => {
    const byHighway = rule.highway?.includes(highway) ?? false;
    const byTag = rule.tag !== undefined && tags[rule.tag[0]]?.trim().toLowerCase() === rule.tag[1];
    if (byHighway || byTag) mask |= 1 << bit;
  });
  return mask;
}

/** The bit mask of the named classes, or null when the profile does not define one of them. */
export function roadClassBits(profile: RoadProfile, names: readonly string[]): number | null {
  let mask = 0;
  for (const name of names) {
    const bit = profile.roadClasses.findIndex((rule) => rule.name === name);
    if (bit < 0) return null;
    mask |= 1 << bit;
  }
  return mask;
}
