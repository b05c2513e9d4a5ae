// What every benchmark prints: a table for people, then one line of JSON for tools (the
// last line of its output). `npm run bench` runs each benchmark in a process of its own,
// so memory figures are that benchmark's alone, and gathers the last lines into one table.
export interface Figure {
  /** What was measured, e.g. "ready after start, existing data (PGlite)". */
  name: string;
  value: number;
  unit: string;
  /** The target, as a comparison the figure must pass, e.g. "<= 2000". */
  target?: string;
}

export interface BenchReport {
  bench: string;
  /** The machine and conditions, e.g. "2 cores, Node 20.20, PGlite". */
  context?: string;
  figures: Figure[];
}

/** Whether a figure meets its target ("<= 5", ">= 0.95", "< 100"); undefined without one. */
export function meets(figure: Figure): boolean | undefined {
  const match = /^(<=|>=|<|>)\s*(-?[\d.]+)$/.exec(figure.target ?? '');
  if (!match) return undefined;
  const limit = Number(match[2]);
  switch (match[1]) {
    case '<=':
      return figure.value <= limit;
    case '>=':
      return figure.value >= limit;
    case '<':
      return figure.value < limit;
    default:
      return figure.value > limit;
  }
}

export function formatTable(reports: BenchReport[]): string {
  const rows = reports.flatMap((report) =>
    report.figures.map((f) => {
      const ok = meets(f);
      return [report.bench, f.name, `${round(f.value)} ${f.unit}`, f.target ? `${f.target} ${f.unit}` : '', ok === undefined ? '' : ok ? 'met' : 'NOT MET'];
    }),
  );
  const header = ['bench', 'figure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Prints the table and, as the very last line, the JSON the runner reads. */
export function printReport(report: BenchReport): void {
  process.stdout.write(`\n${formatTable([report])}\n${JSON.stringify(report)}\n`);
}

function round(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(3);
}
