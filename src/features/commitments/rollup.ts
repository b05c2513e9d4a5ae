// The facilitators' view of commitments: per module how many are in each status, the
// hours a week they freed, and how many came from each suggestion (`åtaganden`); the same
// per commitment, with its reason, as CSV with a name only where its owner allowed it
// (`beslutsexport`).
// Use cases return data; the chat views below draw it.
import type { Ports } from '../../application/ports.js';
import { memberOf, type Session } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import type { CommitmentStatus } from '../../domain/commitments/commitment.js';
import { header, message, text, type Message } from '../../ui/model.js';
import { hoursText } from '../shared/commitment-lines.js';
import type { CsvRow } from '../shared/csv.js';
import { storeCsv, type ExportLink } from '../shared/exports.js';

export interface CommitmentRollup {
  total: number;
  /** Module number (null: no module) → how many in each status. */
  byModule: { moduleNumber: number | null; count: number; statuses: [CommitmentStatus, number][] }[];
  hoursFreedPerWeek: number;
  /** The suggestion's text (undefined: own words) → how many, most first. */
  bySuggestion: { suggestion: string | undefined; count: number }[];
}

export const commitmentRollup = useCase('view_cohort', async (session, ports: Pick<Ports, 'commitments'>, _input: void): Promise<CommitmentRollup> => {
  const person = memberOf(session);
  const all = await ports.commitments.cohortCommitments(person.cohortId);
  const suggestions = await ports.commitments.suggestions(person.programId);
  const byModule = new Map<number | null, Map<CommitmentStatus, number>>();
  for (const c of all) {
    const counts = byModule.get(c.moduleNumber) ?? new Map<CommitmentStatus, number>();
    counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
    byModule.set(c.moduleNumber, counts);
  }
  const bySuggestion = new Map<string | undefined, number>();
  for (const c of all) {
    const label = suggestions.find((s) => s.key === c.suggestionKey)?.text;
    bySuggestion.set(label, (bySuggestion.get(label) ?? 0) + 1);
  }
  return {
    total: all.length,
    byModule: [...byModule].map(([moduleNumber, counts]) => ({ moduleNumber, count: [...counts.values()].reduce((a, b) => a + b, 0), statuses: [...counts] })),
    hoursFreedPerWeek: all.reduce((sum, c) => sum + (c.hoursFreedPerWeek ?? 0), 0),
    bySuggestion: [...bySuggestion].sort((a, b) => b[1] - a[1]).map(([suggestion, count]) => ({ suggestion, count })),
  };
});

export const commitmentsExport = useCase('export_cohort', async (session, ports: Pick<Ports, 'commitments' | 'exports' | 'audit' | 'links'>, _input: void): Promise<ExportLink> => {
  const person = memberOf(session);
  const all = await ports.commitments.cohortCommitments(person.cohortId);
  const suggestions = await ports.commitments.suggestions(person.programId);
  const rows: CsvRow[] = [];
  for (const c of all) {
    rows.push([
      c.moduleNumber,
      // An owner who chose "only counted" is never named, here or anywhere.
      c.visibility === 'named' ? c.ownerName : null,
      // Values in the facilitator's words, as the card says them, not the codes kohort stores.
      session.t(`exports.commitments.scope_${c.scope}`),
      c.text,
      // The owner's own "why", next to what they decided (as on their card).
      c.reason,
      suggestions.find((s) => s.key === c.suggestionKey)?.text ?? null,
      session.t(`commitments.status.${c.status}`),
      c.hoursFreedPerWeek,
      c.lastCheckIn ? c.lastCheckIn.answeredAt.toISOString().slice(0, 10) : null,
    ]);
  }
  const columns = ['module', 'name', 'scope', 'commitment', 'reason', 'suggestion', 'status', 'hours', 'last_check_in'];
  return storeCsv(session, ports, 'commitments', 'beslut', columns, rows);
});

export function rollupMessage(session: Session, rollup: CommitmentRollup): Message {
  const title = header(session.t('commitments.rollup.title', { cohort: memberOf(session).cohortName }));
  if (rollup.total === 0) return message(title, text(session.t('commitments.rollup.none')));
  const moduleLines = rollup.byModule.map((m) => {
    const statuses = m.statuses.map(([status, n]) => `${n} ${session.t(`commitments.status.${status}`)}`).join(', ');
    return `• ${session.t('commitments.rollup.module_line', { number: m.moduleNumber === null ? '–' : String(m.moduleNumber), count: m.count, statuses })}`;
  });
  const suggestionLines = rollup.bySuggestion.map((s) => `• ${s.suggestion ?? session.t('commitments.rollup.own_words')}: ${s.count}`);
  return message(
    title,
    text(`${session.t('commitments.rollup.by_module')}\n${moduleLines.join('\n')}`),
    text(session.t('commitments.rollup.hours', { hours: hoursText(session, rollup.hoursFreedPerWeek) })),
    text(`${session.t('commitments.rollup.by_suggestion')}\n${suggestionLines.join('\n')}`),
    text(session.t('commitments.rollup.privacy'), 'muted'),
  );
}

export function exportMessage(session: Session, link: ExportLink): Message {
  return message(
    header(session.t('commitments.rollup.export_title')),
    { type: 'links', links: [{ label: link.filename, url: link.url }] },
    text(session.t('commitments.rollup.export_note', { hours: link.hours }), 'muted'),
  );
}
