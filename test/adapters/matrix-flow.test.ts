// kohort on Matrix end to end: the real composition root, matrix-js-sdk syncing with the
// fake homeserver on 127.0.0.1, PGlite. People only type — Matrix has no buttons — and
// every flow works: the maturity test, a reminder marked done, a decision; the summary lands
// in the cohort's room with its long part in a thread; a cohort on Slack, Teams and Matrix
// gets one summary on each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readKohortConfig } from '../../adapters/platforms.js';
import { createLogger } from '../../src/core/logger.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { startKohort } from '../../src/kohort.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { matrixViolations } from '../contract/harness/matrix.js';
import { freshDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { FakeHomeserver, SERVER, type MatrixEventJson } from '../helpers/fake-homeserver.js';
import { FakeSlack } from '../helpers/fake-slack.js';
import { ROOT } from '../helpers/kohort-process.js';
import { addFixtureUsers, SIGNING_SECRET } from '../helpers/slack-kohort.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const ANNA = `@anna:${SERVER}`;
const ERIK = `@erik:${SERVER}`;
const FIA = `@fia:${SERVER}`;
const COHORT_ROOM = `!kohorten:${SERVER}`;

let hs: FakeHomeserver;
let slack: FakeSlack;
let connector: FakeConnector;
let k: Awaited<ReturnType<typeof startTestKohort>>;

beforeEach(async () => {
  hs = await new FakeHomeserver().start();
  slack = await new FakeSlack().start();
  addFixtureUsers(slack);
  connector = await new FakeConnector().start();
  // The cohort's room, made by the facilitator, kohort invited before it starts.
  hs.createRoom(FIA, { id: COHORT_ROOM, others: [ANNA, ERIK], name: 'Matrixkohorten' });
  hs.inviteBot(COHORT_ROOM, FIA);
  k = await startTestKohort({
    program: 'test/fixtures/programs/matrix-cohort.yaml',
    env: {
      MATRIX_HOMESERVER_URL: hs.url,
      MATRIX_ACCESS_TOKEN: hs.token,
      MATRIX_USER_ID: hs.botId,
      SLACK_BOT_TOKEN: 'xoxb-matrix-mixed',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      TEAMS_ALLOW_UNAUTHENTICATED: 'true',
      TEAMS_SERVICE_URL: connector.url,
    },
  });
  hs.now = () => k.clock.now().getTime();
  await hs.waitFor(() => hs.membership(COHORT_ROOM, hs.botId) === 'join', 'kohort joined the cohort room');
});
afterEach(async () => {
  await k.kohort.stop();
  await k.db.close();
  await Promise.all([hs.stop(), slack.stop(), connector.stop()]);
});

/** A person's own direct room with kohort, made in their client (Element marks it is_direct). */
async function directRoom(userId: string, options: { encrypted?: boolean } = {}): Promise<string> {
  const roomId = hs.createRoom(userId, options);
  hs.inviteBot(roomId, userId, true);
  await hs.waitFor(() => hs.membership(roomId, hs.botId) === 'join', 'kohort joined the direct room');
  return roomId;
}

/** Waits until kohort has taken the event in and finished everything it started. */
async function handled(event: MatrixEventJson): Promise<void> {
  await vi.waitFor(async () => expect(await k.db.prisma.processedEvent.count({ where: { platform: 'matrix', eventId: event.event_id } })).toBe(1), { timeout: 10_000, interval: 20 });
  await k.kohort.idle();
}

/** What kohort answered to `text` in the room: the bodies of its new messages. */
async function say(roomId: string, userId: string, text: string): Promise<string> {
  const before = hs.messagesIn(roomId).length;
  await handled(hs.say(roomId, userId, text));
  return hs
    .messagesIn(roomId)
    .slice(before)
    .map((m) => String(m.content.body))
    .join('\n---\n');
}

describe('a participant on Matrix, by typing alone', () => {
  it('takes the maturity test by numbers and words, and the choice made shows on the question', async () => {
    const dm = await directRoom(ANNA);
    let reply = await say(dm, ANNA, 'mognadstest');
    expect(reply).toContain('Fråga 1 av 30');
    expect(reply).toMatch(/1[ .]+Stämmer inte alls/);
    reply = await say(dm, ANNA, 'hoppa över');
    expect(reply).toContain('Fråga 2 av 30');
    for (let question = 2; question <= 30; question += 1) reply = await say(dm, ANNA, String((question % 5) + 1));
    expect(reply).toContain('Klart att skicka in?');
    reply = await say(dm, ANNA, 'skicka in');
    const attempt = await k.db.prisma.questionnaireAttempt.findFirstOrThrow({ include: { answers: true } });
    expect(attempt.submittedAt).not.toBeNull();
    expect(attempt.answers).toHaveLength(30);
    // "hoppa över" skipped the first question; the typed numbers chose scale values.
    expect(attempt.answers.some((a) => a.skipped)).toBe(true);
    expect(attempt.answers.filter((a) => a.scaleValue !== null).length).toBeGreaterThan(25);
    // The results' chart arrived as an uploaded picture after the text bars.
    const images = hs.messagesIn(dm).filter((m) => m.content.msgtype === 'm.image');
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(hs.media.get(String(image.content.url).split('/').at(-1)!)?.contentType).toBe('image/png');
    // Each question, once answered, was edited to show the choice made instead of the numbers.
    const questions = hs.messagesIn(dm).filter((m) => String(m.content.body).includes('Fråga 2 av 30'));
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.every((q) => q.edits === 1 && String(q.content.body).includes('✓') && !String(q.content.body).includes('Stämmer inte alls'))).toBe(true);
    // Every text kohort wrote there is m.text with sanitised HTML, and nobody is mentioned.
    for (const m of hs.messagesIn(dm).filter((x) => x.content.msgtype === 'm.text')) {
      expect(m.content).toMatchObject({ format: 'org.matrix.custom.html', 'm.mentions': {} });
      expect(matrixViolations(m.content)).toEqual([]);
    }
  });

  it('takes a number reacted to the question as the choice, and ignores one reacted to an older message', async () => {
    const dm = await directRoom(ANNA);
    await say(dm, ANNA, 'mognadstest');
    const first = hs.messagesIn(dm).findLast((m) => String(m.content.body).includes('Fråga 1 av 30'))!;
    await handled(hs.react(dm, ANNA, first.eventId, '4\uFE0F\u20E3'));
    expect(String(hs.messagesIn(dm).at(-1)!.content.body)).toContain('Fråga 2 av 30');
    const answers = () => k.db.prisma.questionnaireAnswer.findMany({ orderBy: { answeredAt: 'asc' } });
    expect((await answers()).map((a) => a.scaleValue)).toEqual([4]);
    // The first question's offer is spent: a second number on it changes nothing and says nothing.
    const before = hs.messagesIn(dm).length;
    await handled(hs.react(dm, ANNA, first.eventId, '2\uFE0F\u20E3'));
    expect(hs.messagesIn(dm)).toHaveLength(before);
    expect((await answers()).map((a) => a.scaleValue)).toEqual([4]);
    // Any other reaction is not for kohort.
    const second = hs.messagesIn(dm).at(-1)!;
    hs.react(dm, ANNA, second.eventId, '👍');
    await handled(hs.react(dm, ANNA, second.eventId, '5\uFE0F\u20E3'));
    expect((await answers()).map((a) => a.scaleValue)).toEqual([4, 5]);
  });

  it('marks a reminder done by its number and records a decision by typing it', async () => {
    const dm = await directRoom(ANNA);
    await say(dm, ANNA, 'status');
    await k.kohort.wiring.ports.planning.replan({}, k.clock.now());
    const anna = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } });
    const first = await k.db.prisma.outboundMessage.findFirstOrThrow({ where: { participantId: anna.id, kind: 'reminder' }, orderBy: { dueAt: 'asc' } });
    k.clock.set(first.dueAt);
    await k.kohort.scheduler.tick();
    await hs.waitFor(() => hs.messagesIn(dm).some((m) => /\d+\. Klar/.test(String(m.content.body))), 'the reminder arrived');
    const reminder = hs.messagesIn(dm).findLast((m) => /\d+\. Klar/.test(String(m.content.body)))!;
    const done = /(\d+)\. Klar/.exec(String(reminder.content.body))![1]!;
    expect(await say(dm, ANNA, done)).toContain('är klar');
    const preparationId = (first.payload as { preparationId: string }).preparationId;
    expect(await k.db.prisma.preparationCompletion.count({ where: { participantId: anna.id, preparationId } })).toBe(1);
    // The reminder was edited in place: its numbered choices gone, the choice made shown.
    const edited = hs.messagesIn(dm).find((m) => m.eventId === reminder.eventId)!;
    expect(edited.edits).toBe(1);
    expect(String(edited.content.body)).toContain('✓ Klar');
    expect(String(edited.content.body)).not.toMatch(/\d+\. Klar/);

    const capture = await say(dm, ANNA, 'sluta');
    expect(capture).toContain('Sluta curla');
    await say(dm, ANNA, 'Inga interna möten efter 16');
    expect((await k.db.prisma.commitment.findFirstOrThrow({ where: { participantId: anna.id } })).text).toBe('Inga interna möten efter 16');
  });

  it('in an encrypted direct room says once why it cannot read, and opens a room it can', async () => {
    const encrypted = await directRoom(ANNA, { encrypted: true });
    const first = hs.sayEncrypted(encrypted, ANNA);
    await handled(first);
    const said = hs.messagesIn(encrypted);
    expect(said).toHaveLength(1);
    expect(String(said[0]!.content.body)).toContain('krypterat');
    await handled(hs.sayEncrypted(encrypted, ANNA));
    expect(hs.messagesIn(encrypted)).toHaveLength(1);
    // The new direct room: unencrypted, Anna invited, recorded in kohort's m.direct.
    const plain = (hs.accountData.get('m.direct') as Record<string, string[]>)[ANNA]![0]!;
    expect(plain).not.toBe(encrypted);
    expect(hs.isEncrypted(plain)).toBe(false);
    expect(hs.membership(plain, ANNA)).toBe('invite');
    // Reminders go there, not to the room kohort cannot read.
    hs.join(plain, ANNA);
    const anna = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } });
    const result = await k.kohort.wiring.ports.delivery.toParticipant(anna.id, { blocks: [{ type: 'text', text: 'Påminnelse' }] });
    expect(result.delivered).toBe(true);
    expect(hs.messagesIn(plain).map((m) => m.content.body)).toContain('Påminnelse');
  });

  it('answers a mention in the cohort’s room privately, in the person’s direct room', async () => {
    const dm = await directRoom(ERIK);
    const mention = hs.say(COHORT_ROOM, ERIK, 'kohort: status', { 'm.mentions': { user_ids: [hs.botId] } });
    await handled(mention);
    expect(hs.messagesIn(COHORT_ROOM)).toHaveLength(0);
    expect(
      hs
        .messagesIn(dm)
        .map((m) => String(m.content.body))
        .join('\n'),
    ).toContain('Din status');
    // A message in the room that is not for kohort is left alone: the room's next mention is answered, that one not.
    const before = hs.messagesIn(dm).length;
    hs.say(COHORT_ROOM, ERIK, 'God morgon allihop');
    await handled(hs.say(COHORT_ROOM, ERIK, 'kohort hjälp'));
    expect(hs.messagesIn(COHORT_ROOM)).toHaveLength(0);
    expect(hs.messagesIn(dm).length - before).toBe(1);
  });

  it('handles an event once when the sync replays it after a restart', async () => {
    const dm = await directRoom(ERIK);
    await say(dm, ERIK, 'status');
    const answered = hs.messagesIn(dm).length;
    const { dataDir } = k.db;
    await k.kohort.stop();
    await k.db.closeKeepingData();
    k = await startTestKohort({ program: 'test/fixtures/programs/matrix-cohort.yaml', dataDir, env: { MATRIX_HOMESERVER_URL: hs.url, MATRIX_ACCESS_TOKEN: hs.token, MATRIX_USER_ID: hs.botId } });
    // The new process synced from scratch (no since): the room's last events came again.
    await hs.waitFor(() => hs.requests.filter((r) => r === 'GET /_matrix/client/v3/sync').length >= 4, 'the restarted kohort synced');
    await handled(hs.say(dm, ERIK, 'hjälp'));
    expect(hs.messagesIn(dm).length).toBeGreaterThan(answered);
    expect(hs.messagesIn(dm).filter((m) => String(m.content.body).includes('Din status'))).toHaveLength(1);
  });
});

