// What a broadcast says, built for one reader's language: a module's preparations (time,
// place, each item with its deadline, links) or the facilitator's own words. The preview
// the facilitator sees is built by the same function, so it is exactly what is sent.
import type { Ports } from '../../application/ports.js';
import type { Broadcast } from '../../domain/broadcasts/store.js';
import { formatDay, formatMoment } from '../../i18n/format.js';
import { DEFAULT_ZONE, type Session } from '../../application/session.js';
import { header, message, text, type Block, type Message } from '../../ui/model.js';

export type ContentPorts = Pick<Ports, 'people' | 'reminders'>;

/** `reader`: the session of whoever reads it (a recipient, a channel in the program's language, the facilitator's preview). */
export async function broadcastMessage(ports: ContentPorts, broadcast: Broadcast, reader: Pick<Session, 't' | 'locale'>): Promise<Message | undefined> {
  const { t, locale } = reader;
  const sender = broadcast.createdById ? await ports.people.findById(broadcast.createdById) : undefined;
  // A facilitator erased since is not named.
  const name = sender?.displayName ?? t('common.roles.facilitator');
  if (broadcast.contentKind === 'text') return message(header(t('broadcasts.text_title', { name })), text(broadcast.text ?? ''));
  const module = broadcast.moduleId ? await ports.reminders.module(broadcast.moduleId, locale) : undefined;
  if (!module) return undefined;
  // The sender's program zone: a date reads the same for everyone in the cohort.
  const zone = sender?.timezone ?? DEFAULT_ZONE;
  const blocks: Block[] = [
    header(t('broadcasts.module.title', { number: module.number, title: module.title })),
    text(t('broadcasts.module.when', { when: formatMoment(module.startsAt, zone, locale), place: module.place ? `, ${module.place}` : '' })),
  ];
  const items: string[] = [];
  const links: { label: string; url: string }[] = [];
  for (const item of module.preparations) {
    const prep = await ports.reminders.preparation(item.id, locale);
    items.push(t('broadcasts.module.item', { title: item.title, due: formatDay(item.dueAt, zone, locale) }) + (prep?.details ? `\n   ${prep.details}` : ''));
    links.push(...(prep?.links ?? []));
  }
  blocks.push(text(items.length > 0 ? items.join('\n') : t('broadcasts.module.none')));
  if (links.length > 0) blocks.push({ type: 'links', links });
  blocks.push(text(t('broadcasts.module.footer', { name }), 'muted'));
  return message(...blocks);
}
