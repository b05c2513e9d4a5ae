// Finding a participant on a chat platform for a message kohort starts itself
// (reminders, follow-ups, broadcasts). A person known on a platform is reached there;
// a person the program lists only by e-mail is looked up once on each platform that
// can search by e-mail, and the identity found is kept.
import type { PersonTarget, SentMessageRef } from '../core/adapter.js';
import { DeliveryError } from '../core/errors.js';
import type { Platform } from '../core/events.js';
import { message, text as textBlock, type Message } from '../ui/model.js';
import type { Services } from './context.js';

/** Real chat platforms first; the playground only when nothing else reaches the person. */
const PREFERENCE: readonly Platform[] = ['slack', 'teams', 'local'];

export async function reachParticipant(services: Services, participantId: string): Promise<PersonTarget | undefined> {
  const contact = await services.people.contactOf(participantId);
  if (!contact) return undefined;
  for (const platform of PREFERENCE) {
    const adapter = services.adapters.get(platform);
    if (!adapter) continue;
    const known = contact.identities.find((identity) => identity.platform === platform);
    if (known) return known;
    if (!contact.email || !adapter.findUserByEmail) continue;
    const userId = await adapter.findUserByEmail(contact.email);
    if (!userId) continue;
    const found = { platform, userId };
    await services.people.linkIdentity(participantId, found);
    await services.audit.record({ at: services.clock.now(), actorId: participantId, action: 'identity.linked', detail: { platform, by: 'email' } });
    return found;
  }
  return undefined;
}

/** Refusals that mean "this person cannot be reached here until someone acts". */
export const UNREACHABLE_REASONS: ReadonlySet<string> = new Set(['forbidden', 'conversation_not_found', 'account_inactive', 'user_not_found', 'users_not_found', 'cannot_dm_bot', 'user_disabled']);

export type Delivery = { delivered: true; ref: SentMessageRef } | { delivered: false; reason: string; permanent: boolean };

/**
 * Sends a message kohort starts itself (reminders, follow-ups, broadcasts) to one
 * participant: into their latest direct conversation with kohort when one is stored,
 * else wherever reachParticipant finds them. A permanent refusal marks the person
 * unreachable on that platform and tells the cohort's facilitators, once.
 */
export async function deliverToParticipant(services: Services, participantId: string, msg: Message): Promise<Delivery> {
  const route = await routeTo(services, participantId);
  if (!route) return { delivered: false, reason: 'no_platform', permanent: true };
  try {
    return { delivered: true, ref: await route.send(msg) };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    services.logger.warn({ platform: route.platform, reason: error.reason }, 'message to a participant not delivered');
    if (error.permanent && UNREACHABLE_REASONS.has(error.reason)) await markUnreachable(services, participantId, route.platform, error.reason);
    return { delivered: false, reason: error.reason, permanent: error.permanent };
  }
}

export interface ChannelTarget {
  platform: Platform;
  channelId: string;
}

/**
 * Posts into a cohort's or group's channel (summaries, broadcasts), or into the thread of
 * an earlier post. A platform kohort is not running on here is a permanent refusal.
 */
export async function deliverToChannel(services: Services, target: ChannelTarget, msg: Message, threadOf?: SentMessageRef): Promise<Delivery> {
  const adapter = services.adapters.get(target.platform);
  if (!adapter) return { delivered: false, reason: 'platform_not_configured', permanent: true };
  try {
    return { delivered: true, ref: await adapter.postToChannel(target.channelId, msg, threadOf ? { threadOf } : undefined) };
  } catch (error) {
    if (!(error instanceof DeliveryError)) throw error;
    services.logger.warn({ platform: target.platform, reason: error.reason }, 'message to a channel not delivered');
    return { delivered: false, reason: error.reason, permanent: error.permanent };
  }
}

/** Where a message to the participant goes: a stored direct conversation first. */
async function routeTo(services: Services, participantId: string): Promise<{ platform: Platform; send(msg: Message): Promise<SentMessageRef> } | undefined> {
  const stored = (await services.conversations.directOf(participantId)).find((c) => services.adapters.has(c.platform));
  if (stored) {
    const adapter = services.adapters.get(stored.platform)!;
    return { platform: stored.platform, send: (msg) => adapter.sendProactive(stored, msg) };
  }
  const target = await reachParticipant(services, participantId);
  const adapter = target && services.adapters.get(target.platform);
  if (!target || !adapter) return undefined;
  return { platform: target.platform, send: (msg) => adapter.sendToPerson(target, msg) };
}

async function markUnreachable(services: Services, participantId: string, platform: Platform, reason: string): Promise<void> {
  const person = await services.people.findById(participantId);
  const contact = await services.people.contactOf(participantId);
  const identity = contact?.identities.find((i) => i.platform === platform);
  if (!person || !identity) return;
  const now = services.clock.now();
  if (!(await services.people.markUnreachable(identity, now))) return;
  await services.audit.record({ at: now, actorId: participantId, action: 'participant.unreachable', detail: { platform, reason } });
  for (const facilitator of await services.people.facilitatorsOf(person.cohortId)) {
    if (facilitator.participantId === participantId) continue;
    const locale = facilitator.locale ?? facilitator.programLocale;
    const text = services.translator.t(locale, 'common.unreachable', {
      name: person.displayName,
      platform: services.translator.t(locale, `common.platforms.${platform}`),
    });
    // A facilitator who cannot be reached either is only logged: no loop of notices.
    const sent = await deliverQuietly(services, facilitator.participantId, message(textBlock(text)));
    if (!sent) services.logger.warn({ platform }, 'facilitator could not be told about an unreachable participant');
  }
}

async function deliverQuietly(services: Services, participantId: string, msg: Message): Promise<boolean> {
  const route = await routeTo(services, participantId);
  return route ? route.send(msg).then(() => true, () => false) : false;
}
