// Program content in more than one language. A text in a program file is written once
// ("Läs kapitel 1") or per language ({ sv: "Läs kapitel 1", en: "Read chapter 1" }); the
// program's own language is stored as the text itself and the others as its translations,
// so a person reads their language where the facilitator wrote it, else the program's.
import type { Locale } from '../../i18n/i18n.js';

export type LocalizedText = string | Partial<Record<Locale, string>>;

/** Per language, the translated fields of one row: { en: { title: "…", details: "…" } }. */
export type Translations = Partial<Record<Locale, Record<string, unknown>>>;

/** The text in the program's language (validation makes sure a per-language text has it). */
export function programText(value: LocalizedText, programLocale: Locale): string;
export function programText(value: LocalizedText | undefined, programLocale: Locale): string | undefined;
export function programText(value: LocalizedText | undefined, programLocale: Locale): string | undefined {
  return typeof value === 'object' ? value[programLocale] : value;
}

/** The texts of these fields in the languages other than the program's, for the row's `translations`. */
export function translationsOf(fields: Record<string, LocalizedText | LocalizedText[] | undefined>, programLocale: Locale): Translations {
  const out: Translations = {};
  for (const [field, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    for (const locale of new Set(values.flatMap((v) => (v && typeof v === 'object' ? (Object.keys(v) as Locale[]) : [])))) {
      if (locale === programLocale) continue;
      // A list (reflection questions) is translated as a whole; a question not translated keeps the program's words.
      const translated = values.map((v) => (v && typeof v === 'object' ? (v[locale] ?? v[programLocale]) : v));
      (out[locale] ??= {})[field] = Array.isArray(value) ? translated : translated[0];
    }
  }
  return out;
}

/** A row's field in the reader's language where it was translated, else as stored. */
export function inLocale<T>(stored: T, translations: unknown, locale: Locale | undefined, field: string): T {
  if (!locale || !translations || typeof translations !== 'object') return stored;
  const translated = (translations as Translations)[locale]?.[field];
  return translated === undefined ? stored : (translated as T);
}