describe('a cohort room of two', () => {
  it('is still the cohort’s room: a mention is answered privately and the room is never taken for a direct room', async () => {
    const early = `!tidig:${SERVER}`;
    hs.createRoom(FIA, { id: early });
    hs.inviteBot(early, FIA);
    await hs.waitFor(() => hs.membership(early, hs.botId) === 'join', 'joined');
    // The facilitator's program names this room as a cohort channel (a second cohort room).
    const cohort = await k.db.prisma.cohort.findFirstOrThrow();
    await k.db.prisma.cohortChannel.create({ data: { cohortId: cohort.id, platform: 'matrix', channelId: early } });
    await handled(hs.say(early, FIA, 'kohort: status'));
    expect(hs.messagesIn(early)).toHaveLength(0);
    expect((hs.accountData.get('m.direct') as Record<string, string[]> | undefined)?.[FIA] ?? []).not.toContain(early);
  });
});

describe('unreachable on Matrix', () => {
  it('reports a person who left their direct room as unreachable, as on Teams, and tells the facilitator', async () => {
    const dm = await directRoom(ERIK);
    await say(dm, ERIK, 'status');
    hs.leave(dm, ERIK);
    // Anna's message comes after Erik's leave in the sync: once it is handled, kohort has seen the leave.
    const annasRoom = await directRoom(ANNA);
    await say(annasRoom, ANNA, 'status');
    const erik = await k.db.prisma.participant.findFirstOrThrow({ where: { key: 'erik' } });
    const outcome = await k.kohort.wiring.ports.delivery.toParticipant(erik.id, { blocks: [{ type: 'text', text: 'Påminnelse' }] });
    expect(outcome).toMatchObject({ delivered: false, reason: 'unreachable', permanent: true });
    expect((await k.db.prisma.platformIdentity.findFirstOrThrow({ where: { participantId: erik.id, platform: 'matrix' } })).unreachableSince).not.toBeNull();
    expect(await k.db.prisma.auditLog.count({ where: { action: 'participant.unreachable' } })).toBe(1);
    // Erik is not chased into a new room; the facilitator is told, in a direct room kohort opened for her.
    expect(hs.roomsOf(ERIK)).toEqual([COHORT_ROOM]);
    const fiasRoom = (hs.accountData.get('m.direct') as Record<string, string[]>)[FIA]![0]!;
    expect(
      hs
        .messagesIn(fiasRoom)
        .map((m) => String(m.content.body))
        .join('\n'),
    ).toContain('Erik');
  });
});

