// Finding a participant on a chat platform for a message kohort starts itself
// (reminders, follow-ups, broadcasts). A person known on a platform is reached there;
// a person the program lists only by e-mail is looked up once on each platform that
// can search by e-mail, and the identity found is kept.
import type { PersonTarget } from '../core/adapter.js';
import type { Platform } from '../core/events.js';
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
