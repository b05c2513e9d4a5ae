// The chat surface: turns a neutral event into one feature entry. It finds the person,
// refreshes the stored conversation reference, builds the session, has the registry run
// the command, button or form (which checks the capability against the one matrix) and
// sends what it answers. It parses and renders; it decides nothing else.
import { DeliveryError } from '../core/errors.js';
import type { ActionEvent, CardEvent, InboundEvent } from '../core/events.js';
import { COMMAND_ACTION, formName } from '../application/interaction.js';
import { isCommandId, type CommandVocabulary, type ParsedCommand } from '../application/commands.js';
import type { Turn } from '../application/feature.js';
import { oldButton, refuse, say, type Reply } from '../application/reply.js';
import type { Session } from '../application/session.js';
import { can, NotAuthorisedError, rolesFor, type Role } from '../domain/roles.js';
import { divider, message, text, header } from '../ui/model.js';
import type { ChatContext } from './context.js';
import { refreshHome } from './home.js';
import { rememberConversation, resolvePerson, sessionOf } from './person.js';
import { Responder } from './responder.js';

/** Longer typed messages are refused before any parsing (platforms allow far more). */
export const MAX_INBOUND_TEXT = 4000;

/** Cards kohort sent before command buttons carried ids ("test", "sluta"): still answered. */
const LEGACY_COMMAND_VALUES: ReadonlyMap<string, string> = new Map([
  ['test', 'maturity'],
  ['sluta', 'stop_doing'],
]);

export function createChatRouter(chat: ChatContext): (event: InboundEvent) => Promise<void> {
  const { ports, logger } = chat;
  return async (event) => {
    if (event.type === 'unsupported') {
      if (event.explain) return explainUnreadable(chat, event, event.explain);
      logger.debug({ reason: event.reason }, 'unsupported event ignored');
      return;
    }
    if (event.type === 'uninstalled') {
      await ports.conversations.forget(event.conversation);
      await ports.audit.record({ at: chat.clock.now(), action: 'conversation.removed', subject: event.conversation.key, detail: { platform: event.conversation.platform } });
      return;
    }
    const person = await resolvePerson(chat, event.actor);
    const isNewConversation = await rememberConversation(chat, event.conversation, person);
    const parsed = commandOf(chat.vocabulary, event);
    const session = await sessionOf(chat, event, person, parsed?.spokenLocale);
    const responder = new Responder(chat, event);
    try {
      await route(chat, session, event, responder, parsed, isNewConversation);
    } catch (error) {
      if (error instanceof DeliveryError) {
        // The platform refused the answer (bot not in the channel, account gone…): there is
        // no way to tell the person there, so it is recorded for the facilitators instead.
        await recordDeliveryFailure(chat, event, person?.participantId, error);
        return;
      }
      if (error instanceof NotAuthorisedError) {
        // A visitor is not "only a participant away": they are told how to join.
        if (!session.person) return responder.send(refuse(session, 'common.errors.not_a_member'), session);
        await responder.send(refusal(session, rolesFor(error.capability)), session);
        return;
      }
      await responder.send(say(session, 'common.errors.internal'), session).catch(() => undefined);
      throw error;
    }
  };
}

/**
 * A message kohort cannot read (end-to-end encrypted): the person is told why and what to
 * do, in their language. The conversation is not remembered: kohort could not read a reply there.
 */
async function explainUnreadable(chat: ChatContext, event: InboundEvent, why: 'encrypted'): Promise<void> {
  const person = await resolvePerson(chat, event.actor);
  const session = await sessionOf(chat, event, person, undefined);
  try {
    await new Responder(chat, event).send(say(session, `common.unreadable.${why}`), session);
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    await recordDeliveryFailure(chat, event, person?.participantId, error);
  }
}

/** "Only a facilitator can do that", or, when several roles may, every one of them. */
function refusal(session: Session, roles: Role[]) {
  if (roles.length <= 1) return refuse(session, 'common.errors.not_allowed', { role: session.t(`common.roles.${roles[0] ?? 'participant'}`) });
  const names = new Intl.ListFormat(session.locale, { type: 'disjunction' }).format(roles.map((role) => session.t(`common.roles_plural.${role}`)));
  return refuse(session, 'common.errors.not_allowed_any', { roles: names });
}