describe('data rights on Matrix', () => {
  it('erases a person who confirms by typing, and their direct room leaves kohort’s m.direct', async () => {
    const dm = await directRoom(ERIK);
    await say(dm, ERIK, 'status');
    expect((hs.accountData.get('m.direct') as Record<string, string[]>)[ERIK]).toEqual([dm]);
    const asked = await say(dm, ERIK, 'glöm mig');
    const confirm = /(\d+)\. Ja, radera mig/.exec(asked);
    expect(confirm, asked).not.toBeNull();
    await say(dm, ERIK, confirm![1]!);
    expect(await k.db.prisma.participant.count({ where: { key: 'erik' } })).toBe(0);
    expect(hs.accountData.get('m.direct')).not.toHaveProperty([ERIK]);
  });
});

describe('summaries on Matrix', () => {
  it('posts the summary to the cohort’s room, its long part in a thread, and one on each platform', async () => {
    const planned = await k.db.prisma.outboundMessage.findMany({ where: { kind: 'summary' } });
    expect(planned.map((p) => (p.payload as { channel?: { platform: string } }).channel?.platform).sort()).toEqual(['matrix', 'slack', 'teams']);
    k.clock.set(planned[0]!.dueAt);
    await k.kohort.scheduler.tick();
    const [main, thread] = hs.messagesIn(COHORT_ROOM);
    expect(String(main!.content.body)).toContain('Inför modul 1: Uppstart');
    expect(main!.threadOf).toBeUndefined();
    expect(thread!.threadOf).toBe(main!.eventId);
    expect(hs.messagesIn(COHORT_ROOM)).toHaveLength(2);
    expect(slack.callsOf('chat.postMessage').filter((c) => c.args.channel === 'C0KOHORT')).toHaveLength(2);
    expect(connector.sent().filter((c) => c.conversationId.startsWith('19:kohort@thread.tacv2'))).toHaveLength(2);
  });
});

