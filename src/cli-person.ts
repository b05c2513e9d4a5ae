// `person export <cohort>/<key>` and `person erase <cohort>/<key> [--yes]`: an admin acting on
// a request that came by e-mail or letter does what `mina data` and `glöm mig` do in chat,
// through the same code, audited. Erasure asks for --yes and says first what it will do.
import type { Forgetter } from './domain/privacy.js';
import { KohortError } from './core/errors.js';
import { eraseAndTell } from './features/privacy/index.js';
import type { Database } from './persistence/database.js';
import { personalDataOf } from './persistence/personal-data.js';
import type { Wiring } from './wiring.js';

export interface PersonCommand {
  command: 'export' | 'erase';
  /** `<cohort>/<key>` as the program file names them. */
  who: string;
  confirmed: boolean;
  now: Date;
}

async function findPerson(db: Database, who: string): Promise<{ id: string; cohortId: string }> {
  const [cohort, key, ...rest] = who.split('/');
  if (!cohort || !key || rest.length > 0) throw new KohortError('bad_input', `name the person as <cohort>/<key>, as in the program file (got "${who.slice(0, 80)}")`);
  const person = await db.prisma.participant.findFirst({ where: { key, cohort: { slug: cohort } }, select: { id: true, cohortId: true } });
  if (!person) throw new KohortError('not_found', `no participant ${cohort}/${key} (erased already, or never imported)`);
  return person;
}

/** The person's data file (JSON), or what erasure did; `emit` writes the document, `out` a line for the operator. */
export async function runPersonCommand(
  db: Database,
  wiring: Pick<Wiring, 'ports' | 'forgetters'>,
  call: PersonCommand,
  io: { emit(text: string): Promise<void>; out(text: string): void; storedData: () => Promise<Forgetter[]> },
): Promise<number> {
  const person = await findPerson(db, call.who);
  const { ports } = wiring;
  if (call.command === 'export') {
    const data = await personalDataOf(db.prisma, person.id, call.now);
    await ports.audit.record({ at: call.now, action: 'personal_data.exported', subject: person.id, detail: { by: 'admin' } });
    await io.emit(JSON.stringify(data, null, 2));
    return 0;
  }
  if (!call.confirmed) {
    const data = await personalDataOf(db.prisma, person.id, call.now);
    io.out(
      `person erase ${call.who} (${data?.person.name ?? '?'}) would erase: ${data?.completions.length ?? 0} completions, ${data?.maturity.length ?? 0} test attempts, ${data?.commitments.length ?? 0} decisions, ` +
        `${data?.reflections.length ?? 0} reflection answers, ${data?.messages.length ?? 0} messages, their identities, their entry in the stored program file and the cohort's export files. ` +
        `Summaries already posted in channels stay. Nothing was erased: run again with --yes.`,
    );
    return 0;
  }
  // What the platforms keep on disk (the playground's transcript) forgets them too.
  wiring.forgetters.push(...(await io.storedData()));
  const outcome = await eraseAndTell(ports, { participantId: person.id, cohortId: person.cohortId }, call.now, 'admin');
  if (!outcome) throw new KohortError('not_found', `no participant ${call.who}`);
  const rows = Object.entries(outcome.rows)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${n}`);
  io.out(`erased ${call.who}: ${rows.join(', ') || 'no rows beyond the person'}. The cohort's facilitators are told that one participant was erased, without the name.`);
  io.out('On PostgreSQL the rows are gone from the tables now; VACUUM reclaims their space, and backups keep them until they rotate out (see README, "Data rights").');
  return 0;
}
