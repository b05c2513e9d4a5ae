// Messages kohort starts itself (reminders, follow-ups, broadcasts, reports), to a
// participant or a channel. A person known on a platform is reached there, in their latest
// direct conversation with kohort when one is stored; a person the program lists only by
// e-mail is looked up once on each platform that can search by e-mail, and the identity
// found is kept. A permanent refusal marks the person unreachable on that platform and
// tells the cohort's facilitators, once. Decisions use the neutral failure kind only.
// An outbox batch reads its participants' routes at once (`routes`) and sends with them.
import type { ChannelAdapter, PersonTarget, SendPriority, SentMessageRef } from '../core/adapter.js';
import type { Clock } from '../core/clock.js';
import { DeliveryError } from '../core/errors.js';
import type { Platform } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { ChannelTarget, DeliveryOutcome, DeliveryPort, RouteBook } from '../application/ports.js';
import { sessionFor } from '../application/session.js';
import { LOSES_THE_PERSON } from '../domain/outbox.js';
import type { AuditLog, ConversationStore, PeopleRepository } from '../domain/ports.js';
import { DEFAULT_LOCALE, type Translator } from '../i18n/i18n.js';
import { TypedFallback } from '../platform/typed-fallback.js';
import { message, text, type Message } from '../ui/model.js';

export interface DeliveryDeps {
  people: PeopleRepository;
  conversations: ConversationStore;
  audit: AuditLog;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
  /** Real chat platforms first; the playground only when nothing else reaches the person. */
  preference: () => readonly Platform[];
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** Numbered choices and typed answers, for platforms without buttons or forms. */
  typed: TypedFallback;
  /** `bulk` for the outbox: its sends wait while people are being answered (default interactive). */
  priority?: SendPriority;
}

/** Where a participant can be reached for a message kohort starts: a known identity, or one found by e-mail (and kept). */
export async function reachParticipant(deps: DeliveryDeps, participantId: string, routes?: RouteBook): Promise<PersonTarget | undefined> {
  const contact = routes?.contacts.has(participantId) ? routes.contacts.get(participantId) : await deps.people.contactOf(participantId);
  if (!contact) return undefined;
  for (const platform of deps.preference()) {
    const adapter = deps.adapters.get(platform);
    if (!adapter) continue;
    const known = contact.identities.find((identity) => identity.platform === platform);
    if (known) return known;
    if (!contact.email || !adapter.findUserByEmail) continue;
    const userId = await adapter.findUserByEmail(contact.email);
    if (!userId) continue;
    const found = { platform, userId };
    await deps.people.linkIdentity(participantId, found);
    await deps.audit.record({ at: deps.clock.now(), actorId: participantId, action: 'identity.linked', detail: { platform, by: 'email' } });
    return found;
  }
  return undefined;
}

