// Downloads for facilitators: a CSV stored behind an unguessable link that expires,
// created the same way for every export (and audited without its content).
import type { Ports } from '../../application/ports.js';
import { memberOf, type Session } from '../../application/session.js';
import { csvFile, csvName, type CsvRow } from './csv.js';

export const LINK_HOURS = 24;

export interface ExportLink {
  filename: string;
  url: string;
  rows: number;
  hours: number;
}

/**
 * `kind` names the export and its section of prompts/<locale>/exports.yaml, where each of
 * `columns` has its header: the file is written in the facilitator's language and its
 * spreadsheet conventions (see csv.ts).
 */
export async function storeCsv(
  session: Session,
  ports: Pick<Ports, 'exports' | 'audit' | 'links'>,
  kind: 'maturity' | 'commitments',
  prefix: string,
  columns: readonly string[],
  rows: CsvRow[],
): Promise<ExportLink> {
  const person = memberOf(session);
  const filename = csvName(prefix, person.cohortName);
  const header = columns.map((column) => session.t(`exports.${kind}.${column}`));
  const id = await ports.exports.create({
    cohortId: person.cohortId,
    filename,
    contentType: 'text/csv; charset=utf-8',
    content: csvFile([header, ...rows], session.locale),
    at: session.now,
    expiresAt: new Date(session.now.getTime() + LINK_HOURS * 3600_000),
  });
  await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'export.created', subject: id, detail: { kind, rows: rows.length } });
  return { filename, url: `${ports.links.base}/exports/${id}`, rows: rows.length, hours: LINK_HOURS };
}
