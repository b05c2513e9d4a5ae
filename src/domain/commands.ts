// Chat commands, recognised in Swedish and English whatever the person's locale.
// Help texts are generated from this registry, so help only ever lists commands
// that exist and that the person's roles allow.
import type { Locale } from '../i18n/i18n.js';
import type { Capability } from './roles.js';

export type CommandId = 'help' | 'status' | 'language' | 'join' | 'pause' | 'progress' | 'maturity' | 'maturity_results' | 'maturity_export' | 'stop_doing' | 'team' | 'commitments' | 'commitments_export' | 'summarize' | 'broadcast';

export interface CommandDefinition {
  id: CommandId;
  capability: Capability;
  /** Words that start the command; the first of each locale is shown in help. */
  words: Record<Locale, string[]>;
  /** Shown after the word in help, e.g. "KOD"; a prompt key under commands.args. */
  argumentKey?: string;
  /** Only offered to people in no cohort yet (a member has nothing to join). */
  visitorsOnly?: boolean;
}

export const COMMANDS: readonly CommandDefinition[] = [
  { id: 'help', capability: 'help', words: { sv: ['hjälp', 'hjalp', '?'], en: ['help'] } },
  { id: 'status', capability: 'status', words: { sv: ['status', 'läge'], en: ['status'] } },
  { id: 'language', capability: 'language', words: { sv: ['språk', 'sprak'], en: ['language', 'lang'] }, argumentKey: 'language' },
  { id: 'pause', capability: 'pause_reminders', words: { sv: ['paus', 'pausa'], en: ['pause'] }, argumentKey: 'pause' },
  { id: 'maturity', capability: 'maturity_test', words: { sv: ['mognadstest', 'test'], en: ['maturity test', 'test'] } },
  { id: 'stop_doing', capability: 'stop_doing', words: { sv: ['sluta göra', 'sluta'], en: ['stop-doing', 'stop doing'] }, argumentKey: 'stop_doing' },
  { id: 'team', capability: 'view_team', words: { sv: ['mitt team', 'team'], en: ['my team', 'team'] } },
  { id: 'commitments', capability: 'view_cohort', words: { sv: ['åtaganden', 'beslut'], en: ['commitments'] } },
  { id: 'commitments_export', capability: 'export_cohort', words: { sv: ['beslutsexport'], en: ['commitments export'] } },
  { id: 'maturity_results', capability: 'view_cohort', words: { sv: ['mognadsresultat'], en: ['maturity results'] } },
  { id: 'maturity_export', capability: 'export_cohort', words: { sv: ['mognadsexport'], en: ['maturity export'] } },
  { id: 'broadcast', capability: 'broadcast', words: { sv: ['utskick'], en: ['broadcast'] }, argumentKey: 'broadcast' },
  { id: 'summarize', capability: 'summarize', words: { sv: ['sammanfatta', 'sammanfattning'], en: ['summarize', 'summarise', 'summary'] }, argumentKey: 'module' },
  { id: 'progress', capability: 'view_cohort', words: { sv: ['uppföljning', 'uppfoljning'], en: ['progress'] } },
  { id: 'join', capability: 'join', words: { sv: ['gå med', 'ga med'], en: ['join'] }, argumentKey: 'code', visitorsOnly: true },
];

export interface ParsedCommand {
  id: CommandId;
  args: string;
  /** The language of the word the person used: a hint for people with no stored locale. */
  spokenLocale: Locale;
}

export function parseCommand(input: string): ParsedCommand | undefined {
  const text = normalise(input);
  let best: (ParsedCommand & { length: number }) | undefined;
  for (const command of COMMANDS) {
    for (const locale of ['sv', 'en'] as const) {
      for (const word of command.words[locale]) {
        const matches = text === word || text.startsWith(`${word} `);
        if (matches && (!best || word.length > best.length)) {
          best = { id: command.id, args: text.slice(word.length).trim(), spokenLocale: locale, length: word.length };
        }
      }
    }
  }
  if (!best) return undefined;
  const { length: _ignored, ...parsed } = best;
  // Arguments keep their original case (join codes are case-insensitive anyway).
  return { ...parsed, args: originalArgs(input, parsed.args) };
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
