// Cuts a message into lines and segments: bullets and list numbers dropped, fractions written as ½ spelled out,
// emoji gone; segments end at commas, semicolons, colons, brackets, question marks and sentence full stops (not
// the full stop of `jl.`, `no.` or `gg.`). A segment remembers whether it asked a question.

export interface Segment {
  readonly text: string;
  /** 0-based line of the message. */
  readonly line: number;
  /** Ended with a question mark (`ada cabe?`): items only when a quantity is written. */
  readonly question: boolean;
}

const FRACTIONS: Record<string, string> = { '½': ' 1/2 ', '¼': ' 1/4 ', '¾': ' 3/4 ', '⅓': ' 1/3 ', '⅔': ' 2/3 ' };

/** Lower case, fractions spelled, emoji and other symbols replaced by spaces, `…` as a space. */
export function normaliseText(text: string): string {
  let t = text.toLowerCase().replace(/[½¼¾⅓⅔]/g, (c) => FRACTIONS[c]);
  t = t.replace(/\u2026|\.{2,}/g, ' ');
  t = t.replace(/(\d),(\d)/g, '$1.$2');
  t = t.replace(/[^\p{L}\p{N}\s.,;:/()\-+&?!@'’"]/gu, ' ');
  return t;
}

const BULLET = /^\s*(?:\d{1,2}[.)]\s+|[-•*>–—]+\s*)/;

/** Whether a full stop after `word` ends a sentence (not after an abbreviation or a single letter). */
function endsSentence(word: string, abbreviations: ReadonlySet<string>): boolean {
  const w = word.replace(/^[^a-z0-9]+/, '');
  return (w.length > 1 || /\d/.test(w)) && !abbreviations.has(w);
}

/** Segments of one line. */
function lineSegments(line: string, lineNo: number, abbreviations: ReadonlySet<string>): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  const push = (end: number, question: boolean) => {
    const text = line.slice(start, end).trim();
    if (text) segments.push({ text, line: lineNo, question });
    start = end + 1;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ',' || c === ';' || c === ':' || c === '(' || c === ')' || c === '!' || c === '?') push(i, c === '?');
    else if (c === '.' && (i + 1 === line.length || /\s/.test(line[i + 1]))) {
      const before = line.slice(start, i).trim().split(/\s+/).pop() ?? '';
      if (endsSentence(before, abbreviations)) push(i, false);
    }
  }
  push(line.length, false);
  return segments;
}

/** Every segment of a message, line by line. */
export function messageSegments(text: string, abbreviations: ReadonlySet<string>): Segment[] {
  return normaliseText(text)
    .split(/\r?\n/)
    .flatMap((line, n) => lineSegments(line.replace(BULLET, ''), n, abbreviations));
}

/** Splits a segment at joining words (`dan`, `sama`, `+`, `&`). */
export function splitAtJoins(text: string, joins: ReadonlySet<string>): string[] {
  const parts: string[][] = [[]];
  for (const word of text.split(/\s+/)) {
    if (joins.has(word)) {
      parts.push([]);
      continue;
    }
    // `1kg+gula`: every + or & starts a new part.
    word.split(/[+&]/).forEach((piece, i) => {
      if (i > 0) parts.push([]);
      if (piece) parts[parts.length - 1].push(piece);
    });
  }
  return parts.map((p) => p.join(' ').trim()).filter(Boolean);
}
