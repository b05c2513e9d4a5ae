// The reminder, the module notice and the details card. Built when they are sent (not
// when planned), so they speak the person's current language and show the current state.
import type { Person } from '../../domain/ports.js';
import type { ModuleView, PreparationView } from '../../domain/reminders/store.js';
import { formatMoment } from '../../i18n/format.js';
import type { Locale, Params } from '../../i18n/i18n.js';
import { actions, button, fields, header, message, text, type Block, type Message } from '../../ui/model.js';

export interface Voice {
  locale: Locale;
  zone: string;
  t(key: string, params?: Params): string;
}

export function voiceOf(person: Person, translate: (locale: Locale, key: string, params?: Params) => string, locale?: Locale): Voice {
  const chosen = locale ?? person.locale ?? person.programLocale;
  return { locale: chosen, zone: person.timezone, t: (key, params) => translate(chosen, key, params) };
}

export const ACTIONS = {
  done: 'reminder.done',
  undo: 'reminder.undo',
  snooze: 'reminder.snooze',
  details: 'reminder.details',
} as const;

export function reminderControls(voice: Voice, preparationId: string): Block {
  return actions(
    button(voice.t('reminders.button_done'), ACTIONS.done, preparationId, 'primary'),
    button(voice.t('reminders.button_snooze_tomorrow'), ACTIONS.snooze, `${preparationId}|tomorrow`),
    button(voice.t('reminders.button_snooze_monday'), ACTIONS.snooze, `${preparationId}|monday`),
    button(voice.t('reminders.button_details'), ACTIONS.details, preparationId),
  );
}

export function reminderMessage(voice: Voice, prep: PreparationView, options: { late: boolean; snoozed: boolean }): Message {
  const blocks: Block[] = [
    header(voice.t('reminders.title', { title: prep.title })),
    text(
      voice.t('reminders.due', {
        due: formatMoment(prep.dueAt, voice.zone, voice.locale),
        number: prep.module.number,
        module: prep.module.title,
      }),
    ),
  ];
  if (options.snoozed) blocks.push(text(voice.t('reminders.snoozed_back'), 'muted'));
  if (options.late) blocks.push(text(voice.t('reminders.late'), 'muted'));
  // The test itself is one click away from its reminder.
  if (prep.kind === 'maturity_test') blocks.push(actions(button(voice.t('reminders.button_start_test'), 'command', 'test', 'primary')));
  if (prep.kind === 'stop_doing') blocks.push(actions(button(voice.t('reminders.button_stop_doing'), 'command', 'sluta', 'primary')));
  blocks.push(reminderControls(voice, prep.id));
  return message(...blocks);
}

export function detailsMessage(voice: Voice, prep: PreparationView, done: boolean): Message {
  const facts = [
    { label: voice.t('reminders.field_due'), value: formatMoment(prep.dueAt, voice.zone, voice.locale) },
    { label: voice.t('reminders.field_module'), value: voice.t('reminders.module_name', { number: prep.module.number, title: prep.module.title }) },
    { label: voice.t('reminders.field_kind'), value: voice.t(`reminders.kinds.${prep.kind}`) },
  ];
  if (prep.groupSize) facts.push({ label: voice.t('reminders.field_group'), value: voice.t('reminders.group_size', { size: prep.groupSize }) });
  if (prep.module.place) facts.push({ label: voice.t('reminders.field_place'), value: prep.module.place });
  const blocks: Block[] = [header(prep.title), fields(facts)];
  if (prep.details) blocks.push(text(prep.details));
  if (prep.links.length > 0) blocks.push({ type: 'links', links: prep.links });
  blocks.push(
    done
      ? text(voice.t('reminders.already_done', { title: prep.title }), 'muted')
      : actions(
          button(voice.t('reminders.button_done'), ACTIONS.done, prep.id, 'primary'),
          button(voice.t('reminders.button_snooze_tomorrow'), ACTIONS.snooze, `${prep.id}|tomorrow`),
        ),
  );
  return message(...blocks);
}

/** The day-before notice: when and where, and each preparation with the person's own status. */
export function moduleNotice(voice: Voice, mod: ModuleView, done: ReadonlySet<string>, late: boolean): Message {
  const when = formatMoment(mod.startsAt, voice.zone, voice.locale);
  const blocks: Block[] = [
    header(voice.t('reminders.notice_title', { number: mod.number, title: mod.title })),
    text(mod.place ? voice.t('reminders.notice_when_where', { when, place: mod.place }) : voice.t('reminders.notice_when', { when })),
  ];
  const tracked = mod.preparations.filter((p) => p.tracked);
  if (tracked.length > 0) {
    const lines = tracked.map((p) => (done.has(p.id) ? `✓ ${p.title}` : `• ${p.title}`));
    blocks.push(text(`${voice.t('reminders.notice_prepare')}\n${lines.join('\n')}`));
  }
  const open = tracked.filter((p) => !done.has(p.id));
  if (tracked.length > 0 && open.length === 0) blocks.push(text(voice.t('reminders.notice_all_done')));
  if (late) blocks.push(text(voice.t('reminders.late'), 'muted'));
  const controls = [];
  if (open.length > 0) {
    controls.push({
      type: 'select' as const,
      placeholder: voice.t('reminders.notice_mark_done'),
      actionId: ACTIONS.done,
      options: open.map((p) => ({ label: p.title, value: p.id })),
    });
  }
  // A module that asks for a stop-doing decision offers to write it down right here.
  if (mod.preparations.some((p) => p.kind === 'stop_doing' && !done.has(p.id))) controls.push(button(voice.t('reminders.button_stop_doing'), 'command', 'sluta'));
  controls.push(button(voice.t('help.button_status'), 'command', 'status'));
  blocks.push(actions(...controls));
  return message(...blocks);
}
