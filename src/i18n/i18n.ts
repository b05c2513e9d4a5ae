// Every user-facing text lives in prompts/<locale>/<area>.yaml. Keys are "<area>.<key>"
// (nested YAML keys are joined with dots); placeholders are written {name}. Read with js-yaml,
// which parses them five times faster than `yaml` (the programs' parser, kept there for its
// line numbers in error messages): every start reads them all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { fromRoot } from '../project-root.js';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

export const PROMPTS_DIR = fromRoot('prompts');

/** A text, or a list of words people may type (command words, "hoppa över"). */
export type Catalog = Map<string, string | readonly string[]>;
export type Params = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Maps a platform locale such as "sv-SE" or "en_US" to one kohort speaks, if any. */
export function localeFromPlatform(value: string | undefined): Locale | undefined {
  const base = value?.toLowerCase().split(/[-_]/)[0];
  return isLocale(base) ? base : undefined;
}

export function loadCatalog(dir: string): Catalog {
  const catalog: Catalog = new Map();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const area = path.basename(file, '.yaml');
    flatten(area, load(readFileSync(path.join(dir, file), 'utf8')), catalog);
  }
  return catalog;
}

function flatten(prefix: string, value: unknown, into: Catalog): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
  } else if (Array.isArray(value)) {
    if (!value.every((word) => typeof word === 'string' && word.length > 0)) throw new Error(`prompt ${prefix}: a word list holds words only`);
    into.set(prefix, value as string[]);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, into);
  } else {
    throw new Error(`prompt ${prefix} must be text`);
  }
}

export function placeholders(template: string | readonly string[]): string[] {
  const text = typeof template === 'string' ? template : template.join(' ');
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

export interface Translator {
  t(locale: Locale, key: string, params?: Params): string;
  has(key: string): boolean;
  /** A word list ("commands.words.help"), lower-case, in one language. */
  words(locale: Locale, key: string): readonly string[];
  /** Every text under "<prefix>." for a locale, keyed without the prefix. */
  section(locale: Locale, prefix: string): Record<string, string>;
}

/** The plural form a number takes in a language ("one", "other"), as the Unicode CLDR says: "1 påminnelse", "2 påminnelser". */
const PLURALS: Record<Locale, Intl.PluralRules> = { sv: new Intl.PluralRules('sv'), en: new Intl.PluralRules('en') };

export function createTranslator(catalogs: Record<Locale, Catalog>): Translator {
  const lookup = (locale: Locale, key: string) => catalogs[locale].get(key) ?? catalogs[DEFAULT_LOCALE].get(key);
  return {
    t(locale, key, params = {}) {
      // A text that depends on a number has its forms under the key: "<key>.one", "<key>.other", chosen by params.count.
      let template = lookup(locale, key);
      if (template === undefined && typeof params.count === 'number') template = lookup(locale, `${key}.${PLURALS[locale].select(params.count)}`) ?? lookup(locale, `${key}.other`);
      if (template === undefined) throw new Error(`missing prompt: ${key}`);
      if (typeof template !== 'string') throw new Error(`prompt ${key} is a word list, not a text`);
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
    },
    has: (key) => catalogs[DEFAULT_LOCALE].has(key) || catalogs[DEFAULT_LOCALE].has(`${key}.other`),
    words(locale, key) {
      const list = catalogs[locale].get(key) ?? catalogs[DEFAULT_LOCALE].get(key);
      if (list === undefined) throw new Error(`missing prompt: ${key}`);
      if (typeof list === 'string') throw new Error(`prompt ${key} is a text, not a word list`);
      return list.map((word) => word.normalize('NFC').toLowerCase());
    },
    section(locale, prefix) {
      const start = `${prefix}.`;
      return Object.fromEntries([...catalogs[locale].entries()].flatMap(([key, text]) => (key.startsWith(start) && typeof text === 'string' ? [[key.slice(start.length), text]] : [])));
    },
  };
}

/** The words of a list in every language kohort speaks: people type either, whatever their setting. */
export function wordsInAnyLocale(translator: Translator, key: string): string[] {
  return [...new Set(LOCALES.flatMap((locale) => translator.words(locale, key)))];
}

export function loadTranslator(dir = PROMPTS_DIR): Translator {
  return createTranslator({ sv: loadCatalog(path.join(dir, 'sv')), en: loadCatalog(path.join(dir, 'en')) });
}
