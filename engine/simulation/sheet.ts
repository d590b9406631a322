// A coordinator's sheet (CSV) with a known set of columns: the header checked, cells read by column name, numbers,
// rupiah and times of day parsed; a bad cell is an InputError with the sheet's code naming the file, row and column.
import { InputError } from '../errors.js';
import { CsvSyntaxError, readCsv, type CsvRecord } from './csv.js';
import { hourOf } from './replay-day.js';

export interface SheetColumn {
  /** The header must name it. */
  readonly required: boolean;
}

export interface Sheet<C extends string> {
  /** The records below the header (at least one). */
  readonly rows: readonly CsvRecord[];
  /** `day.csv row 7, column stall` (or without the column). */
  where(row: number, column?: string): string;
  fail(row: number, column: string | undefined, message: string): never;
  /** The trimmed text of `column` in `r`; '' when blank or when the header lacks the column. */
  cell(r: CsvRecord, column: C): string;
  /** A number; a semicolon sheet may write decimal commas. NaN when `raw` is not one. */
  numeric(raw: string): number;
  number(row: number, column: C, raw: string): number;
  /** Whole rupiah, at least 0: 15000, 15.000, 15,000 and Rp 15.000 are the same. */
  rupiah(row: number, column: C, raw: string): number;
  /** Local hours of "HH:MM" or "HH:MM:SS". */
  time(row: number, column: C, raw: string): number;
  /** An id: letters, digits, _ . - (at most 40), not blank. */
  id(row: number, column: C, raw: string): string;
  latitude(row: number, column: C, raw: string): number;
  longitude(row: number, column: C, raw: string): number;
}

/**
 * Reads `text` (named `label` in messages) as a sheet of `columns`; `code` is the error code of a bad cell and `noun`
 * what its rows are ("orders"). The header may name the columns in any order and case; unknown or doubled ones are refused.
 */
export function openSheet<C extends string>(text: string, label: string, code: string, columns: Readonly<Record<C, SheetColumn>>, noun: string): Sheet<C> {
  const names = Object.keys(columns) as C[];
  const where = (row: number, column?: string): string => `${label} row ${row}${column ? `, column ${column}` : ''}`;
  const fail = (row: number, column: string | undefined, message: string): never => {
    throw new InputError(code, `${where(row, column)}: ${message}`, where(row, column));
  };
  let records: readonly CsvRecord[];
  let separator: ',' | ';';
  try {
    ({ records, separator } = readCsv(text));
  } catch (error) {
    if (error instanceof CsvSyntaxError) return fail(error.row, undefined, error.message.replace(/^row \d+: /, ''));
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) return fail(1, undefined, `the sheet is empty; the header names the columns (${names.join(', ')})`);
  const headerNames = header.cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, '_'));
  headerNames.forEach((c, i) => {
    if (!Object.hasOwn(columns, c)) fail(header.row, `"${header.cells[i].trim()}"`, `unknown column (the columns are ${names.join(', ')})`);
    if (headerNames.indexOf(c) !== i) fail(header.row, c, 'appears twice in the header');
  });
  for (const name of names) if (columns[name].required && !headerNames.includes(name)) fail(header.row, name, 'missing from the header');
  if (rows.length === 0) fail(header.row + 1, undefined, `no ${noun} below the header`);
  for (const r of rows) if (r.cells.length > headerNames.length) fail(r.row, undefined, `${r.cells.length} cells, the header has ${headerNames.length}`);

  const decimalComma = separator === ';';
  const numeric = (raw: string): number => {
    const t = decimalComma && !raw.includes('.') ? raw.replace(',', '.') : raw;
    return /^[-+]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : NaN;
  };
  const number = (row: number, column: C, raw: string): number => {
    const v = numeric(raw);
    return Number.isFinite(v) ? v : fail(row, column, `"${raw}" is not a number`);
  };
  return {
    rows, where, fail, numeric, number,
    cell: (r, column) => {
      const i = headerNames.indexOf(column);
      return i < 0 ? '' : (r.cells[i] ?? '').trim();
    },
    rupiah: (row, column, raw) => {
      const t = raw.replace(/^rp\.?\s*/i, '').replace(/\s/g, '');
      const v = /^\d{1,3}([.,]\d{3})+$/.test(t) ? Number(t.replace(/[.,]/g, '')) : numeric(t);
      if (!Number.isFinite(v)) return fail(row, column, `"${raw}" is not a number`);
      return v >= 0 ? v : fail(row, column, `${raw} is below zero`);
    },
    time: (row, column, raw) => hourOf(raw) ?? fail(row, column, `"${raw}" is not a time of day (HH:MM or HH:MM:SS)`),
    id: (row, column, raw) => {
      if (raw === '') fail(row, column, 'is blank');
      return /^[A-Za-z0-9_.-]{1,40}$/.test(raw) ? raw : fail(row, column, `"${raw}" may hold letters, digits, _ . - only (at most 40)`);
    },
    latitude: (row, column, raw) => {
      const v = number(row, column, raw);
      return v >= -90 && v <= 90 ? v : fail(row, column, `${raw} is not a latitude (-90 to 90)`);
    },
    longitude: (row, column, raw) => {
      const v = number(row, column, raw);
      return v >= -180 && v <= 180 ? v : fail(row, column, `${raw} is not a longitude (-180 to 180)`);
    },
  };
}
