// The optional language-model digest, against a local OpenAI-compatible server: it is given
// only the answers their owners allowed to be quoted, and when it fails or is slow the
// plain digest stands in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { llmDigestWriter } from '../../src/gateways/llm-digest.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeLlm } from '../helpers/fake-llm.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { importFixture, servicesFor } from '../helpers/services.js';
import { COUNTED_TEXT, IMPORTED, MODULE_4_SUMMARY, PRIVATE_ANSWERS, QUOTABLE, seedModule4 } from '../helpers/summary-fixture.js';

let db: TestDatabase;
let llm: FakeLlm;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  llm = await new FakeLlm().start();
  db = await freshDatabase();
  clock = new FakeClock(IMPORTED);
  await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
  wiring = servicesFor(db, clock);
  wiring.services.digests = llmDigestWriter({ baseUrl: llm.url, apiKey: 'test-key', model: 'small-model', timeoutMs: 300 }, createLogger('silent'));
  await seedModule4(db, wiring.services, clock.now());
  clock.set(MODULE_4_SUMMARY);
});
afterEach(async () => {
  await db.close();
  await llm.stop();
});

/** Asks for the module-4 summary and returns the thread posted in the group's channel. */
async function groupThread(): Promise<string> {
  wiring.adapter.sent.length = 0;
  await wiring.route(messageFrom('demo-host/sara', 'sammanfatta 4'));
  await wiring.worker('w').tick();
  const posts = wiring.adapter.sent.map((s, i) => ({ ...s, id: String(i + 1) }));
  const main = posts.find((p) => p.conversation === 'channel:grupp-tillganglighet' && !p.threadOf)!;
  return toPlainText(posts.find((p) => p.threadOf === main.id)!.message);
}

describe('language-model digest', () => {
  it('writes the digest from the quotable answers only', async () => {
    llm.behaviour = { reply: 'Gruppen ser kompetensen som den motor som påverkas mest.' };
    const thread = await groupThread();
    expect(thread).toContain('Gruppen ser kompetensen som den motor som påverkas mest.');
    expect(thread).toContain('Sammanfattat av en språkmodell utifrån de svar som får citeras.');
    expect(thread).toContain('3 av 3 har svarat.');

    // One request per channel whose members allowed a quote (the group's and the cohort's).
    expect(llm.requests.length).toBe(2);
    const request = llm.requests[0]!;
    expect(request.path).toBe('/v1/chat/completions');
    expect(request.authorization).toBe('Bearer test-key');
    expect(request.body.model).toBe('small-model');
    const prompt = request.body.messages.map((m) => m.content).join('\n');
    expect(prompt).toContain(QUOTABLE);
    expect(prompt).toContain('Strategiska prioriteringar');
    for (const secret of [...PRIVATE_ANSWERS, COUNTED_TEXT, 'Anna', 'Erik', 'Johan']) expect(prompt).not.toContain(secret);
  });

  it('falls back to the plain digest when the server fails, is slow, or answers nonsense', async () => {
    for (const behaviour of [{ status: 500 }, { hang: true as const }, { reply: '' }]) {
      llm.behaviour = behaviour;
      const thread = await groupThread();
      expect(thread).toContain(`”${QUOTABLE}”`);
      expect(thread).toContain('Återkommande ord: kompetensen, personalen');
      expect(thread).not.toContain('språkmodell');
    }
  });

  it('is not asked when nobody allowed a quote', async () => {
    await db.prisma.reflection.updateMany({ data: { quoteAllowed: false } });
    const thread = await groupThread();
    expect(llm.requests).toEqual([]);
    expect(thread).toContain('3 av 3 har svarat.');
    expect(thread).not.toContain(QUOTABLE);
  });
});
