// CSV for facilitators' downloads (RFC 4180 quoting, CRLF), with a byte-order mark so
// spreadsheet programs read å, ä and ö right.
export type CsvRow = (string | number | null)[];

function field(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: CsvRow[]): string {
  return `\uFEFF${rows.map((r) => r.map(field).join(',')).join('\r\n')}\r\n`;
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
