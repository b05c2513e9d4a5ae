// Dates as people read them, in the program's time zone and the person's language.
// Luxon's Intl-backed formatting gives Swedish and English weekday and month names.
import { DateTime } from 'luxon';
import type { Locale } from './i18n.js';

const INTL: Record<Locale, string> = { sv: 'sv-SE', en: 'en-GB' };

/** "tis 24 nov kl. 09:00" / "Tue 24 Nov, 09:00" */
export function formatMoment(at: Date, zone: string, locale: Locale): string {
  const local = DateTime.fromJSDate(at, { zone }).setLocale(INTL[locale]);
  return locale === 'sv' ? local.toFormat("ccc d LLL 'kl.' HH:mm") : local.toFormat('ccc d LLL, HH:mm');
}

/** "tis 1 dec" / "Tue 1 Dec" */
export function formatDay(at: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(at, { zone }).setLocale(INTL[locale]).toFormat('ccc d LLL');
}
