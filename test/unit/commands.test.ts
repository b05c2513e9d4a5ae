import { describe, expect, it } from 'vitest';
import { commandVocabulary } from '../../src/application/commands.js';
import { loadTranslator } from '../../src/i18n/i18n.js';

const { parse: parseCommand } = commandVocabulary(loadTranslator());

describe('command parsing', () => {
  it.each([
    ['hjälp', { id: 'help', args: '', spokenLocale: 'sv' }],
    ['  HELP ', { id: 'help', args: '', spokenLocale: 'en' }],
    ['/kohort status', { id: 'status', args: '', spokenLocale: 'sv' }],
    ['språk en', { id: 'language', args: 'en', spokenLocale: 'sv' }],
    ['language   sv', { id: 'language', args: 'sv', spokenLocale: 'en' }],
    ['gå med Digi-2026', { id: 'join', args: 'Digi-2026', spokenLocale: 'sv' }],
    ['join DIGI-2026', { id: 'join', args: 'DIGI-2026', spokenLocale: 'en' }],
    // A command alone, ended as a sentence is.
    ['Hjälp!', { id: 'help', args: '', spokenLocale: 'sv' }],
    ['hjälp ?!', { id: 'help', args: '', spokenLocale: 'sv' }],
    ['Progress.', { id: 'progress', args: '', spokenLocale: 'en' }],
    // The words after a command are the person's own, punctuation included.
    ['sluta skriva långa mejl.', { id: 'stop_doing', args: 'skriva långa mejl.', spokenLocale: 'sv' }],
  ])('reads %j', (input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });

  it.each(['hej', 'helpme', 'gå', 'statusrapport', '', '!', 'hjälp!mig'])('does not take %j for a command', (input) => {
    expect(parseCommand(input)).toBeUndefined();
  });
});
