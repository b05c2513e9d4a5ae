import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { ROOT } from '../helpers/kohort-process.js';

let db: TestDatabase | undefined;
afterEach(async () => db?.close());

const counts = async (d: TestDatabase) => ({
  programs: await d.prisma.program.count(),
  modules: await d.prisma.module.count(),
  preparations: await d.prisma.preparation.count(),
  participants: await d.prisma.participant.count(),
  identities: await d.prisma.platformIdentity.count(),
  roles: await d.prisma.roleAssignment.count(),
  groups: await d.prisma.groupMember.count(),
  teams: await d.prisma.teamMember.count(),
  channels: await d.prisma.cohortChannel.count(),
});

function resolved(text: string, at = new Date('2026-11-21T10:00:00Z')) {
  const result = validateProgramText(text, at);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.program;
}

const demo = readFileSync(path.join(ROOT, 'programs/digitalt-forst.yaml'), 'utf8');

describe('program import', () => {
  it('imports the demo program and re-imports it without duplicates', async () => {
    db = await freshDatabase();
    await importProgram(db.prisma, resolved(demo));
    const first = await counts(db);
    expect(first).toMatchObject({ programs: 1, modules: 5, participants: 6, groups: 5, teams: 3, channels: 3 });
    const report = await importProgram(db.prisma, resolved(demo, new Date('2026-11-28T10:00:00Z')));
    expect(await counts(db)).toEqual(first);
    expect(report.notInFile).toEqual([]);
  });

  it('updates in place and never drops what people already gave', async () => {
    db = await freshDatabase();
    await importProgram(db.prisma, resolved(demo));
    const anna = await db.prisma.participant.findFirstOrThrow({ where: { key: 'anna' } });
    const prep = await db.prisma.preparation.findFirstOrThrow({ where: { key: 'las-sidor-1-45' } });
    await db.prisma.participant.update({ where: { id: anna.id }, data: { locale: 'en' } });
    await db.prisma.preparationCompletion.create({ data: { participantId: anna.id, preparationId: prep.id, completedAt: new Date() } });
    await db.prisma.commitment.create({ data: { participantId: anna.id, text: 'Färre fysiska möten', createdAt: new Date() } });

    const edited = demo
      .replace('sv: "Läs Att leda digital transformation, s. 1–45"', 'sv: "Läs boken, s. 1–45"')
      .replace(/      - key: sommarhalsning\n(        .*\n)+?(?=      - key: las-sidor-1-45)/, '');
    const report = await importProgram(db.prisma, resolved(edited));

    const after = await db.prisma.preparation.findUniqueOrThrow({ where: { id: prep.id } });
    expect(after.title).toBe('Läs boken, s. 1–45');
    expect(await db.prisma.preparationCompletion.count({ where: { participantId: anna.id } })).toBe(1);
    expect(await db.prisma.commitment.count({ where: { participantId: anna.id } })).toBe(1);
    expect((await db.prisma.participant.findUniqueOrThrow({ where: { id: anna.id } })).locale).toBe('en');
    expect(report.notInFile).toEqual(['modules[1].preparations.sommarhalsning']);
    expect(await db.prisma.preparation.count({ where: { key: 'sommarhalsning' } })).toBe(1);
  });
});
