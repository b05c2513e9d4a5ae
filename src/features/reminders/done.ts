// `klar` / `done`: mark a preparation done without waiting for its reminder. Alone it lists
// the person's open preparations to pick from; `klar läs kapitel 3` finds one by the words
// of its title (one match is marked done at once, several are offered to pick from).
import type { Ports } from '../../application/ports.js';
import { answer, say, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import type { OpenPreparation } from '../../domain/reminders/store.js';
import { actions, header, message, text } from '../../ui/model.js';
import { day } from '../shared/wording.js';
import { markDone, type ReminderActionPorts } from './actions.js';
import { REMINDER_DONE } from './controls.js';

/** Slack allows 100 options in a drop-down: more open items than that are beyond a pick list anyway. */
const MAX_OPTIONS = 100;

const words = (value: string) =>
  value
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** The open preparations whose title holds every typed word (or the start of one). */
function matching(open: OpenPreparation[], typed: string): OpenPreparation[] {
  const wanted = words(typed);
  return open.filter((prep) => {
    const title = words(prep.title);
    return wanted.every((w) => title.some((t) => t.startsWith(w)));
  });
}

function pickList(session: Session, list: OpenPreparation[], lead: string): Reply {
  const options = list.slice(0, MAX_OPTIONS).map((p) => REMINDER_DONE.option(`${p.title} (${day(session, p.dueAt)})`, { preparationId: p.id }));
  return answer(message(header(session.t('reminders.pick.title')), text(lead), actions(REMINDER_DONE.select(session.t('reminders.pick.placeholder'), options))));
}

export async function done(session: Session, ports: ReminderActionPorts & Pick<Ports, 'reminders'>, args: string): Promise<Reply> {
  const open = await ports.reminders.openPreparations(memberOf(session).participantId, session.locale);
  if (open.length === 0) return say(session, 'reminders.pick.none');
  const typed = args.trim();
  if (!typed) return pickList(session, open, session.t('reminders.pick.intro'));
  const found = matching(open, typed);
  if (found.length === 1) return markDone(session, ports, found[0]!.id, 'typed');
  const shown = typed.slice(0, 60);
  return found.length > 1 ? pickList(session, found, session.t('reminders.pick.several', { text: shown })) : pickList(session, open, session.t('reminders.pick.no_match', { text: shown }));
}
