// The person's home surface (Slack's App Home): who they are in the program and, from
// every feature's home sections, what is coming up. Platforms without one skip it.
import type { Actor } from '../core/events.js';
import { commandButton } from '../application/interaction.js';
import type { Session } from '../application/session.js';
import { joinForm, languageSwitch } from '../features/shared/controls.js';
import { actions, divider, header, message, text, type Message } from '../ui/model.js';
import type { ChatContext } from './context.js';

export async function homeMessage(chat: ChatContext, session: Session): Promise<Message> {
  const person = session.person;
  if (!person) {
    return message(header(session.t('help.visitor_title')), text(session.t('help.visitor_body')), joinForm(session), actions(languageSwitch(session)));
  }
  const sections = await chat.registry.homeSections(session);
  return message(
    header(session.t('home.title', { cohort: person.cohortName })),
    text(session.t('home.greeting', { name: person.displayName })),
    ...sections.flatMap((blocks) => (blocks.length > 0 ? [divider(), ...blocks] : [])),
    divider(),
    actions(commandButton(session.t('home.button_help'), 'help'), languageSwitch(session)),
    text(session.t('home.footer'), 'muted'),
  );
}

/** Draws the home surface where the platform has one; elsewhere there is nothing to do. */
export async function refreshHome(chat: ChatContext, session: Session, actor: Actor): Promise<void> {
  const adapter = chat.adapters.get(actor.platform);
  if (!adapter?.capabilities.home || !adapter.publishHome) return;
  await adapter.publishHome(actor.userId, await homeMessage(chat, session));
}
