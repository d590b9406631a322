// The morning price board as CSV: `stall_code,name,unit,price_rp,weight_kg[,available]` (or the Indonesian headers
// kios, barang, satuan, harga, berat, tersedia), comma or semicolon separated, quoted fields, `Rp 45.000` prices and
// `0,25` weights. Returns rows or field errors naming each bad cell.
import { CsvSyntaxError, readCsv } from '../../../engine/index.js';
import type { FieldError } from '../../errors.js';

export interface PriceBoardRow {
  readonly stall_code: string;
  readonly name: string;
  readonly unit: string;
  readonly price_rp: number;
  readonly weight_kg: number;
  readonly available: boolean;
  /** 1-based line in the file (for error messages). */
  readonly line: number;
}

const HEADERS: Record<string, keyof Omit<PriceBoardRow, 'line'>> = {
  stall_code: 'stall_code', kios: 'stall_code', kode_kios: 'stall_code', stall: 'stall_code',
  name: 'name', barang: 'name', nama: 'name', item: 'name',
  unit: 'unit', satuan: 'unit',
  price_rp: 'price_rp', harga: 'price_rp', price: 'price_rp', harga_rp: 'price_rp',
  weight_kg: 'weight_kg', berat: 'weight_kg', berat_kg: 'weight_kg', weight: 'weight_kg',
  available: 'available', tersedia: 'available', ada: 'available',
};
const REQUIRED = ['stall_code', 'name', 'unit', 'price_rp', 'weight_kg'] as const;
const MAX_ROWS = 2000;

function priceOf(cell: string): number {
  const digits = cell.replace(/^\s*rp\.?\s*/i, '').replace(/[.\s]/g, '').replace(/,00$/, '');
  return /^\d{1,10}$/.test(digits) ? Number(digits) : Number.NaN;
}

function weightOf(cell: string): number {
  const t = cell.trim().replace(',', '.');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

function availableOf(cell: string | undefined): boolean | null {
  const t = (cell ?? '').trim().toLowerCase();
  if (t === '' || ['ya', 'y', 'yes', 'true', '1', 'ada'].includes(t)) return true;
  if (['tidak', 't', 'no', 'n', 'false', '0', 'habis', 'kosong'].includes(t)) return false;
  return null;
}

/** Parses the board; `errors` is non-empty when any row is bad (then nothing should be stored). */
export function parsePriceBoard(text: string): { rows: PriceBoardRow[]; errors: FieldError[] } {
  let table;
  try {
    table = readCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], errors: [{ path: `/body/line/${error.row}`, message: error.message }] };
    throw error;
  }
  const records = table.records.filter((r) => r.cells.some((f) => f.trim() !== ''));
  const errors: FieldError[] = [];
  if (records.length === 0) return { rows: [], errors: [{ path: '/body', message: 'the CSV is empty' }] };
  const columns = records[0].cells.map((h) => HEADERS[h.trim().toLowerCase().replace(/\s+/g, '_')]);
  for (const need of REQUIRED) if (!columns.includes(need)) errors.push({ path: '/body/header', message: `needs a ${need} column` });
  if (records.length - 1 > MAX_ROWS) errors.push({ path: '/body', message: `at most ${MAX_ROWS} rows` });
  if (errors.length > 0) return { rows: [], errors };
  const rows: PriceBoardRow[] = [];
  for (const record of records.slice(1)) {
    const line = record.row;
    const cell = (name: string) => (record.cells[columns.indexOf(name as never)] ?? '').trim();
    const path = `/body/line/${line}`;
    const price = priceOf(cell('price_rp'));
    const weight = weightOf(cell('weight_kg'));
    const available = availableOf(columns.includes('available') ? cell('available') : '');
    const bad: string[] = [];
    if (!cell('stall_code')) bad.push('stall_code is empty');
    if (!cell('name') || cell('name').length > 120) bad.push('name is empty or longer than 120 characters');
    if (!/^[A-Za-z][A-Za-z ]{0,15}$/.test(cell('unit'))) bad.push('unit must be a word such as kg, ikat or papan');
    if (Number.isNaN(price) || price > 1_000_000_000) bad.push(`price_rp "${cell('price_rp')}" is not whole rupiah`);
    if (Number.isNaN(weight) || weight > 100) bad.push(`weight_kg "${cell('weight_kg')}" is not a weight in kg (0–100)`);
    if (available === null) bad.push(`available "${cell('available')}" is not ya/tidak`);
    if (bad.length > 0) errors.push({ path, message: bad.join('; ') });
    else rows.push({ stall_code: cell('stall_code'), name: cell('name'), unit: cell('unit'), price_rp: price, weight_kg: weight, available: available!, line });
  }
  return { rows, errors };
}
