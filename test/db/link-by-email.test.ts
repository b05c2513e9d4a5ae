// A chat user is linked to a person by the e-mail their platform gives only when that address
// names one person not yet linked on that platform in the whole installation: with two (one
// in another cohort, say), nobody is linked, so an account never goes to the wrong person.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { prismaPeople } from '../../src/persistence/repositories/people.js';
import { freshDatabase, type TestDatabase } from '../helpers/database.js';
import { ROOT } from '../helpers/kohort-process.js';

let db: TestDatabase | undefined;
afterEach(async () => db?.close());

/** Two cohorts: Per in Norr and Bertil in Syd share an address; Siri's is her own. */
const FILE = readFileSync(path.join(ROOT, 'test/fixtures/programs/two-cohorts.yaml'), 'utf8')
  .replace('{ key: per, name: "Per Persson", roles: [participant] }', '{ key: per, name: "Per Persson", email: delad@example.se, roles: [participant] }')
  .replace('{ key: bertil, name: "Bertil Björk", roles: [participant] }', '{ key: bertil, name: "Bertil Björk", email: Delad@Example.se, roles: [participant] }')
  .replace('{ key: siri, name: "Siri Sjöberg", roles: [participant] }', '{ key: siri, name: "Siri Sjöberg", email: siri@example.se, roles: [participant] }');

async function start() {
  db = await freshDatabase();
  const result = validateProgramText(FILE, new Date('2027-01-20T09:00:00Z'));
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  await importProgram(db.prisma, result.program);
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _encoding, done) => (lines.push(chunk.toString()), done()) }));
  return { people: prismaPeople(db.prisma, logger), lines, prisma: db.prisma };
}

describe('linking a chat user by e-mail', () => {
  it('links the one person with the address, and nobody when two not yet linked have it', async () => {
    const { people, lines, prisma } = await start();
    const slackIds = async () => (await prisma.platformIdentity.findMany({ where: { platform: 'slack' }, select: { externalId: true } })).map((i) => i.externalId);

    const siri = await people.linkByEmail({ platform: 'slack', userId: 'U0SIRI' }, ' SIRI@example.se ');
    expect(siri?.displayName).toBe('Siri Sjöberg');
    expect((await people.findByIdentity('slack', 'U0SIRI'))?.participantId).toBe(siri!.participantId);

    // Per (Norr) and Bertil (Syd): whoever writes with that address is neither of them yet.
    expect(await people.linkByEmail({ platform: 'slack', userId: 'U0DELAD' }, 'delad@example.se')).toBeUndefined();
    expect(await slackIds()).toEqual(['U0SIRI']);
    const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string }).find((entry) => entry.msg.includes('more than one person'));
    expect(warning?.level).toBe(40);
    expect(lines.join('')).not.toMatch(/delad@example\.se/i);

    // Once Bertil is linked on Slack (his own account, named in the file), the address names Per alone.
    const bertil = await prisma.participant.findFirstOrThrow({ where: { key: 'bertil' } });
    await people.linkIdentity(bertil.id, { platform: 'slack', userId: 'U0BERTIL' });
    expect((await people.linkByEmail({ platform: 'slack', userId: 'U0PER' }, 'delad@example.se'))?.displayName).toBe('Per Persson');
    // On another platform both are unlinked again: nobody.
    expect(await people.linkByEmail({ platform: 'teams', userId: 'T0DELAD' }, 'delad@example.se')).toBeUndefined();
  });
});
