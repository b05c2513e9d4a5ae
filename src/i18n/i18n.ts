// Every user-facing text lives in prompts/<locale>/<area>.yaml. Keys are "<area>.<key>"
// (nested YAML keys are joined with dots); placeholders are written {name}.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const LOCALES = ['sv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

export const PROMPTS_DIR = fileURLToPath(new URL('../../prompts', import.meta.url));

export type Catalog = Map<string, string>;
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
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const area = path.basename(file, '.yaml');
    flatten(area, parse(readFileSync(path.join(dir, file), 'utf8')), catalog);
  }
  return catalog;
}

function flatten(prefix: string, value: unknown, into: Catalog): void {
  if (typeof value === 'string') {
    into.set(prefix, value);
  } else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) flatten(`${prefix}.${key}`, inner, into);
  } else {
    throw new Error(`prompt ${prefix} must be text`);
  }
}

export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string).sort();
}

export interface Translator {
  t(locale: Locale, key: string, params?: Params): string;
  has(key: string): boolean;
  /** Every text under "<prefix>." for a locale, keyed without the prefix. */
  section(locale: Locale, prefix: string): Record<string, string>;
}

export function createTranslator(catalogs: Record<Locale, Catalog>): Translator {
  return {
    t(locale, key, params = {}) {
      const template = catalogs[locale].get(key) ?? catalogs[DEFAULT_LOCALE].get(key);
      if (template === undefined) throw new Error(`missing prompt: ${key}`);
      return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
        params[name] === undefined ? whole : String(params[name]),
      );
    },
    has: (key) => catalogs[DEFAULT_LOCALE].has(key),
    section(locale, prefix) {
      const start = `${prefix}.`;
      return Object.fromEntries(
        [...catalogs[locale].entries()].filter(([key]) => key.startsWith(start)).map(([key, text]) => [key.slice(start.length), text]),
      );
    },
  };
}

export function loadTranslator(dir = PROMPTS_DIR): Translator {
  return createTranslator({ sv: loadCatalog(path.join(dir, 'sv')), en: loadCatalog(path.join(dir, 'en')) });
}