export function createDelivery(deps: DeliveryDeps): DeliveryPort {
  const sendOptions = deps.priority ? { priority: deps.priority } : {};
  /** Where a message to the participant goes: a stored direct conversation first. */
  async function routeTo(participantId: string, routes?: RouteBook): Promise<{ platform: Platform; send(msg: Message): Promise<SentMessageRef> } | undefined> {
    const direct = routes?.direct.get(participantId) ?? (await deps.conversations.directOf(participantId));
    const stored = direct.find((c) => deps.adapters.has(c.platform));
    if (stored) {
      const adapter = deps.adapters.get(stored.platform)!;
      return { platform: stored.platform, send: (msg) => sendAs(adapter, participantId, msg, routes, (shown) => adapter.sendProactive(stored, shown, sendOptions)) };
    }
    const target = await reachParticipant(deps, participantId, routes);
    const adapter = target && deps.adapters.get(target.platform);
    if (!target || !adapter) return undefined;
    return { platform: target.platform, send: (msg) => sendAs(adapter, participantId, msg, routes, (shown) => adapter.sendToPerson(target, shown, sendOptions)) };
  }

  /** Sends as the platform can show it: on a plain-text platform, with choices worded in the person's language. */
  async function sendAs(adapter: ChannelAdapter, participantId: string, msg: Message, routes: RouteBook | undefined, send: (shown: Message) => Promise<SentMessageRef>): Promise<SentMessageRef> {
    if (!TypedFallback.needed(adapter)) return send(msg);
    const person = routes?.people.has(participantId) ? routes.people.get(participantId) : await deps.people.findById(participantId);
    const speaker = person ? sessionFor(person, deps.translator, deps.clock.now()) : { t: (key: string, params?: Record<string, string | number>) => deps.translator.t(DEFAULT_LOCALE, key, params) };
    const prepared = deps.typed.prepareReply(adapter, [msg], speaker);
    const shown = prepared.messages[0]!;
    const ref = await send(shown);
    await prepared.sent(ref, shown);
    return ref;
  }

  async function markUnreachable(participantId: string, platform: Platform, error: DeliveryError): Promise<void> {
    const person = await deps.people.findById(participantId);
    const contact = await deps.people.contactOf(participantId);
    const identity = contact?.identities.find((i) => i.platform === platform);
    if (!person || !identity) return;
    const now = deps.clock.now();
    if (!(await deps.people.markUnreachable(identity, now))) return;
    await deps.audit.record({ at: now, actorId: participantId, action: 'participant.unreachable', detail: { platform, kind: error.kind, reason: error.platformCode } });
    for (const facilitator of await deps.people.facilitatorsOf(person.cohortId)) {
      if (facilitator.participantId === participantId) continue;
      const theirs = sessionFor(facilitator, deps.translator, now);
      const notice = theirs.t('common.unreachable', { name: person.displayName, platform: theirs.t(`common.platforms.${platform}`) });
      // A facilitator who cannot be reached either is only logged: no loop of notices.
      const route = await routeTo(facilitator.participantId);
      const sent = route
        ? await route.send(message(text(notice))).then(
            () => true,
            () => false,
          )
        : false;
      if (!sent) deps.logger.warn({ platform }, 'facilitator could not be told about an unreachable participant');
    }
  }

  return {
    async routes(participantIds): Promise<RouteBook> {
      const ids = [...new Set(participantIds)];
      const stored = await deps.conversations.directOfMany(ids);
      const direct = new Map(ids.map((id) => [id, stored.get(id) ?? []]));
      // Identities only for those no stored conversation reaches on a running platform.
      const unrouted = ids.filter((id) => !direct.get(id)!.some((c) => deps.adapters.has(c.platform)));
      const found = await deps.people.contactsOf(unrouted);
      const contacts = new Map(unrouted.map((id) => [id, found.get(id)]));
      const typed = [...deps.adapters.values()].some((adapter) => TypedFallback.needed(adapter));
      const known = typed ? await deps.people.findByIds(ids) : undefined;
      const people = new Map(known ? ids.map((id) => [id, known.get(id)]) : []);
      return { direct, contacts, people };
    },
    async toParticipant(participantId, msg, routes): Promise<DeliveryOutcome> {
      const route = await routeTo(participantId, routes);
      if (!route) return { delivered: false, reason: 'no_platform', permanent: true };
      try {
        return { delivered: true, ref: await route.send(msg) };
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        deps.logger.warn({ platform: route.platform, kind: error.kind, code: error.platformCode }, 'message to a participant not delivered');
        if (LOSES_THE_PERSON.has(error.kind)) await markUnreachable(participantId, route.platform, error);
        return failed(error);
      }
    },
    async toChannel(target: ChannelTarget, msg, threadOf): Promise<DeliveryOutcome> {
      const adapter = deps.adapters.get(target.platform);
      if (!adapter) return { delivered: false, reason: 'platform_not_configured', permanent: true };
      try {
        // A platform without threads gets the thread part as a post of its own, right after.
        const thread = threadOf && adapter.capabilities.threads ? { threadOf, ...sendOptions } : sendOptions;
        // A channel is shared: what it offers is shown as text but never answered by typing.
        const [shown] = deps.typed.prepareReply(adapter, [msg], { t: (key, params) => deps.translator.t(DEFAULT_LOCALE, key, params) }, false).messages;
        return { delivered: true, ref: await adapter.postToChannel(target.channelId, shown!, thread) };
      } catch (error) {
        if (!(error instanceof DeliveryError)) throw error;
        deps.logger.warn({ platform: target.platform, kind: error.kind, code: error.platformCode }, 'message to a channel not delivered');
        return failed(error);
      }
    },
  };
}

/** The neutral kind decides; the platform's code is kept where it says more than the kind. */
function failed(error: DeliveryError): DeliveryOutcome {
  return { delivered: false, reason: error.kind, permanent: error.permanent, ...(error.platformCode !== error.kind ? { code: error.platformCode } : {}) };
}
