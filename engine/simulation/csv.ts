// A small RFC 4180 CSV reader: quoted fields (commas, quotes, line breaks inside), CRLF or LF, a leading BOM, and the
// semicolon separator spreadsheets write in Indonesian locales; every record keeps its line number in the file.

export interface CsvRecord {
  /** Line of the file the record starts on (1 = the header), as a spreadsheet numbers its rows. */
  readonly row: number;
  readonly cells: readonly string[];
}

export interface CsvTable {
  readonly separator: ',' | ';';
  readonly records: readonly CsvRecord[];
}

/** Thrown for text that is not CSV (an unclosed quote); `row` is the line it starts on. */
export class CsvSyntaxError extends Error {
  constructor(readonly row: number, message: string) {
    super(message);
  }
}

/** Splits CSV text into records; the separator is the one the first line uses (`;` when it has more of them than `,`). */
export function readCsv(text: string): CsvTable {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = count(firstLine, ';') > count(firstLine, ',') ? ';' : ',';
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordRow = 1;
  let quoted = false;
  let quoteRow = 0;
  let sawAny = false;
  const endCell = () => { cells.push(cell); cell = ''; };
  const endRecord = () => {
    endCell();
    if (cells.length > 1 || cells[0] !== '') records.push({ row: recordRow, cells });
    cells = [];
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') { quoted = true; quoteRow = line; cell = ''; sawAny = true; continue; }
    if (ch === separator) { endCell(); sawAny = true; continue; }
    if (ch === '\r' && body[i + 1] === '\n') continue;
    if (ch === '\n' || ch === '\r') {
      endRecord();
      line++;
      recordRow = line;
      sawAny = false;
      continue;
    }
    cell += ch;
    sawAny = true;
  }
  if (quoted) throw new CsvSyntaxError(quoteRow, `row ${quoteRow}: a quoted field is never closed`);
  if (sawAny || cell !== '' || cells.length > 0) endRecord();
  return { separator, records };
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}
