// Substitutions chosen from the stall's own catalogue: a reported `substitute_catalogue_item_id` must be an item of
// the stall being picked at, available today; its name and price per unit replace whatever the courier would type.
import type { Queryable } from '../db/database.js';
import { ApiError, type FieldError } from '../errors.js';

interface Report {
  readonly outcome: string;
  readonly substitute_catalogue_item_id?: string;
  readonly substitute_name?: string;
  readonly substitute_price_rp?: number;
}

/** `reports` with catalogue substitutes filled in from the catalogue (one read when there is any). */
export async function substitutesFromCatalogue<R extends Report>(q: Queryable, stallId: string | null, reports: readonly R[]): Promise<R[]> {
  const ids = reports.flatMap((r) => (r.substitute_catalogue_item_id ? [r.substitute_catalogue_item_id] : []));
  if (ids.length === 0) return [...reports];
  const found = await q.query<{ id: string; stall_id: string; name: string; price_rp: number; available: boolean }>(
    `SELECT id, stall_id, name, price_rp, available FROM catalogue_items WHERE id = ANY($1::text[])`, [ids],
  );
  const byId = new Map(found.rows.map((r) => [r.id, r]));
  const errors: FieldError[] = [];
  const resolved = reports.map((r, i) => {
    const id = r.substitute_catalogue_item_id;
    if (!id) return r;
    const path = `/body/items/${i}/substitute_catalogue_item_id`;
    const row = byId.get(id);
    if (r.outcome !== 'substituted') errors.push({ path, message: 'only a substitution has a substitute' });
    else if (r.substitute_name !== undefined || r.substitute_price_rp !== undefined) errors.push({ path, message: 'a catalogue substitute takes its name and price from the catalogue; leave substitute_name and substitute_price_rp out' });
    else if (!row || row.stall_id !== stallId) errors.push({ path, message: `no catalogue item ${id} at this stall` });
    else if (!row.available) errors.push({ path, message: `${row.name} is not available today` });
    else return { ...r, substitute_name: row.name, substitute_price_rp: Number(row.price_rp) };
    return r;
  });
  if (errors.length > 0) throw new ApiError('unprocessable', 'a substitute must come from the same stall\'s catalogue', errors);
  return resolved;
}
