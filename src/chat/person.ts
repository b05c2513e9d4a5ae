// Who sent a chat event, and in which language to answer them: one rule for a member
// (see localeOf: their choice, their chat app's language, their program's), and the same
// for a visitor: the language they chose in this conversation, else their chat app's, else
// the one they wrote in — so joining does not change the language they are answered in.
import type { Actor, ConversationRef, InboundEvent } from '../core/events.js';
import type { Person } from '../domain/ports.js';
import { createSession, localeOf, type Session } from '../application/session.js';
import { DEFAULT_LOCALE, localeFromPlatform, type Locale } from '../i18n/i18n.js';
import type { ChatContext } from './context.js';

/** The person behind a platform user: by identity, or by the e-mail the program lists; with what the platform says of them now. */
export async function resolvePerson(chat: ChatContext, actor: Actor): Promise<Person | undefined> {
  const { people, audit } = chat.ports;
  const known = await people.findByIdentity(actor.platform, actor.userId);
  if (known) return withPlatformFacts(chat, known, actor);
  if (!actor.email) return undefined;
  const linked = await people.linkByEmail({ platform: actor.platform, userId: actor.userId, tenantId: actor.tenantId }, actor.email);
  if (linked) await audit.record({ at: chat.clock.now(), actorId: linked.participantId, action: 'identity.linked', detail: { platform: actor.platform, by: 'email' } });
  return linked && withPlatformFacts(chat, linked, actor);
}

/**
 * The chat app's language, kept so that reminders and reports follow it as answers do; and
 * a real name for someone who joined from a platform that gave none at the time. Written
 * only when it changed, so an ordinary message costs no write.
 */
async function withPlatformFacts(chat: ChatContext, person: Person, actor: Actor): Promise<Person> {
  const platformLocale = localeFromPlatform(actor.locale);
  const facts: { platformLocale?: Locale; displayName?: string } = {};
  if (platformLocale && platformLocale !== person.platformLocale) facts.platformLocale = platformLocale;
  if (person.displayName === actor.userId && actor.displayName?.trim()) facts.displayName = actor.displayName.trim();
  if (Object.keys(facts).length === 0) return person;
  await chat.ports.people.notePlatformFacts(person.participantId, facts);
  return { ...person, ...facts };
}

/** Stores the latest reference for later sends; true when the conversation is new. A conversation kohort may not post to on its own is answered but not remembered. */
export async function rememberConversation(chat: ChatContext, conversation: ConversationRef, person: Person | undefined): Promise<boolean> {
  if (conversation.proactive === false) return false;
  return chat.ports.conversations.remember(conversation, person?.participantId);
}

/** A member by the one rule; a visitor by their choice here, else their app's language, else the language they typed in. */
export async function sessionOf(chat: ChatContext, event: InboundEvent, person: Person | undefined, spoken: Locale | undefined): Promise<Session> {
  const locale: Locale = person ? localeOf(person) : ((await chat.ports.conversations.chosenLocale(event.conversation)) ?? localeFromPlatform(event.actor.locale) ?? spoken ?? DEFAULT_LOCALE);
  return createSession({ person, locale, now: chat.clock.now(), translator: chat.translator });
}