function commandOf(vocabulary: CommandVocabulary, event: InboundEvent): ParsedCommand | undefined {
  if (event.type === 'message' || event.type === 'command') return vocabulary.parse(event.text);
  if (event.type === 'action' && event.actionId === COMMAND_ACTION.id) {
    const value = COMMAND_ACTION.decode(event.value)?.command;
    const id = value && (LEGACY_COMMAND_VALUES.get(value) ?? value);
    return id && isCommandId(id) ? { id, args: '' } : undefined;
  }
  return undefined;
}

async function route(chat: ChatContext, session: Session, event: InboundEvent, responder: Responder, parsed: ParsedCommand | undefined, isNewConversation: boolean): Promise<void> {
  const turn: Turn = { eventId: event.eventId, actor: event.actor, conversation: event.conversation };
  switch (event.type) {
    case 'installed':
      // Opening the bot's conversation again is not news: greet only the first time.
      if (isNewConversation) await responder.send({ messages: [message(header(session.t('common.welcome.title')), text(session.t('common.welcome.body')))] }, session);
      return;
    case 'home_opened':
      return refreshHome(chat, session, event.actor);
    case 'message':
    case 'command': {
      if (event.text.length > MAX_INBOUND_TEXT) return responder.send(say(session, 'common.errors.too_long', { length: event.text.length, max: MAX_INBOUND_TEXT }), session);
      // A bare slash command (`/kohort`) asks for help, in the person's own language.
      if (event.type === 'command' && event.text === '') return finish(chat, session, event, responder, await runCommand(chat, session, { id: 'help', args: '' }, turn));
      // On a platform without buttons or forms: a typed "2" or the words of a choice is that click.
      const adapter = chat.adapters.get(event.conversation.platform);
      const reading = adapter ? await chat.typed.read(event, adapter) : undefined;
      if (reading?.kind === 'choice') {
        await chat.typed.used(event, undefined);
        return route(chat, session, reading.event, responder, commandOf(chat.vocabulary, reading.event), false);
      }
      // A reaction that names no choice still offered on its message means nothing: it is not typed text.
      if (event.type === 'message' && event.onMessage !== undefined) return;
      // In the middle of a flow, "4", "hoppa över" or a free-text answer belongs to it.
      for (const { entry, ports } of chat.registry.typed) {
        if (!can(session.roles, entry.capability)) continue;
        const reply = await entry.handle(session, ports, event.text, parsed !== undefined);
        if (reply) return finish(chat, session, event, responder, reply);
      }
      // An open question on a plain-text platform takes the message as its answer, unless it is a command.
      if (reading?.kind === 'answer' && !parsed) {
        await chat.typed.used(event, reading.remaining);
        return route(chat, session, reading.event, responder, undefined, false);
      }
      const reply = parsed ? await runCommand(chat, session, parsed, turn) : await unknownCommand(chat, session);
      return finish(chat, session, event, responder, reply);
    }
    case 'action': {
      const reply = await runAction(chat, session, event, parsed, turn);
      return finish(chat, session, event, responder, await showOnCard(chat, event, reply));
    }
    case 'form': {
      const reply = (await chat.registry.submitForm(formName(event.formId), session, event.formId, event.values, turn)) ?? oldButton(session);
      return finish(chat, session, event, responder, await showOnCard(chat, { ...event, label: event.label ?? sentWords(event.values) }, reply));
    }
    case 'unsupported':
    case 'uninstalled':
      return;
  }
}

async function runAction(chat: ChatContext, session: Session, event: ActionEvent, parsed: ParsedCommand | undefined, turn: Turn): Promise<Reply> {
  // A drop-down confirmed with nothing picked: ask for a pick, change nothing.
  if (event.nothingChosen) return refuse(session, 'common.errors.pick_one');
  if (event.actionId === COMMAND_ACTION.id) return parsed ? runCommand(chat, session, parsed, turn) : oldButton(session);
  return (await chat.registry.runAction(event.actionId, session, event.value, turn)) ?? oldButton(session);
}

async function runCommand(chat: ChatContext, session: Session, parsed: ParsedCommand, turn: Turn): Promise<Reply> {
  return (await chat.registry.runCommand(parsed.id, session, parsed.args, turn)) ?? unknownCommand(chat, session);
}

