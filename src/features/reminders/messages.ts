// The reminder, the module notice and the details card. Built when they are sent (not
// when planned), so they speak the person's current language and show the current state.
import { commandButton } from '../../application/interaction.js';
import type { Session } from '../../application/session.js';
import type { ModuleView, PreparationView } from '../../domain/reminders/store.js';
import { actions, fields, header, message, text, type Block, type Interactive, type Message } from '../../ui/model.js';
import { when } from '../shared/wording.js';
import { REMINDER_DETAILS, REMINDER_DONE, REMINDER_SNOOZE } from './controls.js';

export function reminderControls(session: Session, preparationId: string): Block {
  return actions(
    REMINDER_DONE.button(session.t('reminders.button_done'), { preparationId }, 'primary'),
    REMINDER_SNOOZE.button(session.t('reminders.button_snooze_tomorrow'), { preparationId, option: 'tomorrow' }),
    REMINDER_SNOOZE.button(session.t('reminders.button_snooze_monday'), { preparationId, option: 'monday' }),
    REMINDER_DETAILS.button(session.t('reminders.button_details'), { preparationId }),
  );
}

export function reminderMessage(session: Session, prep: PreparationView, options: { late: boolean; snoozed: boolean }): Message {
  const blocks: Block[] = [
    header(session.t('reminders.title', { title: prep.title })),
    text(session.t('reminders.due', { due: when(session, prep.dueAt), number: prep.module.number, module: prep.module.title })),
  ];
  if (options.snoozed) blocks.push(text(session.t('reminders.snoozed_back'), 'muted'));
  if (options.late) blocks.push(text(session.t('reminders.late'), 'muted'));
  // The test itself, or the decision, is one click away from its reminder.
  if (prep.kind === 'maturity_test') blocks.push(actions(commandButton(session.t('reminders.button_start_test'), 'maturity', 'primary')));
  if (prep.kind === 'stop_doing') blocks.push(actions(commandButton(session.t('reminders.button_stop_doing'), 'stop_doing', 'primary')));
  blocks.push(reminderControls(session, prep.id));
  return message(...blocks);
}

export function detailsMessage(session: Session, prep: PreparationView, done: boolean): Message {
  const facts = [
    { label: session.t('reminders.field_due'), value: when(session, prep.dueAt) },
    { label: session.t('reminders.field_module'), value: session.t('reminders.module_name', { number: prep.module.number, title: prep.module.title }) },
    { label: session.t('reminders.field_kind'), value: session.t(`reminders.kinds.${prep.kind}`) },
  ];
  if (prep.groupSize) facts.push({ label: session.t('reminders.field_group'), value: session.t('reminders.group_size', { size: prep.groupSize }) });
  if (prep.module.place) facts.push({ label: session.t('reminders.field_place'), value: prep.module.place });
  const blocks: Block[] = [header(prep.title), fields(facts)];
  if (prep.details) blocks.push(text(prep.details));
  if (prep.links.length > 0) blocks.push({ type: 'links', links: prep.links });
  blocks.push(
    done
      ? text(session.t('reminders.already_done', { title: prep.title }), 'muted')
      : actions(
          REMINDER_DONE.button(session.t('reminders.button_done'), { preparationId: prep.id }, 'primary'),
          REMINDER_SNOOZE.button(session.t('reminders.button_snooze_tomorrow'), { preparationId: prep.id, option: 'tomorrow' }),
        ),
  );
  return message(...blocks);
}

/** The day-before notice: when and where, and each preparation with the person's own status. */
export function moduleNotice(session: Session, mod: ModuleView, done: ReadonlySet<string>, late: boolean): Message {
  const at = when(session, mod.startsAt);
  const blocks: Block[] = [
    header(session.t('reminders.notice_title', { number: mod.number, title: mod.title })),
    text(mod.place ? session.t('reminders.notice_when_where', { when: at, place: mod.place }) : session.t('reminders.notice_when', { when: at })),
  ];
  const tracked = mod.preparations.filter((p) => p.tracked);
  if (tracked.length > 0) {
    const lines = tracked.map((p) => (done.has(p.id) ? `✓ ${p.title}` : `• ${p.title}`));
    blocks.push(text(`${session.t('reminders.notice_prepare')}\n${lines.join('\n')}`));
  }
  const open = tracked.filter((p) => !done.has(p.id));
  if (tracked.length > 0 && open.length === 0) blocks.push(text(session.t('reminders.notice_all_done')));
  if (late) blocks.push(text(session.t('reminders.late'), 'muted'));
  const controls: Interactive[] = [];
  if (open.length > 0) {
    controls.push(
      REMINDER_DONE.select(
        session.t('reminders.notice_mark_done'),
        open.map((p) => REMINDER_DONE.option(p.title, { preparationId: p.id })),
      ),
    );
  }
  // A module that asks for a stop-doing decision offers to write it down right here.
  if (mod.preparations.some((p) => p.kind === 'stop_doing' && !done.has(p.id))) controls.push(commandButton(session.t('reminders.button_stop_doing'), 'stop_doing'));
  controls.push(commandButton(session.t('help.button_status'), 'status'));
  blocks.push(actions(...controls));
  return message(...blocks);
}
