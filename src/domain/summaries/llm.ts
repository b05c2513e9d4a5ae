// The optional language-model digest as the core sees it. It is given only the answers
// their owners allowed to be quoted; anything it cannot do (not configured, refused, slow)
// is `undefined`, and the summary falls back to the plain digest.
import type { Locale } from '../../i18n/i18n.js';

export interface DigestRequest {
  locale: Locale;
  moduleTitle: string;
  questions: { question: string; quotes: string[] }[];
}

export interface DigestWriter {
  write(request: DigestRequest): Promise<string | undefined>;
}
