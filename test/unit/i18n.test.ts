import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMAND_IDS } from '../../src/application/commands.js';
import { ROLES } from '../../src/domain/roles.js';
import { createTranslator, loadCatalog, placeholders, PROMPTS_DIR } from '../../src/i18n/i18n.js';

const sv = loadCatalog(path.join(PROMPTS_DIR, 'sv'));
const en = loadCatalog(path.join(PROMPTS_DIR, 'en'));

describe('prompts', () => {
  it('holds the same files in both languages', () => {
    const files = (dir: string) => readdirSync(path.join(PROMPTS_DIR, dir)).sort();
    expect(files('sv')).toEqual(files('en'));
  });

  it('has the same keys in Swedish and English', () => {
    expect([...sv.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('uses the same placeholders in both languages for every key', () => {
    const mismatches = [...sv.entries()].filter(([key, text]) => JSON.stringify(placeholders(text)) !== JSON.stringify(placeholders(en.get(key) ?? ''))).map(([key]) => key);
    expect(mismatches).toEqual([]);
  });

  it('has a description for every command and a name for every role', () => {
    for (const id of COMMAND_IDS) expect(sv.has(`commands.${id}`), id).toBe(true);
    for (const role of ROLES) expect(sv.has(`common.roles.${role}`), role).toBe(true);
  });

  it('gives a whole section of texts, keyed without its prefix', () => {
    const t = createTranslator({
      sv: new Map([
        ['p.a', 'A'],
        ['p.b', 'B'],
        ['q.a', 'no'],
      ]),
      en: new Map([['p.a', 'A-en']]),
    });
    expect(t.section('sv', 'p')).toEqual({ a: 'A', b: 'B' });
    expect(t.section('en', 'p')).toEqual({ a: 'A-en' });
  });

  it('fills placeholders and falls back to Swedish, the default', () => {
    const t = createTranslator({ sv: new Map([['a.b', 'Hej {name}']]), en: new Map() });
    expect(t.t('en', 'a.b', { name: 'Ada' })).toBe('Hej Ada');
    expect(() => t.t('sv', 'a.missing')).toThrow('missing prompt: a.missing');
  });
});