describe('starting with Matrix', () => {
  it('refuses to start with a token the homeserver refuses, or one of another account, in one line', async () => {
    const start = (env: Record<string, string>) =>
      startTestKohort({ program: 'test/fixtures/programs/matrix-cohort.yaml', env: { MATRIX_HOMESERVER_URL: hs.url, MATRIX_USER_ID: hs.botId, ...env } }).then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(await start({ MATRIX_ACCESS_TOKEN: 'syt_wrong' })).toMatchObject({ code: 'config_invalid', message: 'MATRIX_ACCESS_TOKEN was refused by the homeserver (M_UNKNOWN_TOKEN)' });
    expect(await start({ MATRIX_ACCESS_TOKEN: hs.token, MATRIX_USER_ID: ANNA })).toMatchObject({
      code: 'config_invalid',
      message: `MATRIX_ACCESS_TOKEN belongs to ${hs.botId}, not to MATRIX_USER_ID`,
    });
  });
});

describe('the demo program with a Matrix room', () => {
  it('runs the playground and Matrix at once: the demo cohort’s summary lands in its Matrix room too', async () => {
    // The demo program as shipped, with its commented Matrix room switched on.
    const demo = readFileSync(path.join(ROOT, 'programs/digitalt-forst.yaml'), 'utf8').replace(
      '# - { platform: matrix, channel: "!AbCdEfGhIj:example.org"',
      `- { platform: matrix, channel: "${COHORT_ROOM}"`,
    );
    const checked = validateProgramText(demo, new Date());
    if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
    const db = await freshDatabase();
    await importProgram(db.prisma, checked.program);
    const clock = new FakeClock(new Date());
    const config = readKohortConfig({
      PORT: '0',
      DEMO_PROGRAM: '',
      DATA_DIR: db.dataDir,
      NODE_ENV: 'test',
      SCHEDULER_TICK: 'off',
      PLAYGROUND: 'on',
      MATRIX_HOMESERVER_URL: hs.url,
      MATRIX_ACCESS_TOKEN: hs.token,
      MATRIX_USER_ID: hs.botId,
    });
    const demoKohort = await startKohort(config, createLogger('silent'), clock, db);
    try {
      expect((await fetch(`http://127.0.0.1:${demoKohort.port}/`)).status).toBe(200);
      const summary = await db.prisma.outboundMessage.findFirstOrThrow({ where: { kind: 'summary', payload: { path: ['channel', 'platform'], equals: 'matrix' } }, orderBy: { dueAt: 'asc' } });
      clock.set(summary.dueAt);
      await demoKohort.scheduler.tick();
      await hs.waitFor(() => hs.messagesIn(COHORT_ROOM).length >= 2, 'the demo summary in the Matrix room');
      expect(String(hs.messagesIn(COHORT_ROOM)[0]!.content.body)).toContain('Inför modul 1');
    } finally {
      await demoKohort.stop();
      await db.close();
    }
  });
});
