// A person in the playground over real HTTP, as the web page talks to kohort: post a
// message, a click or a form to /playground/api/inbound, read the transcript back.
import { expect } from 'vitest';
import type { TranscriptEntry } from '../../adapters/local/transcript.js';
import type { Button } from '../../src/ui/model.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf } from './chat.js';

/** Demo-cohort people are addressed by key: "anna" is demo-host/anna. */
const as = (who: string) => `demo-host/${who}`;

export async function postInbound(url: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(res.status).toBe(200);
}

/** What kohort has said to the person so far, oldest first. */
export async function botEntries(url: string, who: string): Promise<TranscriptEntry[]> {
  return botEntriesOf(url, as(who));
}

/** The same for a person of any cohort, by their full playground id ("norr/fanny"). */
export async function botEntriesOf(url: string, personId: string): Promise<TranscriptEntry[]> {
  const res = await fetch(`${url}/playground/api/conversations/${encodeURIComponent(personId)}/messages`);
  return ((await res.json()) as { messages: TranscriptEntry[] }).messages.filter((m) => m.from === 'bot');
}

/** Every text block kohort sent the person, in one string (for "did it arrive"). */
export async function botTextsOf(url: string, personId: string): Promise<string> {
  return (await botEntriesOf(url, personId)).flatMap((m) => m.message?.blocks.map((b) => ('text' in b ? (b.text ?? '') : '')) ?? []).join('\n');
}

/**
 * `personId` types `text`; kohort's last answer as its text blocks and the first link it
 * carries (the console's sign-in link, for `panel`).
 */
export async function sayForLink(url: string, personId: string, text: string): Promise<{ text: string; link?: string }> {
  await postInbound(url, { as: personId, kind: 'message', text });
  const blocks = (await botEntriesOf(url, personId)).at(-1)?.message?.blocks ?? [];
  const link = blocks.flatMap((b) => (b.type === 'links' ? b.links : []))[0]?.url;
  return { text: blocks.map((b) => ('text' in b ? (b.text ?? '') : '')).join('\n'), link };
}

interface Running {
  url: string;
  kohort: { idle(): Promise<void> };
}

/** `running` is read on every call, so a test may restart kohort. Each action waits until it was handled. */
export function playgroundChat(running: () => Running) {
  const bot = async (who: string) => {
    await running().kohort.idle();
    return botEntries(running().url, who);
  };
  const lastText = async (who: string) => toPlainText((await bot(who)).at(-1)!.message!);
  const post = async (who: string, body: Record<string, unknown>) => {
    await postInbound(running().url, { as: as(who), ...body });
    return lastText(who);
  };
  const press = (who: string, button: Button) => post(who, { kind: 'action', actionId: button.actionId, value: button.value });
  return {
    bot,
    lastBot: async (who: string) => (await bot(who)).at(-1)!,
    lastText,
    say: (who: string, text: string) => post(who, { kind: 'message', text }),
    form: (who: string, formId: string, values: Record<string, string>) => post(who, { kind: 'form', formId, values }),
    press,
    /** Clicks `label` in `entry`, or in the last message kohort sent the person. */
    click: async (who: string, label: string, entry?: TranscriptEntry) => press(who, buttonOf((entry ?? (await bot(who)).at(-1)!).message!, label)),
  };
}
