// Data rights in chat (issue 16), as the walk: Erik records a decision, answers part
// of the test and asks for `mina data`; the file holds all of it and nothing of anyone else.
// Then `glöm mig`, confirmed: no table, no stored program file and no export holds his name,
// identity or words; the facilitator's views work for the others; the next import of the
// same file does not bring him back and says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FORGET_CONFIRM } from '../../src/features/privacy/controls.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import type { TestDatabase } from '../helpers/database.js';
import type { FakeClock } from '../helpers/fake-clock.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { messageFrom } from '../helpers/recording-adapter.js';
import { demoCohort, importFixture, type servicesFor } from '../helpers/services.js';
import { everyRowAsText } from '../helpers/table-dump.js';

const ERIK = 'demo-host/erik';
const ANNA = 'demo-host/anna';
const SARA = 'demo-host/sara';
const ERIK_DECISION = 'Sluta skriva veckobrev som ingen läser';
const ERIK_WORDS = 'Jag vill att biblioteket vågar mer digitalt';
const ANNA_DECISION = 'Sluta med möten utan dagordning';
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;
let erik: string;

beforeEach(async () => {
  ({ db, clock, wiring } = await demoCohort());
  erik = (await db.prisma.participant.findFirstOrThrow({ where: { key: 'erik' } })).id;
});
afterEach(async () => db.close());

const { say, press, last } = routerChat(() => wiring);

/** Erik's traces in the walk, and Anna's decision beside them. */
async function erikUsesKohort(): Promise<void> {
  await say(ANNA, `sluta ${ANNA_DECISION}`);
  await say(ERIK, `sluta ${ERIK_DECISION}`);
  await say(ERIK, 'mognadstest');
  await say(ERIK, '4');
  await say(ERIK, 'hoppa över');
  await say(ERIK, '2');
  await db.prisma.reflection.create({
    data: {
      participantId: erik,
      preparationId: (await db.prisma.preparation.findFirstOrThrow({ where: { kind: 'reflection' } })).id,
      questionKey: 'q1',
      answer: ERIK_WORDS,
      quoteAllowed: true,
      createdAt: clock.now(),
    },
  });
}

/** The file behind the link in the last answer. */
async function downloaded(): Promise<{ id: string; text: string; expiresAt: Date }> {
  const link = last().blocks.find((b) => b.type === 'links');
  if (link?.type !== 'links') throw new Error(`no link in: ${toPlainText(last())}`);
  const id = link.links[0]!.url.split('/exports/')[1]!;
  const row = await db.prisma.export.findUniqueOrThrow({ where: { id } });
  return { id, text: Buffer.from(row.content).toString('utf8'), expiresAt: row.expiresAt };
}

