// What reminders add to `status` and the home surface: the person's next deadlines, their
// coming reminders (and their pause), and for facilitators the cohort's progress.
import type { Section } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { perform } from '../../application/use-case.js';
import { can } from '../../domain/roles.js';
import { commandButton } from '../../application/interaction.js';
import { actions, itemActions, text, type Block } from '../../ui/model.js';
import { REMINDER_DONE } from './controls.js';
import { day, when } from '../shared/wording.js';
import { cohortProgress, progressBlocks } from './progress.js';

const SHOWN_DEADLINES = 5;
const SHOWN_REMINDERS = 3;

export const deadlinesSection: Section<Pick<Ports, 'deadlines'>> = {
  order: 10,
  async render(session, ports) {
    const person = session.person;
    if (!person) return [];
    const { items, total } = await ports.deadlines.upcoming(person, session.now, SHOWN_DEADLINES, session.locale);
    if (items.length === 0) return [text(session.t('status.none'))];
    // Each item with its own Klar, so nobody waits for a reminder to say it is done.
    const blocks: Block[] = [text(session.t('status.deadlines'))];
    for (const item of items) {
      blocks.push(
        text(`• ${session.t('status.item', { title: item.title, due: when(session, item.dueAt) })}\n  ${session.t('status.module', { number: item.moduleNumber, title: item.moduleTitle })}`),
      );
      if (can(session.roles, 'mark_done')) blocks.push(itemActions(REMINDER_DONE.button(session.t('reminders.button_done'), { preparationId: item.preparationId })));
    }
    if (total > items.length) {
      blocks.push(text(session.t('status.more', { count: total - items.length })));
      if (can(session.roles, 'mark_done')) blocks.push(actions(commandButton(session.t('reminders.pick.show_all', { count: total }), 'done')));
    }
    return blocks;
  },
};

export const comingRemindersSection: Section<Pick<Ports, 'reminders' | 'outbox'>> = {
  order: 20,
  async render(session, ports) {
    const person = session.person;
    if (!person || !person.roles.includes('participant')) return [];
    // The person was read for this very event: their zone and pause need no second read.
    const local = { zone: person.timezone, locale: session.locale };
    const blocks: Block[] = [text(session.t('reminders.status.title'))];
    if (person.remindersPausedUntil && person.remindersPausedUntil > session.now) blocks.push(text(session.t('reminders.pause.is_paused', { until: day(local, person.remindersPausedUntil) })));
    const pending = (await ports.outbox.pendingFor([person.participantId], ['reminder', 'module_notice'])).slice(0, SHOWN_REMINDERS);
    if (pending.length === 0) return [...blocks, text(session.t('reminders.status.none'))];
    const lines = [];
    for (const row of pending) {
      const at = when(local, row.dueAt);
      if (row.kind === 'module_notice') {
        const mod = await ports.reminders.module(row.payload.moduleId, session.locale);
        if (mod) lines.push(`• ${session.t('reminders.status.notice_item', { when: at, number: mod.number, title: mod.title })}`);
      } else if (row.kind === 'reminder') {
        const prep = await ports.reminders.preparation(row.payload.preparationId, session.locale);
        if (prep) lines.push(`• ${session.t('reminders.status.item', { when: at, title: prep.title })}`);
      }
    }
    return [...blocks, text(lines.join('\n')), text(session.t('reminders.status.pause_hint'), 'muted')];
  },
};

/** Facilitators see their cohort's progress on their home surface too. */
export const cohortProgressSection: Section<Pick<Ports, 'reminders' | 'outbox'>> = {
  order: 40,
  async render(session, ports) {
    if (!can(session.roles, cohortProgress.capability)) return [];
    const progress = await perform(cohortProgress, session, ports, undefined);
    return [text(session.t('reminders.progress.title', { cohort: session.person?.cohortName ?? '' })), ...progressBlocks(session, progress)];
  },
};
