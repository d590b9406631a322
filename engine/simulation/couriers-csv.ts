// A coordinator's courier sheet (CSV, one row per courier: who, which fleet, the shift, where they start) read into
// courier drafts; a bad cell is an InputError `invalid_couriers_csv` naming the file, the row and the column.
import type { FleetKind } from '../model/problem-input.js';
import type { CourierDraft, CourierField, CourierLocator } from './replay-couriers.js';
import { openSheet } from './sheet.js';

/** The sheet's columns (the fields of a scenario's `couriers[]` entry); `required` ones must be in the header. */
export const COURIER_CSV_COLUMNS = {
  courier_id: { required: true },
  name: { required: false },
  fleet: { required: true },
  market: { required: false },
  shift_start: { required: true },
  shift_end: { required: true },
  lat: { required: false },
  lon: { required: false },
  capacity_kg: { required: false },
  cash_float_rp: { required: false },
  fee_share: { required: false },
  per_hour_rp: { required: false },
} as const;

export type CourierCsvColumn = keyof typeof COURIER_CSV_COLUMNS;

const COLUMN_OF: Record<CourierField, string> = {
  id: 'courier_id', market: 'market', shiftStart: 'shift_start', shiftEnd: 'shift_end', lon: 'lon', lat: 'lat', point: 'lat/lon',
};
const FLEETS: readonly FleetKind[] = ['ojol', 'pangkalan'];

/** Reads a sheet into drafts, one per row in the sheet's order. `label` names the file in messages. */
export function readCouriersCsv(text: string, label: string): { draft: CourierDraft; locator: CourierLocator }[] {
  const sheet = openSheet<CourierCsvColumn>(text, label, 'invalid_couriers_csv', COURIER_CSV_COLUMNS, 'couriers');
  const { rows, where, fail, cell } = sheet;
  return rows.map((r) => {
    const at = r.row;
    const optional = <T>(column: CourierCsvColumn, read: (raw: string) => T): T | undefined => {
      const raw = cell(r, column);
      return raw === '' ? undefined : read(raw);
    };
    const required = (column: CourierCsvColumn): string => cell(r, column) || fail(at, column, 'is blank');
    const id = sheet.id(at, 'courier_id', cell(r, 'courier_id'));
    const fleet = required('fleet').toLowerCase();
    if (!FLEETS.includes(fleet as FleetKind)) fail(at, 'fleet', `"${cell(r, 'fleet')}" is not a fleet (${FLEETS.join(' or ')})`);
    const shiftStart = sheet.time(at, 'shift_start', required('shift_start'));
    const shiftEnd = sheet.time(at, 'shift_end', required('shift_end'));
    const name = optional('name', (raw) => (raw.length <= 200 ? raw : fail(at, 'name', 'is longer than 200 characters')));
    const market = optional('market', (raw) => raw);
    const lat = optional('lat', (raw) => sheet.latitude(at, 'lat', raw));
    const lon = optional('lon', (raw) => sheet.longitude(at, 'lon', raw));
    const capacityKg = optional('capacity_kg', (raw) => {
      const v = sheet.number(at, 'capacity_kg', raw);
      return v > 0 ? v : fail(at, 'capacity_kg', `${raw} is not above zero`);
    });
    const cashFloatRp = optional('cash_float_rp', (raw) => sheet.rupiah(at, 'cash_float_rp', raw));
    const feeShare = optional('fee_share', (raw) => {
      const v = raw.endsWith('%') ? sheet.number(at, 'fee_share', raw.slice(0, -1).trim()) / 100 : sheet.number(at, 'fee_share', raw);
      return v >= 0 && v <= 1 ? v : fail(at, 'fee_share', `${raw} is not a share between 0 and 1 (or 0% and 100%)`);
    });
    const perHourRp = optional('per_hour_rp', (raw) => sheet.rupiah(at, 'per_hour_rp', raw));
    const draft: CourierDraft = {
      id, kind: fleet as FleetKind, shiftHours: [shiftStart, shiftEnd],
      ...(name !== undefined ? { name } : {}), ...(market !== undefined ? { market } : {}),
      ...(lon !== undefined ? { lon } : {}), ...(lat !== undefined ? { lat } : {}),
      ...(capacityKg !== undefined ? { capacityKg } : {}), ...(cashFloatRp !== undefined ? { cashFloatRp } : {}),
      ...(feeShare !== undefined || perHourRp !== undefined
        ? { pay: { ...(feeShare !== undefined ? { feeShare } : {}), ...(perHourRp !== undefined ? { perHourRp } : {}) } }
        : {}),
    };
    const locator: CourierLocator = { code: 'invalid_couriers_csv', source: where(at), field: (f) => where(at, COLUMN_OF[f]) };
    return { draft, locator };
  });
}