describe('mina data', () => {
  it('gives a link in the direct conversation to one JSON file with everything about Erik and nothing of anyone else, valid 24 hours', async () => {
    await erikUsesKohort();
    const reply = await say(ERIK, 'mina data');
    expect(reply).toContain('1 beslut');
    expect(reply).toContain('2 svar');
    expect(reply).toContain('överhoppade frågor: 1');
    const { text, expiresAt } = await downloaded();
    expect(expiresAt.getTime() - clock.now().getTime()).toBe(24 * 3600_000);
    const file = JSON.parse(text);
    expect(file.person).toMatchObject({ key: 'erik', name: 'Erik Nyström' });
    expect(file.identities).toContainEqual(expect.objectContaining({ platform: 'local', id: ERIK }));
    expect(file.roles).toEqual(['participant']);
    expect(file.commitments.map((c: { text: string }) => c.text)).toEqual([ERIK_DECISION]);
    expect(file.maturity[0].answers).toEqual([
      expect.objectContaining({ skipped: false, value: 4 }),
      expect.objectContaining({ skipped: true }),
      expect.objectContaining({ skipped: false, value: 2 }),
    ]);
    expect(file.reflections).toEqual([expect.objectContaining({ answer: ERIK_WORDS, quoteAllowed: true })]);
    expect(file.completions.map((c: { preparation: string }) => c.preparation)).toContain('sluta-gora');
    expect(file.messages.length).toBeGreaterThan(0);
    expect(file.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['commitment.created', 'maturity.started']));
    expect(file.programEntry).toMatchObject({ key: 'erik', name: 'Erik Nyström' });
    // Nothing of anyone else: not Anna's name, identity, decision or id.
    const anna = await db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } });
    for (const other of ['Anna', 'demo-host/anna', ANNA_DECISION, anna.id, 'Sara']) expect(text).not.toContain(other);
  });

  it('gives no link in a channel: the link is for the person alone', async () => {
    await wiring.route(messageFrom(ERIK, 'mina data', { conversation: { platform: 'local', key: 'channel:kohorten', kind: 'channel', reference: {} } }));
    expect(toPlainText(last())).toContain('direktmeddelande');
    expect(last().blocks.some((b) => b.type === 'links')).toBe(false);
    expect(await db.prisma.export.count()).toBe(0);
  });

  it('is also there in English', async () => {
    await say(ERIK, 'språk en');
    expect(await say(ERIK, 'my data')).toContain('The link works for 24 hours');
  });
});

describe('glöm mig', () => {
  it('says what is erased and what stays, and asks first', async () => {
    const reply = await say(ERIK, 'glöm mig');
    expect(reply).toContain('redan har visats i kanalerna');
    expect(buttonOf(last(), 'Ja, radera mig').style).toBe('danger');
    await press(ERIK, buttonOf(last(), 'Avbryt'));
    expect(await db.prisma.participant.count({ where: { id: erik } })).toBe(1);
  });

  it('erases Erik from every table, the program file and the exports; facilitators are told without his name; the next import says he stays erased', async () => {
    await erikUsesKohort();
    await say(ERIK, 'mina data');
    await say(SARA, 'beslutsexport');
    await say(ANNA, 'mina data');
    const annasFile = (await downloaded()).id;
    // Erik is the first to write in the cohort's channel: kohort remembers the channel with him.
    const channel = { platform: 'local' as const, key: 'channel:kohorten', kind: 'channel' as const, reference: { conversation: 'channel:kohorten' } };
    await wiring.route(messageFrom(ERIK, 'status', { conversation: channel }));
    expect((await db.prisma.conversationReference.findFirstOrThrow({ where: { key: 'channel:kohorten' } })).participantId).toBe(erik);
    const before = await everyRowAsText(db.prisma);
    expect(before).toContain('Erik Nyström');

    await say(ERIK, 'glöm mig');
    expect(await press(ERIK, buttonOf(last(), 'Ja, radera mig'))).toContain('raderat');

    const after = await everyRowAsText(db.prisma);
    for (const trace of ['Erik', 'Nyström', ERIK, erik, ERIK_DECISION, ERIK_WORDS]) expect(after).not.toContain(trace);
    // Anna's data is untouched.
    expect(after).toContain(ANNA_DECISION);
    // Of the downloads, only Anna's own file stays: it holds nothing of his.
    expect((await db.prisma.export.findMany()).map((e) => e.id)).toEqual([annasFile]);
    // The channel stays kohort's way in for everyone else.
    expect(await db.prisma.conversationReference.findFirstOrThrow({ where: { key: 'channel:kohorten' } })).toMatchObject({ participantId: null });
    const program = await db.prisma.program.findFirstOrThrow();
    expect(JSON.stringify(program.source)).toContain('Anna Lindqvist');

    const audit = await db.prisma.auditLog.findFirstOrThrow({ where: { action: 'person.erased' } });
    expect(audit.actorId).toBeNull();
    expect(audit.subject).toBeNull();
    expect(audit.detail).toMatchObject({ cause: 'self', rows: expect.objectContaining({ commitments: 1 }) });

    const sara = await db.prisma.participant.findFirstOrThrow({ where: { key: 'sara' } });
    const notice = await db.prisma.outboundMessage.findFirstOrThrow({ where: { kind: 'notice', participantId: sara.id } });
    await wiring.worker().tick();
    expect((await db.prisma.outboundMessage.findUniqueOrThrow({ where: { id: notice.id } })).status).toBe('sent');
    const told = wiring.adapter.sent.map((s) => toPlainText(s.message)).find((t) => t.includes('raderats på egen begäran'));
    expect(told).toBeDefined();
    expect(told).not.toContain('Erik');

    // The facilitator's views still work, for the others.
    const progress = await say(SARA, 'uppföljning');
    expect(progress).not.toContain('Erik');
    expect(progress).toMatch(/: \d av 4 klara/);

    // The same file again: Erik is not created, and the report says why.
    const report = await importFixture(db, 'programs/digitalt-forst.yaml', clock.now());
    expect(report.erasedOnRequest).toEqual(['demo-host/erik']);
    expect(await db.prisma.participant.count({ where: { key: 'erik' } })).toBe(0);
    expect(await everyRowAsText(db.prisma)).not.toContain('Nyström');
    // He is a visitor now: writing again finds no one.
    expect(await say(ERIK, 'status')).toContain('gå med');
  });

  it('never erases someone else: a confirmation button for Erik pressed by Anna changes nothing', async () => {
    await say(ERIK, 'glöm mig');
    const forged = FORGET_CONFIRM.button('Ja', { participantId: erik });
    expect(await press(ANNA, forged)).toContain('bara radera dig själv');
    expect(await db.prisma.participant.count({ where: { id: erik } })).toBe(1);
    expect(await db.prisma.participant.count({ where: { key: 'anna' } })).toBe(1);
  });
});