/** "Det där förstod jag inte", with the commands that fit the person's roles. */
async function unknownCommand(chat: ChatContext, session: Session): Promise<Reply> {
  if (!session.person) return say(session, 'common.unknown.visitor');
  const words = chat.registry.offeredCommands(session).map((c) => chat.vocabulary.wordFor(c.id, session.locale));
  return say(session, 'common.unknown.member', { commands: words.join(', ') });
}

async function finish(chat: ChatContext, session: Session, event: InboundEvent, responder: Responder, reply: Reply): Promise<void> {
  // A reply that changed the person (enrolled them, changed their language) is followed by the
  // person as they are now — read once, for the privacy notice and the home surface alike.
  const now = reply.refreshHome ? await currentSession(chat, event, session) : session;
  await responder.send(await withFirstContact(chat, now, event, reply), session);
  // After the answer, as before the redesign: the facilitator reads "sending…" before the first post lands.
  if (reply.wakeOutbox) chat.ports.wake.now();
  if (reply.refreshHome) await refreshHome(chat, now, event.actor);
}

async function currentSession(chat: ChatContext, event: InboundEvent, session: Session): Promise<Session> {
  const person = await resolvePerson(chat, event.actor);
  return person ? sessionOf(chat, event, person, undefined) : session;
}

/**
 * The first answer a member ever gets carries the privacy notice (GDPR article 13: told when
 * the data is collected). Someone who just joined has it with their welcome.
 */
async function withFirstContact(chat: ChatContext, session: Session, event: InboundEvent, reply: Reply): Promise<Reply> {
  // Only in the person's own conversation: a channel is no place for it, even privately.
  if (event.conversation.kind !== 'dm') return reply;
  const person = session.person;
  if (!person || person.privacyNoticed || !(await chat.ports.personalData.claimFirstNotice(person.participantId, session.now))) return reply;
  const blocks = await chat.registry.firstContact(session);
  const last = reply.messages.at(-1);
  if (blocks.length === 0 || !last) return reply;
  // In the same message, after the answer: what they asked for comes first, and no extra message arrives.
  return { ...reply, messages: [...reply.messages.slice(0, -1), { blocks: [...last.blocks, divider(), ...blocks] }] };
}

/** A form's words as its card shows them once sent: on one line, the start of a long text. */
function sentWords(values: Record<string, string>): string {
  const words = Object.values(values).join(' ').replace(/\s+/g, ' ').trim();
  const shown = [...words];
  return `”${shown.length > 80 ? `${shown.slice(0, 79).join('')}…` : words}”`;
}

/**
 * Where a click or a form was acted on, its card shows what happened (where the platform
 * can edit it): redrawn as the reply's card, or with the choice made and no live controls
 * left. A refused click leaves the card as it was. A card that cannot be redrawn in place
 * arrives as a message; one that can no longer be edited does not stop the answer.
 */
async function showOnCard(chat: ChatContext, event: CardEvent, reply: Reply): Promise<Reply> {
  if (reply.refused) return reply;
  const adapter = chat.adapters.get(event.conversation.platform);
  const editable = adapter?.capabilities.messageUpdates === true;
  const { card, ...rest } = reply;
  try {
    if (card && editable && adapter.replaceCard && (await adapter.replaceCard(event, card)) !== false) return rest;
    if (!card && editable) await adapter.confirmChoice?.(event);
  } catch (error) {
    chat.logger.debug({ kind: error instanceof DeliveryError ? error.kind : 'unknown' }, 'clicked message not updated');
  }
  return card ? { ...rest, messages: [card, ...rest.messages] } : rest;
}

async function recordDeliveryFailure(chat: ChatContext, event: InboundEvent, actorId: string | undefined, error: DeliveryError): Promise<void> {
  const { platform, key } = event.conversation;
  chat.logger.warn({ platform, kind: error.kind, code: error.platformCode }, 'answer not delivered');
  await chat.ports.audit.record({
    at: chat.clock.now(),
    actorId,
    action: 'delivery.failed',
    subject: key,
    detail: { platform, reason: error.platformCode, permanent: error.permanent },
  });
}
