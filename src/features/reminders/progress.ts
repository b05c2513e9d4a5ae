// `uppföljning` / `progress` (facilitators): per preparation, who has done it and who has
// not yet, and the messages kohort gave up delivering with the reason. The use case
// returns the figures; the chat view below (and the web console later) draw them.
import type { Ports } from '../../application/ports.js';
import { useCase } from '../../application/use-case.js';
import { memberOf, type Session } from '../../application/session.js';
import type { DeliveryReason } from '../../domain/outbox.js';
import type { ModuleProgress } from '../../domain/reminders/store.js';
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
  const modules = (await ports.reminders.progress(person.cohortId)).filter((m) => m.preparations.length > 0);
  const failures = await ports.outbox.undelivered(person.cohortId, SHOWN_FAILURES);
  const names = await ports.reminders.displayNames(failures.flatMap((f) => (f.participantId ? [f.participantId] : [])));
  return {
    modules,
    undelivered: failures.map((f) => ({ name: f.participantId ? names.get(f.participantId) : undefined, toChannel: !f.participantId, kind: f.kind, dueAt: f.dueAt, reason: f.reason })),
  };
});

/** The progress as chat blocks: one per module, then what was not delivered. */
export function progressBlocks(session: Session, progress: CohortProgress): Block[] {
  const blocks: Block[] = progress.modules.map((mod) => {
    const lines = mod.preparations.map((p) => {
      const total = p.done.length + p.notDone.length;
      const head = session.t('reminders.progress.item', { title: p.title, done: p.done.length, total, due: day(session, p.dueAt) });
      if (p.notDone.length === 0 || total === 0) return `• ${head}`;
      return `• ${head}\n   ${session.t('reminders.progress.not_done', { names: names(session, p.notDone) })}`;
    });
    return text(`${session.t('reminders.module_name', { number: mod.number, title: mod.title })}\n${lines.join('\n')}`);
  });
  if (blocks.length === 0) blocks.push(text(session.t('reminders.progress.nothing_tracked')));
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

function names(session: Session, list: string[]): string {
  const shown = list.slice(0, SHOWN_NAMES).join(', ');
  return list.length > SHOWN_NAMES ? `${shown} ${session.t('reminders.progress.and_more', { count: list.length - SHOWN_NAMES })}` : shown;
}
