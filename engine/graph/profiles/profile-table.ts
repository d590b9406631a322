// Renders the shipped profiles as a Markdown table (docs/profiles.md embeds it; a test keeps the two in step).
import type { RoadProfile } from './road-profile.js';

/** Road classes in the order the table lists them. */
const CLASS_ORDER = [
  'motorway', 'motorway_link', 'trunk', 'trunk_link', 'primary', 'primary_link', 'secondary', 'secondary_link',
  'tertiary', 'tertiary_link', 'unclassified', 'road', 'residential', 'service', 'living_street', 'track',
  'footway', 'path', 'pedestrian',
];

function cell(profile: RoadProfile, highway: string): string {
  const speed = profile.speedKmh[highway];
  if (speed === undefined) return 'no';
  if (profile.explicitOnly.includes(highway)) return `${speed} (only with ${profile.grantTags.map((t) => `${t}=yes`).join(' or ')})`;
  return String(speed);
}

/** One row per `highway` class, one column per profile: speed in km/h or `no`. */
export function profileSpeedTable(profiles: readonly RoadProfile[]): string {
  const header = `| highway | ${profiles.map((p) => `${p.name} (km/h)`).join(' | ')} |`;
  const rule = `|---|${profiles.map(() => '---').join('|')}|`;
  const rows = CLASS_ORDER.map((highway) => `| ${highway} | ${profiles.map((p) => cell(p, highway)).join(' | ')} |`);
  return [header, rule, ...rows].join('\n');
}

/** The non-speed rules of each profile, one row per rule. */
export function profileRuleTable(profiles: readonly RoadProfile[]): string {
  const list = (values: readonly string[]): string => (values.length ? values.map((v) => `\`${v}\``).join(', ') : '—');
  const rules: [string, (p: RoadProfile) => string][] = [
    ['access tags, most specific first', (p) => list(p.accessTags)],
    ['access values that exclude', (p) => list(p.deniedValues)],
    ['access values that allow', (p) => list(p.allowedValues)],
    ['barred tags', (p) => list(p.barredTags.map(([k, v]) => `${k}=${v}`))],
    ['oneway tags, most specific first', (p) => list(p.onewayTags)],
    ['implied oneway', (p) => `${list(p.impliedOnewayClasses)}, \`junction=roundabout\``],
  ];
  const header = `| rule | ${profiles.map((p) => p.name).join(' | ')} |`;
  const rule = `|---|${profiles.map(() => '---').join('|')}|`;
  return [header, rule, ...rules.map(([name, of]) => `| ${name} | ${profiles.map(of).join(' | ')} |`)].join('\n');
}