describe('integritet', () => {
  it('tells who is responsible, what is kept and why, who sees what, for how long, the rights and the two commands', async () => {
    const reply = await say(ERIK, 'integritet');
    for (const part of ['Personuppgiftsansvarig', 'Region Exempel', 'dataskydd@example.se', 'bara du', 'minst 3', '365 dagar', 'mina data', 'glöm mig', 'IMY']) expect(reply).toContain(part);
  });

  it('comes once when the first thing a person asks for is the notice itself', async () => {
    const reply = await say(ERIK, 'integritet');
    expect(reply.split('Personuppgiftsansvarig')).toHaveLength(2);
  });

  it('comes with the first message a person gets, once', async () => {
    // In the answer's own message, after the answer.
    const first = await say(ERIK, 'status');
    expect(first.indexOf('Närmaste deadlines')).toBeGreaterThanOrEqual(0);
    expect(first.indexOf('Personuppgiftsansvarig')).toBeGreaterThan(first.indexOf('Närmaste deadlines'));
    const sent = wiring.adapter.sent.length;
    await say(ERIK, 'status');
    expect(
      wiring.adapter.sent
        .slice(sent)
        .map((s) => toPlainText(s.message))
        .join('\n'),
    ).not.toContain('Personuppgiftsansvarig');
  });

  it('comes with the first reminder when kohort writes first', async () => {
    const johan = await db.prisma.participant.findFirstOrThrow({ where: { key: 'johan' } });
    const first = await db.prisma.outboundMessage.findFirstOrThrow({ where: { participantId: johan.id, status: 'pending' }, orderBy: { dueAt: 'asc' } });
    clock.set(first.dueAt);
    await wiring.worker().tick();
    clock.set(new Date(first.dueAt.getTime() + 7 * 24 * 3600_000));
    await wiring.worker().tick();
    const toJohan = wiring.adapter.sent.filter((s) => s.conversation === 'dm:demo-host/johan').map((s) => toPlainText(s.message));
    expect(toJohan.length).toBeGreaterThan(1);
    expect(toJohan.filter((t) => t.includes('Personuppgiftsansvarig'))).toHaveLength(1);
  });
});
