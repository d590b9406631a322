// docs/profiles.md shows the profiles as they are: its tables are rendered from the profile data (REGEN=1 rewrites them).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { profileRuleTable, profileSpeedTable } from '../../../../engine/graph/profiles/profile-table.js';
import { carProfile, motorbikeProfile } from '../../../../engine/graph/profiles/index.js';

const DOC = 'docs/profiles.md';
const profiles = [motorbikeProfile, carProfile];

function replaceSection(text: string, name: string, body: string): string {
  const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
  expect(pattern.test(text), `${DOC} has a ${name} section`).toBe(true);
  return text.replace(pattern, `$1${body}$2`);
}

describe('docs/profiles.md', () => {
  it('matches the speed and rule tables rendered from the profiles', () => {
    const text = readFileSync(DOC, 'utf8');
    const rendered = replaceSection(replaceSection(text, 'speeds', profileSpeedTable(profiles)), 'rules', profileRuleTable(profiles));
    if (process.env.REGEN === '1') writeFileSync(DOC, rendered);
    expect(text).toBe(rendered);
  });

  it('lists every routable class of each profile in the speed table', () => {
    const table = profileSpeedTable(profiles);
    for (const profile of profiles) {
      for (const highway of Object.keys(profile.speedKmh)) expect(table, `${profile.name} ${highway}`).toContain(`| ${highway} |`);
    }
    expect(table).toMatch(/\| motorway \| no \| 60 \|/);
  });
});
