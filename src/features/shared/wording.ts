// Small pieces of wording more than one feature uses, so they read the same everywhere.
import type { Platform } from '../../core/events.js';
import { wordsInAnyLocale, type Params, type Translator } from '../../i18n/i18n.js';
import { formatDay, formatMoment } from '../../i18n/format.js';
import type { Session } from '../../application/session.js';

type Speaker = { t(key: string, params?: Params): string };

/** "#kohorten (Slack)" */
/** "#Kohorten (Teams)": the channel's name where the program file gives one, else its id. */
export function channelLabel(speaker: Speaker, channel: { platform: Platform; channelId: string; name?: string | null }): string {
  return speaker.t('common.channel_label', { channel: channel.name ?? channel.channelId, platform: speaker.t(`common.platforms.${channel.platform}`) });
}

/** "4", "modul 4", "module 4" → 4; anything else → undefined. */
export function moduleNumberOf(translator: Translator, args: string): number | undefined {
  const typed = args.trim().replace(/\s+/g, ' ').toLowerCase();
  const words = wordsInAnyLocale(translator, 'common.words.module');
  const number = words.reduce((rest, word) => (rest.startsWith(`${word} `) ? rest.slice(word.length + 1) : rest), typed);
  return /^\d{1,2}$/.test(number) ? Number(number) : undefined;
}

/** A moment in the session's zone and language ("tis 23 mars kl. 08:00"). */
export const when = (session: Pick<Session, 'zone' | 'locale'>, at: Date): string => formatMoment(at, session.zone, session.locale);

/** A day in the session's zone and language. */
export const day = (session: Pick<Session, 'zone' | 'locale'>, at: Date): string => formatDay(at, session.zone, session.locale);

/**
 * Why a message was not delivered, in words: a neutral failure kind worded for whom it
 * was meant (a person or a channel), or one of kohort's own reasons; else as it is.
 */
export function reasonText(session: Pick<Session, 't' | 'translator'>, reason: string, target: 'person' | 'channel' = 'person'): string {
  for (const key of [`common.reasons.${target}.${reason}`, `common.reasons.${reason}`]) if (session.translator.has(key)) return session.t(key);
  return reason;
}
