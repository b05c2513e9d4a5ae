// Program content written in both languages: each person reads it in their own language
// where the facilitator provided it (titles, details, places, reflection questions,
// suggestions), else in the program's — in answers and in what kohort sends on its own.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validateProgramText, formatIssue } from '../../src/domain/program/validate.js';
import { replanReminders } from '../../src/features/reminders/planner.js';
import { toPlainText } from '../../src/ui/plain-text.js';
import { buttonOf, routerChat } from '../helpers/chat.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { importFixture, servicesFor } from '../helpers/services.js';

const EMMA = 'tva-1/emma';
const SVEN = 'tva-1/sven';
let db: TestDatabase;
let clock: FakeClock;
let wiring: ReturnType<typeof servicesFor>;

beforeEach(async () => {
  db = await freshDatabase();
  clock = new FakeClock(new Date('2027-01-11T09:00:00Z'));
  await importFixture(db, 'test/fixtures/programs/bilingual.yaml', clock.now());
  wiring = servicesFor(db, clock);
});
afterEach(async () => db.close());

const { say, press, last } = routerChat(() => wiring);
const sentTo = (userId: string) => wiring.adapter.sent.filter((s) => s.conversation === `dm:${userId}`).map((s) => toPlainText(s.message));

describe('program content in two languages', () => {
  it('shows each person the texts in their language, and the program’s where none is given', async () => {
    const english = await say(EMMA, 'status');
    expect(english).toContain('Read the introduction');
    expect(english).toContain('Module 1: Kick-off');
    expect(english).toContain('Se filmen');
    const swedish = await say(SVEN, 'status');
    expect(swedish).toContain('Läs introduktionen');
    expect(swedish).toContain('Modul 1: Uppstart');
    expect(await say(EMMA, 'done')).toContain('Read the introduction');
    expect(await say(EMMA, 'stop doing')).toContain('Fewer meetings');
    expect(await say(SVEN, 'sluta')).toContain('Färre möten');
  });

  it('asks the reflection questions in the reader’s language, a question without a translation in the program’s', async () => {
    await say(EMMA, 'status');
    expect(await press(EMMA, buttonOf(last(), 'Done'))).toContain('What do you take with you?');
    expect(await say(EMMA, 'Patience')).toContain('Något mer?');
  });

  it('sends reminders and module notices in the reader’s language', async () => {
    await replanReminders(wiring.services, { everything: true }, clock.now());
    const rows = await db.prisma.outboundMessage.findMany({ where: { kind: { in: ['reminder', 'module_notice'] } }, orderBy: { dueAt: 'asc' } });
    for (const at of [...new Set(rows.map((r) => r.dueAt.getTime()))]) {
      clock.set(new Date(at));
      await wiring.worker('w').tick();
    }
    const emma = sentTo(EMMA).join('\n');
    expect(emma).toContain('Reminder: Read the introduction');
    expect(emma).toContain('City library, room 2');
    expect(emma).not.toContain('Läs introduktionen');
    const sven = sentTo(SVEN).join('\n');
    expect(sven).toContain('Påminnelse: Läs introduktionen');
    expect(sven).toContain('Stadsbiblioteket, sal 2');
  });

  it('refuses a text given in other languages but not the program’s', () => {
    const text = `program: { slug: p, name: "P", locale: sv }
modules:
  - number: 1
    title: { en: "Kick-off" }
    start: "2027-03-10 09:00"
cohorts:
  - { slug: c, name: "C", joinCode: CODE-1, participants: [{ key: a, name: "A" }] }
`;
    const result = validateProgramText(text, new Date('2027-01-01T00:00:00Z'));
    expect(result.ok ? [] : result.issues.map(formatIssue)).toEqual(["modules[0].title: give the text in the program's language (sv) too (line 4)"]);
  });
});
