// The map's two languages: English has a label for every Indonesian message, the panels' words (the new-order form,
// the WhatsApp drafts, the stall catalogue, the courier's offer card) are translated, and every key the map's sources
// name is in both tables.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMessageKey, messagesOf } from '../../../web-map/src/i18n.js';

const SRC = join(import.meta.dirname, '../../../web-map/src');
const id = messagesOf('id');
const en = messagesOf('en');

/** The map's source files (relative paths) with their text. */
function sources(dir = SRC): { file: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [{ file: path.slice(SRC.length + 1), text: readFileSync(path, 'utf8') }] : [];
  });
}

/** Keys passed as literals to `t('…')` in `text`. */
const keysNamed = (text: string): string[] => [...text.matchAll(/\bt\('([\w.]+)'/g)].map((m) => m[1]);

describe('the map\'s message tables', () => {
  it('hold the same keys, each with a non-empty English label', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    const blank = Object.keys(id).filter((key) => !(en as Record<string, string>)[key]?.trim());
    expect(blank).toEqual([]);
  });

  it('translate the new-order form, the WhatsApp drafts and the stall catalogue: no English label left in Indonesian', () => {
    const panelKeys = Object.keys(id).filter((key) => /^(entry|drafts|catalogue)\./.test(key));
    expect(panelKeys.length).toBeGreaterThan(30);
    const untranslated = panelKeys.filter((key) => (en as Record<string, string>)[key] === (id as Record<string, string>)[key]);
    expect(untranslated).toEqual([]);
  });

  it('have every key the map\'s sources name, the draft, catalogue and offer-card panels taking all their words from them', () => {
    const all = sources();
    const unknown = all.flatMap(({ file, text }) => keysNamed(text).filter((key) => !isMessageKey(key)).map((key) => `${file}: ${key}`));
    expect(unknown).toEqual([]);
    for (const file of ['panels/catalogue-panel.ts', 'panels/catalogue-drafts.ts', 'panels/order-entry.ts']) {
      const text = all.find((s) => s.file === file)!.text;
      expect(keysNamed(text).length, file).toBeGreaterThan(5);
      expect(text, file).not.toMatch(/getLocale|\bid: \{|\ben: \{/); // no table of its own beside the map's
    }
    // The courier's offer card too (it reads the locale only to format kilometres).
    const card = all.find((s) => s.file === 'courier/offer-preview.ts')!.text;
    expect(card).not.toMatch(/\bid: \{|\ben: \{/);
    expect(keysNamed(all.find((s) => s.file === 'courier/courier-views.ts')!.text)).toEqual(expect.arrayContaining(['offer.fee', 'offer.stalls', 'offer.trip', 'offer.cod', 'offer.float']));
  });
});
