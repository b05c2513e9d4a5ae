// The language-model digest over any OpenAI-compatible chat-completions API
// (POST {LLM_BASE_URL}/chat/completions). Node's built-in fetch is enough for one JSON
// request; the answer is validated with zod, and a failure, a refusal or a slow answer
// (LLM_TIMEOUT_MS) means "no digest" so the plain one is used.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Logger } from '../core/logger.js';
import type { DigestRequest, DigestWriter } from '../domain/summaries/llm.js';
import type { Locale } from '../i18n/i18n.js';
import { fromRoot } from '../project-root.js';

const TEMPLATE_DIR = `${fromRoot('prompts', 'llm')}/`;
const MAX_WORDS = 120;
/** A digest longer than this is cut: it goes into a chat message, not a report. */
const MAX_CHARS = 1500;

const completion = z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().min(1) }) })).min(1) });

export interface LlmSettings {
  baseUrl: string;
  apiKey: string;
  model: string;
  timeoutMs: number;
}

export function loadTemplate(locale: Locale): string {
  return readFileSync(`${TEMPLATE_DIR}digest.${locale}.md`, 'utf8');
}

/** The prompt: the template with the module and the quotable answers filled in. */
export function digestPrompt(request: DigestRequest, template = loadTemplate(request.locale)): string {
  const answers = request.questions
    .filter((q) => q.quotes.length > 0)
    .map((q) => `## ${q.question}\n${q.quotes.map((a) => `- ${a.replace(/\s+/g, ' ')}`).join('\n')}`)
    .join('\n\n');
  const values: Record<string, string> = { module: request.moduleTitle, maxWords: String(MAX_WORDS), answers };
  // One pass with a function: text from people is never read as a placeholder or a `$&` pattern.
  return template.replace(/\{(module|maxWords|answers)\}/g, (_, name: string) => values[name]!);
}

export function llmDigestWriter(settings: LlmSettings, logger: Logger): DigestWriter {
  const url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  return {
    async write(request) {
      if (!request.questions.some((q) => q.quotes.length > 0)) return undefined;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.apiKey}` },
          body: JSON.stringify({ model: settings.model, temperature: 0.2, messages: [{ role: 'user', content: digestPrompt(request) }] }),
          signal: AbortSignal.timeout(settings.timeoutMs),
        });
        if (!response.ok) {
          logger.warn({ status: response.status }, 'language model refused the digest; the plain digest is used');
          return undefined;
        }
        const parsed = completion.safeParse(await response.json());
        if (!parsed.success) {
          logger.warn('language model answered in an unexpected shape; the plain digest is used');
          return undefined;
        }
        const text = parsed.data.choices[0]!.message.content.trim();
        return text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text || undefined;
      } catch (error) {
        logger.warn({ reason: error instanceof Error ? error.name : 'unknown' }, 'language model digest failed; the plain digest is used');
        return undefined;
      }
    },
  };
}
