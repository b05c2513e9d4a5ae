// The benchmarks' cohort: a small program imported the ordinary way, then `people`
// participants inserted straight in SQL (a benchmark measures sending, not importing).
import { validateProgramText } from '../src/domain/program/validate.js';
import type { Database } from '../src/persistence/database.js';
import { importProgram } from '../src/persistence/program-import.js';

/** Imports `program` and adds participants p1…p`people` ("Person n") to its cohort `slug`; returns the cohort's id. */
export async function seedBenchCohort(db: Database, program: string, people: number, slug = 'bench-1'): Promise<string> {
  const parsed = validateProgramText(program, new Date());
  if (!parsed.ok) throw new Error('bench program invalid');
  await importProgram(db.prisma, parsed.program);
  const cohort = await db.prisma.cohort.findFirstOrThrow({ where: { slug } });
  await db.prisma.$executeRawUnsafe(
    `INSERT INTO "Participant" ("id", "cohortId", "key", "displayName", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'p' || g, 'Person ' || g, now(), now() FROM generate_series(1, ${people}) g`,
    cohort.id,
  );
  await db.prisma.$executeRawUnsafe(`INSERT INTO "RoleAssignment" ("participantId", "role") SELECT "id", 'participant' FROM "Participant" WHERE "key" LIKE 'p%'`);
  return cohort.id;
}
