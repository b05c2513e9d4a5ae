// Chat commands: their ids (the one list a new command adds a line to; its order is the
// order help lists them in) and how typed text becomes a command. The words people type
// live in prompts/<locale>/commands.yaml; both languages' words work for everyone.
import { LOCALES, type Locale, type Translator } from '../i18n/i18n.js';

export const COMMAND_IDS = [
  'help',
  'status',
  'done',
  'language',
  'pause',
  'maturity',
  'stop_doing',
  'team',
  'commitments',
  'commitments_export',
  'maturity_results',
  'maturity_export',
  'broadcast',
  'summarize',
  'progress',
  'join',
  'privacy',
  'my_data',
  'forget_me',
  'console',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

export const isCommandId = (value: string): value is CommandId => (COMMAND_IDS as readonly string[]).includes(value);

export interface ParsedCommand {
  id: CommandId;
  args: string;
  /** The language of the word the person typed: a hint for people with no stored locale (none for a button). */
  spokenLocale?: Locale;
}

export interface CommandVocabulary {
  parse(input: string): ParsedCommand | undefined;
  /** The word help shows for a command in a language (the first of its list). */
  wordFor(id: CommandId, locale: Locale): string;
}

export function commandVocabulary(translator: Translator): CommandVocabulary {
  const words = COMMAND_IDS.flatMap((id) => LOCALES.flatMap((locale) => translator.words(locale, `commands.words.${id}`).map((word) => ({ id, locale, word }))));
  return {
    wordFor: (id, locale) => translator.words(locale, `commands.words.${id}`)[0] ?? id,
    parse(input) {
      const text = normalise(input);
      // "Hjälp!", "status?": a command alone is understood with the punctuation people end a sentence with.
      const bare = text.replace(/[\s!?.,;:…]+$/u, '');
      let best: { id: CommandId; locale: Locale; word: string } | undefined;
      for (const candidate of words) {
        const matches = text === candidate.word || bare === candidate.word || text.startsWith(`${candidate.word} `);
        if (matches && (!best || candidate.word.length > best.word.length)) best = candidate;
      }
      if (!best) return undefined;
      if (bare === best.word) return { id: best.id, args: '', spokenLocale: best.locale };
      // Arguments keep their original case (join codes are case-insensitive anyway).
      return { id: best.id, args: originalArgs(input, text.slice(best.word.length).trim()), spokenLocale: best.locale };
    },
  };
}

function normalise(input: string): string {
  return input
    .normalize('NFC')
    .trim()
    .replace(/^\/?kohort\s+/i, '')
    .replace(/^\//, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function originalArgs(input: string, lowered: string): string {
  if (!lowered) return '';
  const collapsed = input.normalize('NFC').trim().replace(/\s+/g, ' ');
  return collapsed.slice(collapsed.length - lowered.length);
}
