// Who sent a chat event, and in which language to answer them.
import type { Actor, ConversationRef, InboundEvent } from '../core/events.js';
import type { Person } from '../domain/ports.js';
import { createSession, type Session } from '../application/session.js';
import { DEFAULT_LOCALE, localeFromPlatform, type Locale } from '../i18n/i18n.js';
import type { ChatContext } from './context.js';

/** The person behind a platform user: by identity, or by the e-mail the program lists. */
export async function resolvePerson(chat: ChatContext, actor: Actor): Promise<Person | undefined> {
  const { people, audit } = chat.ports;
  const known = await people.findByIdentity(actor.platform, actor.userId);
  if (known || !actor.email) return known;
  const linked = await people.linkByEmail({ platform: actor.platform, userId: actor.userId, tenantId: actor.tenantId }, actor.email);
  if (linked) await audit.record({ at: chat.clock.now(), actorId: linked.participantId, action: 'identity.linked', detail: { platform: actor.platform, by: 'email' } });
  return linked;
}

/** Stores the latest reference for later sends; true when the conversation is new. A conversation kohort may not post to on its own is answered but not remembered. */
export async function rememberConversation(chat: ChatContext, conversation: ConversationRef, person: Person | undefined): Promise<boolean> {
  if (conversation.proactive === false) return false;
  return chat.ports.conversations.remember(conversation, person?.participantId);
}

/** A member's stored choice wins; a visitor is answered in the language they typed in. */
export function sessionOf(chat: ChatContext, event: InboundEvent, person: Person | undefined, spoken: Locale | undefined): Session {
  const locale: Locale = person?.locale ?? (person ? undefined : spoken) ?? localeFromPlatform(event.actor.locale) ?? person?.programLocale ?? DEFAULT_LOCALE;
  return createSession({ person, locale, now: chat.clock.now(), translator: chat.translator });
}
