// `uppföljning` / `progress` (facilitators): who is behind, per preparation how many have
// done it (and who has not, once its deadline passed), and the messages kohort gave up
// delivering with the reason. The use case
// returns the figures; the chat view below (and the web console later) draw them.
import type { Ports } from '../../application/ports.js';
import { useCase } from '../../application/use-case.js';
import { memberOf, type Session } from '../../application/session.js';
import type { DeliveryReason } from '../../domain/outbox.js';
import type { ModuleProgress, PreparationProgress } from '../../domain/reminders/store.js';
import { text, type Block } from '../../ui/model.js';
import { day, reasonText, when } from '../shared/wording.js';

const SHOWN_NAMES = 8;
const SHOWN_FAILURES = 10;

export interface CohortProgress {
  modules: ModuleProgress[];
  /** Messages kohort gave up on, newest first. */
  undelivered: { name: string | undefined; toChannel: boolean; kind: string; dueAt: Date; reason: DeliveryReason }[];
}

type ProgressPorts = Pick<Ports, 'reminders' | 'outbox'>;

export const cohortProgress = useCase('view_cohort', async (session, ports: ProgressPorts, _input: void): Promise<CohortProgress> => {
  const person = memberOf(session);
  const modules = (await ports.reminders.progress(person.cohortId, session.locale)).filter((m) => m.preparations.length > 0);
  const failures = await ports.outbox.undelivered(person.cohortId, SHOWN_FAILURES);
  const names = await ports.reminders.displayNames(failures.flatMap((f) => (f.participantId ? [f.participantId] : [])));
  return {
    modules,
    undelivered: failures.map((f) => ({ name: f.participantId ? names.get(f.participantId) : undefined, toChannel: !f.participantId, kind: f.kind, dueAt: f.dueAt, reason: f.reason })),
  };
});

/**
 * The progress as chat blocks, counts first: how many deadlines have passed and who is
 * behind on them (each name once, with how many), then per module one line per
 * preparation — names only where its deadline has passed — and a module that has not
 * begun (nothing due, nothing done) on one line; then what was not delivered.
 */
export function progressBlocks(session: Session, progress: CohortProgress): Block[] {
  const all = progress.modules.flatMap((m) => m.preparations);
  const overdue = (p: { dueAt: Date }) => p.dueAt <= session.now;
  const blocks: Block[] = [];
  if (all.length === 0) blocks.push(text(session.t('reminders.progress.nothing_tracked')));
  else blocks.push(text(overview(session, all.filter(overdue), all.length)));
  for (const mod of progress.modules) {
    const name = session.t('reminders.module_name', { number: mod.number, title: mod.title });
    const begun = mod.preparations.some((p) => overdue(p) || p.done.length > 0);
    if (!begun) {
      const first = mod.preparations.reduce((a, b) => (b.dueAt < a.dueAt ? b : a));
      blocks.push(text(session.t('reminders.progress.not_begun', { module: name, count: mod.preparations.length, due: day(session, first.dueAt) })));
      continue;
    }
    const lines = mod.preparations.map((p) => {
      const head = session.t('reminders.progress.item', { title: p.title, done: p.done.length, total: p.done.length + p.notDone.length, due: day(session, p.dueAt) });
      return overdue(p) && p.notDone.length > 0 ? `• ${head}\n   ${session.t('reminders.progress.not_done', { names: names(session, p.notDone) })}` : `• ${head}`;
    });
    blocks.push(text(`${name}\n${lines.join('\n')}`));
  }
  if (progress.undelivered.length > 0) {
    const lines = progress.undelivered.map((f) =>
      session.t('reminders.progress.failure', {
        name: f.name ?? '?',
        kind: session.t(`reminders.outbound_kinds.${f.kind}`),
        when: when(session, f.dueAt),
        reason: reasonText(session, f.reason, f.toChannel ? 'channel' : 'person'),
      }),
    );
    blocks.push(text(`${session.t('reminders.progress.failures_title')}\n${lines.map((l) => `• ${l}`).join('\n')}`));
  }
  return blocks;
}

/** "3 of 17 deadlines have passed. Behind: Erik (2), Johan (1)" — or that nobody is. */
function overview(session: Session, passed: PreparationProgress[], total: number): string {
  const head = session.t('reminders.progress.passed', { passed: passed.length, total });
  if (passed.length === 0) return head;
  const behind = new Map<string, number>();
  for (const p of passed) for (const name of p.notDone) behind.set(name, (behind.get(name) ?? 0) + 1);
  if (behind.size === 0) return `${head}\n${session.t('reminders.progress.nobody_behind')}`;
  const ranked = [...behind].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, count]) => `${name} (${count})`);
  return `${head}\n${session.t('reminders.progress.behind', { names: names(session, ranked) })}`;
}

function names(session: Session, list: string[]): string {
  const shown = list.slice(0, SHOWN_NAMES).join(', ');
  return list.length > SHOWN_NAMES ? `${shown} ${session.t('reminders.progress.and_more', { count: list.length - SHOWN_NAMES })}` : shown;
}
