// The ProgramStore over Prisma: the program as stored, the file as last imported, and the
// import itself (program-import.ts), so the CLI and the console write a program one way.
import { stringify } from 'yaml';
import type { ReminderPolicy } from '../../domain/reminders/ladder.js';
import { versionOf, type ProgramStore, type StoredProgram } from '../../domain/program/store.js';
import { isLocale } from '../../i18n/i18n.js';
import type { Prisma } from '../database.js';
import { importProgram, importProgramIn } from '../program-import.js';

type Tx = Parameters<Parameters<Prisma['$transaction']>[0]>[0];

const policyOf = (value: unknown): Partial<ReminderPolicy> | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<ReminderPolicy>) : null);

export function prismaPrograms(prisma: Prisma, options: { secret?: string } = {}): ProgramStore {
  return {
    byId: (programId) => readProgram(prisma, programId),

    async exportFile(slug) {
      const rows = await prisma.program.findMany({ where: slug ? { slug } : {}, orderBy: { slug: 'asc' } });
      return rows.length === 0 ? undefined : rows.map((row) => stringify(row.source)).join('---\n');
    },

    async liveMessageKeys(keys) {
      const live = new Set<string>();
      // In slices: a program's plan can hold thousands of keys.
      for (let start = 0; start < keys.length; start += 1000) {
        const rows = await prisma.outboundMessage.findMany({ where: { idempotencyKey: { in: keys.slice(start, start + 1000) }, status: { not: 'cancelled' } }, select: { idempotencyKey: true } });
        for (const row of rows) live.add(row.idempotencyKey);
      }
      return live;
    },

    import: (program) => importProgram(prisma, program, { secret: options.secret }),

    importIfUnchanged(program, version) {
      return prisma.$transaction(
        async (tx) => {
          const row = await tx.program.findUnique({ where: { slug: program.file.program.slug }, select: { id: true } });
          if (!row) return undefined;
          // Held to the end of the transaction: an import from elsewhere (console or CLI) waits, then finds a new version.
          await tx.$queryRaw`SELECT "id" FROM "Program" WHERE "id" = ${row.id}::uuid FOR UPDATE`;
          const now = await readProgram(tx, row.id);
          if (!now || versionOf(now) !== version) return undefined;
          return importProgramIn(tx, program, { secret: options.secret });
        },
        { timeout: 60_000 },
      );
    },
  };
}

/** The program as stored, read by the client given (the transaction, when in one). */
async function readProgram(prisma: Prisma | Tx, programId: string): Promise<StoredProgram | undefined> {
  const row = await prisma.program.findUnique({
    where: { id: programId },
    include: {
      modules: { orderBy: { number: 'asc' }, include: { preparations: { orderBy: { position: 'asc' } } } },
      cohorts: { orderBy: { slug: 'asc' }, select: { id: true, slug: true } },
    },
  });
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    locale: isLocale(row.locale) ? row.locale : 'sv',
    zone: row.timezone,
    policy: policyOf(row.reminderPolicy),
    modules: row.modules.map((m) => ({
      id: m.id,
      number: m.number,
      title: m.title,
      translations: m.translations,
      startsAt: m.startsAt,
      place: m.place,
      preparations: m.preparations.map((p) => ({ id: p.id, key: p.key, title: p.title, translations: p.translations, dueAt: p.dueAt, tracked: p.tracked, policy: policyOf(p.reminderPolicy) })),
    })),
    cohorts: row.cohorts.map((c) => ({ id: c.id, slug: c.slug })),
    source: row.source,
  };
}
