// CSV for facilitators' downloads, written so that a double-click opens it right in Excel
// set to the facilitator's language: UTF-8 behind a byte-order mark (without it Excel reads
// å, ä and ö as Windows-1252), RFC 4180 quoting, CRLF. Swedish Excel splits columns on ";"
// (Swedish Windows' list separator) and reads only "3,5" as a number (the comma is its
// decimal separator), so a Swedish file uses both; an English one uses "," and "3.5".
import type { Locale } from '../../i18n/i18n.js';

export type CsvRow = (string | number | null)[];

interface Dialect {
  separator: string;
  decimal: string;
}

const DIALECTS: Record<Locale, Dialect> = {
  sv: { separator: ';', decimal: ',' },
  en: { separator: ',', decimal: '.' },
};

/** UTF-8's byte-order mark, written as bytes: a text decoder may swallow it as a character. */
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

// A text cell Excel would read as a formula (OWASP's "CSV injection"): a participant's
// answer "=HYPERLINK(...)" must open as the words they wrote, not as a live link or command.
const FORMULA_START = /^[=+\-@\t\r]/;

function field(value: string | number | null, dialect: Dialect): string {
  if (value === null) return '';
  // No grouping and an ASCII minus (not Intl's U+2212), so Excel reads it as a number.
  if (typeof value === 'number') return String(value).replace('.', dialect.decimal);
  // A leading apostrophe makes Excel show the text as text, and is itself not shown.
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  // Quoted on either separator, so the file also splits right in a program that guesses.
  return /[",;\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The file's text (without the byte-order mark). */
export function toCsv(rows: CsvRow[], locale: Locale): string {
  const dialect = DIALECTS[locale];
  return `${rows.map((r) => r.map((value) => field(value, dialect)).join(dialect.separator)).join('\r\n')}\r\n`;
}

/** The file as served: the byte-order mark, then the text in UTF-8. */
export function csvFile(rows: CsvRow[], locale: Locale): Uint8Array {
  const text = new TextEncoder().encode(toCsv(rows, locale));
  const file = new Uint8Array(BOM.length + text.length);
  file.set(BOM);
  file.set(text, BOM.length);
  return file;
}

/** "Demokohorten" → "mognadstest-demokohorten.csv" */
export function csvName(prefix: string, cohortName: string): string {
  return `${prefix}-${
    cohortName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'kohort'
  }.csv`;
}
