// The plain reflection digest: per question, how many of the group answered, the answers
// their owners allowed to be quoted (anonymously, shortened), and the most frequent themes.
// A theme is a word that at least two different people used, so no single person's
// answer can be read out of it.
import stopword from 'stopword';

export interface ReflectionAnswer {
  participantId: string;
  answer: string;
  quoteAllowed: boolean;
}

export interface QuestionDigest {
  question: string;
  answered: number;
  of: number;
  quotes: string[];
  themes: string[];
  /** Quotes and themes were held back: fewer people answered than the privacy threshold. */
  withheld: boolean;
}

export const MAX_QUOTES = 3;
export const QUOTE_CHARS = 280;
const MIN_THEME_PEOPLE = 2;
const MAX_THEMES = 3;
const MIN_WORD = 4;

const STOPWORDS = new Set([...stopword.swe, ...stopword.eng]);

/**
 * Quotes and recurring words only where at least `minGroupSize` people answered the
 * question: the only answer, even anonymous, is known by everyone to be its writer's.
 */
export function digestQuestion(question: string, answers: ReflectionAnswer[], memberCount: number, minGroupSize: number): QuestionDigest {
  const people = new Set(answers.map((a) => a.participantId)).size;
  if (people < minGroupSize) return { question, answered: answers.length, of: memberCount, quotes: [], themes: [], withheld: answers.length > 0 };
  const quotes = answers
    .filter((a) => a.quoteAllowed)
    .slice(0, MAX_QUOTES)
    .map((a) => shorten(a.answer.replace(/\s+/g, ' ').trim(), QUOTE_CHARS));
  return { question, answered: answers.length, of: memberCount, quotes, themes: themes(answers, question), withheld: false };
}

/** Words (not stopwords, not the question's own) used by at least two people, most used first. */
export function themes(answers: Pick<ReflectionAnswer, 'participantId' | 'answer'>[], question = ''): string[] {
  const ignored = new Set(words(question));
  const people = new Map<string, Set<string>>();
  for (const { participantId, answer } of answers) {
    for (const word of new Set(words(answer))) {
      if (ignored.has(word)) continue;
      const users = people.get(word) ?? new Set<string>();
      users.add(participantId);
      people.set(word, users);
    }
  }
  return [...people]
    .filter(([, users]) => users.size >= MIN_THEME_PEOPLE)
    .sort(([a, x], [b, y]) => y.size - x.size || a.localeCompare(b, 'sv'))
    .slice(0, MAX_THEMES)
    .map(([word]) => word);
}

function words(text: string): string[] {
  return (text.toLocaleLowerCase('sv').match(/[\p{L}][\p{L}\p{N}-]*/gu) ?? []).filter((w) => [...w].length >= MIN_WORD && !STOPWORDS.has(w));
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}
