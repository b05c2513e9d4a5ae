// The console's people pages over real HTTP (issue 17.6), on a program with a facilitator who
// is not an admin (Olle), an admin (Sara) and a second cohort (Tove, Pelle): bad input changes
// nothing; only admins give roles and export or erase people, whatever a forged form says; no
// one sees or changes another cohort's people; what the console adds survives the next import.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateProgramText } from '../../src/domain/program/validate.js';
import { importProgram } from '../../src/persistence/program-import.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/kohort-process.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const FIXTURE = 'test/fixtures/programs/console-people.yaml';
let k: Awaited<ReturnType<typeof startTestKohort>>;
beforeAll(async () => {
  k = await startTestKohort({ program: FIXTURE, env: {}, now: new Date('2027-01-11T09:00:00Z') });
});
afterAll(async () => k?.kohort.stop());

/** Signs `who` (cohort/key) in through `panel` in the playground; returns their console cookie. */
async function signIn(who: string): Promise<string> {
  await fetch(`${k.url}/playground/api/inbound`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: who, kind: 'message', text: 'panel' }) });
  const res = await fetch(`${k.url}/playground/api/conversations/${encodeURIComponent(who)}/messages`);
  const messages = ((await res.json()) as { messages: { from: string; message?: { blocks: { type: string; links?: { url: string }[] }[] } }[] }).messages;
  const link = messages.at(-1)!.message!.blocks.find((b) => b.type === 'links')!.links![0]!.url;
  const signedIn = await fetch(link.replace(/^https?:\/\/[^/]+/, k.url), { redirect: 'manual' });
  expect(signedIn.status).toBe(303);
  return signedIn.headers.get('set-cookie')!.split(';')[0]!;
}

async function get(cookie: string, path: string) {
  const res = await fetch(`${k.url}${path}`, { headers: { cookie }, redirect: 'manual' });
  const html = await res.text();
  return { status: res.status, html, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

/** A form as the browser sends it, with the token of a page this person opened. */
async function post(cookie: string, path: string, fields: Record<string, string | string[]>, csrf: string) {
  const body = new URLSearchParams([['_csrf', csrf], ...Object.entries(fields).flatMap(([name, value]) => [value].flat().map((v) => [name, v]))]).toString();
  const res = await fetch(`${k.url}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body });
  return { status: res.status, location: res.headers.get('location') ?? '', html: await res.text() };
}

const idOf = async (cohort: string, key: string) => (await k.db.prisma.participant.findFirstOrThrow({ where: { key, cohort: { slug: cohort } } })).id;
const sourceText = async () => JSON.stringify((await k.db.prisma.program.findFirstOrThrow()).source);
const rolesOf = async (id: string) => (await k.db.prisma.roleAssignment.findMany({ where: { participantId: id } })).map((r) => r.role).sort();

describe('the people pages', () => {
  it('refuse bad input without changing anything, then add and edit a participant who is planned reminders and kept by the next import', async () => {
    const olle = await signIn('demo-host/olle');
    const form = await get(olle, '/console/people/new');
    expect(form.status).toBe(200);
    const before = { people: await k.db.prisma.participant.count(), source: await sourceText(), audit: await k.db.prisma.auditLog.count() };

    const bad = await post(olle, '/console/people/new', { name: '  ', email: 'karin@', locale: 'de', groups: 'nope', teams: ['stadsbiblioteket', 'nope'] }, form.csrf);
    expect(bad.status).toBe(422);
    for (const message of [
      'Skriv ett namn.',
      'Skriv en e-postadress som namn@exempel.se',
      'Välj svenska, engelska eller programmets språk.',
      'Välj bland kohortens grupper.',
      'Välj bland kohortens team.',
    ]) {
      expect(bad.html).toContain(message);
    }
    expect(bad.html).toContain('value="karin@"'); // what was typed stays in the form
    expect({ people: await k.db.prisma.participant.count(), source: await sourceText(), audit: await k.db.prisma.auditLog.count() }).toEqual(before);

    const added = await post(
      olle,
      '/console/people/new',
      { name: 'Karin Åberg', email: 'karin@example.se', locale: 'en', groups: ['tillganglighet', 'omnikanal'], teams: 'stadsbiblioteket' },
      form.csrf,
    );
    expect(added.status).toBe(303);
    const karin = await k.db.prisma.participant.findFirstOrThrow({
      where: { key: 'karin-aberg' },
      include: { identities: true, groups: { include: { group: true } }, teams: { include: { team: true } }, roles: true },
    });
    expect(added.location).toBe(`/console/people/${karin.id}?done=added`);
    expect(karin).toMatchObject({ displayName: 'Karin Åberg', email: 'karin@example.se', locale: 'en' });
    expect(karin.identities.map((i) => `${i.platform}:${i.externalId}`)).toEqual(['local:demo-host/karin-aberg']);
    expect(karin.groups.map((g) => g.group.key).sort()).toEqual(['omnikanal', 'tillganglighet']);
    expect(karin.teams.map((t) => [t.team.key, t.isLead])).toEqual([['stadsbiblioteket', false]]);
    expect(karin.roles.map((r) => r.role)).toEqual(['participant']);
    // In chat at once: her reminders are planned, and a Slack user with her e-mail is her.
    expect(await k.db.prisma.outboundMessage.count({ where: { participantId: karin.id, kind: 'reminder', status: 'pending' } })).toBeGreaterThan(0);
    expect((await k.kohort.wiring.ports.people.linkByEmail({ platform: 'slack', userId: 'U0KARIN' }, 'KARIN@example.se'))?.participantId).toBe(karin.id);
    const entry = await k.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'person.added' } });
    expect(entry).toMatchObject({ actorId: await idOf('demo-host', 'olle'), subject: karin.id });
    // One address, one person: a second Karin with her e-mail is refused, and nothing changes.
    const count = await k.db.prisma.participant.count();
    const twice = await post(olle, '/console/people/new', { name: 'Karin Andra', email: 'KARIN@example.se' }, form.csrf);
    expect(twice.status).toBe(422);
    expect(twice.html).toContain('Någon annan i kohorten har redan den e-postadressen.');
    expect(await k.db.prisma.participant.count()).toBe(count);
    const page = await get(olle, `/console/people/${karin.id}?done=added`);
    expect(page.html).toContain('Karin Åberg är tillagd');

    const edited = await post(olle, `/console/people/${karin.id}`, { name: 'Karin Åberg-Lind', email: '', locale: '', groups: 'omnikanal' }, page.csrf);
    expect(edited.status).toBe(303);
    const after = await k.db.prisma.participant.findUniqueOrThrow({ where: { id: karin.id }, include: { groups: { include: { group: true } }, teams: true } });
    expect(after).toMatchObject({ displayName: 'Karin Åberg-Lind', email: null, locale: null });
    expect(after.groups.map((g) => g.group.key)).toEqual(['omnikanal']);
    expect(after.teams).toEqual([]);
    expect(await k.db.prisma.auditLog.count({ where: { action: 'person.edited', subject: karin.id } })).toBe(1);

    // `program export` writes the stored file: it lists her, in her group.
    const source = (await k.db.prisma.program.findFirstOrThrow()).source as {
      cohorts: { slug: string; participants: { key: string; name: string }[]; groups: { key: string; members: string[] }[] }[];
    };
    const demo = source.cohorts.find((c) => c.slug === 'demo-host')!;
    expect(demo.participants.find((p) => p.key === 'karin-aberg')).toEqual({ key: 'karin-aberg', name: 'Karin Åberg-Lind', roles: ['participant'] });
    expect(demo.groups.find((g) => g.key === 'omnikanal')!.members).toContain('karin-aberg');
    // The exported file is a valid program file, and importing it changes nothing about her.
    const exported = validateProgramText(JSON.stringify(source), k.clock.now());
    expect(exported.ok).toBe(true);
    // The original file does not list her: she is kept, in her group, and reported.
    const original = validateProgramText(readFileSync(path.join(ROOT, FIXTURE), 'utf8'), k.clock.now());
    if (!original.ok) throw new Error('fixture');
    const report = await importProgram(k.db.prisma, original.program);
    expect(report.notInFile).toContain('cohort demo-host: participant karin-aberg');
    const kept = await k.db.prisma.participant.findUniqueOrThrow({ where: { id: karin.id }, include: { groups: { include: { group: true } } } });
    expect(kept.groups.map((g) => g.group.key)).toEqual(['omnikanal']);
  });

  it('let only admins give and take roles, export and erase: a facilitator’s forged form gets 403 and changes nothing', async () => {
    const olle = await signIn('demo-host/olle');
    const sara = await signIn('demo-host/sara');
    const erik = await idOf('demo-host', 'erik');

    const olleSees = await get(olle, `/console/people/${erik}`);
    expect(olleSees.status).toBe(200);
    expect(olleSees.html).not.toContain('/roles');
    expect(olleSees.html).not.toContain('/export');
    expect(olleSees.html).not.toContain('/erase');
    expect((await post(olle, `/console/people/${erik}/roles`, { role: 'facilitator', held: 'true' }, olleSees.csrf)).status).toBe(403);
    expect((await post(olle, `/console/people/${erik}/export`, {}, olleSees.csrf)).status).toBe(403);
    expect((await post(olle, `/console/people/${erik}/erase`, {}, olleSees.csrf)).status).toBe(403);
    expect((await get(olle, `/console/people/${erik}/erase`)).status).toBe(403);
    expect(await rolesOf(erik)).toEqual(['participant']);
    expect(await k.db.prisma.participant.count({ where: { id: erik } })).toBe(1);

    // A facilitator's or admin's e-mail decides who becomes them in Slack or Teams: only admins change it.
    const saraId = await idOf('demo-host', 'sara');
    const olleOnSara = await get(olle, `/console/people/${saraId}`);
    expect(olleOnSara.html).not.toContain('name="email"');
    expect((await post(olle, `/console/people/${saraId}`, { name: 'Sara Ek', email: 'olle-other@example.se' }, olleOnSara.csrf)).status).toBe(403);
    expect((await k.db.prisma.participant.findUniqueOrThrow({ where: { id: saraId } })).email).toBeNull();

    const saraSees = await get(sara, `/console/people/${erik}`);
    expect(saraSees.html).toContain('Gör till teamledare');
    const given = await post(sara, `/console/people/${erik}/roles`, { role: 'team_lead', held: 'true' }, saraSees.csrf);
    expect(given.status).toBe(303);
    expect(await rolesOf(erik)).toEqual(['participant', 'team_lead']);
    // A team lead leads their team (`mitt team` follows it), in the database and the stored file.
    expect((await k.db.prisma.teamMember.findFirstOrThrow({ where: { participantId: erik } })).isLead).toBe(true);
    expect(await sourceText()).toContain('"leads":["anna","erik"]');
    expect(await k.db.prisma.auditLog.findFirst({ where: { action: 'person.role_given', subject: erik } })).toMatchObject({ actorId: await idOf('demo-host', 'sara'), detail: { role: 'team_lead' } });
    expect((await get(sara, given.location)).html).toContain('Erik Nyström är nu teamledare.');
    expect((await post(sara, `/console/people/${erik}/roles`, { role: 'team_lead', held: 'false' }, saraSees.csrf)).status).toBe(303);
    expect(await rolesOf(erik)).toEqual(['participant']);
    // Only the two roles the console manages: admin is the program file's.
    expect((await post(sara, `/console/people/${erik}/roles`, { role: 'admin', held: 'true' }, saraSees.csrf)).status).toBe(404);
    const olleId = await idOf('demo-host', 'olle');
    expect((await post(sara, `/console/people/${olleId}`, { name: 'Olle Strand', email: 'olle@example.se' }, saraSees.csrf)).status).toBe(303);
    expect((await k.db.prisma.participant.findUniqueOrThrow({ where: { id: olleId } })).email).toBe('olle@example.se');

    const download = await post(sara, `/console/people/${erik}/export`, {}, saraSees.csrf);
    expect(download.status).toBe(303);
    const file = await fetch(`${k.url}${download.location}`);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(((await file.json()) as { person: { name: string } }).person.name).toBe('Erik Nyström');

    const confirm = await get(sara, `/console/people/${erik}/erase`);
    expect(confirm.html).toContain('Radera Erik Nyström?');
    expect(await k.db.prisma.participant.count({ where: { id: erik } })).toBe(1); // asking is not erasing
    const erased = await post(sara, `/console/people/${erik}/erase`, {}, confirm.csrf);
    expect(erased.status).toBe(303);
    expect(await k.db.prisma.participant.count({ where: { id: erik } })).toBe(0);
    expect(await sourceText()).not.toContain('Erik Nyström');
    expect(await k.db.prisma.auditLog.count({ where: { action: 'person.erased_by_admin', actorId: await idOf('demo-host', 'sara') } })).toBe(1);
  });

  it('keep each cohort’s people to its own facilitators, and renew the join code', async () => {
    const olle = await signIn('demo-host/olle');
    const tove = await signIn('other/tove');
    const pelle = await idOf('other', 'pelle');
    const anna = await idOf('demo-host', 'anna');

    const list = await get(olle, '/console/people');
    expect(list.html).toContain('Anna Lindqvist');
    expect(list.html).not.toContain('Pelle');
    const peek = await get(olle, `/console/people/${pelle}`);
    expect(peek.status).toBe(404);
    expect(peek.html).not.toContain('Pelle');
    expect((await post(olle, `/console/people/${pelle}`, { name: 'Hacked' }, list.csrf)).status).toBe(404);
    expect((await k.db.prisma.participant.findUniqueOrThrow({ where: { id: pelle } })).displayName).toBe('Pelle Vik');
    const toveList = await get(tove, '/console/people');
    expect((await post(tove, `/console/people/${anna}/roles`, { role: 'facilitator', held: 'true' }, toveList.csrf)).status).toBe(404);
    expect((await post(tove, `/console/people/${anna}/erase`, {}, toveList.csrf)).status).toBe(404);
    expect(await rolesOf(anna)).toEqual(['participant', 'team_lead']);

    expect(list.html).toContain('DIGI-2026');
    const renewed = await post(olle, '/console/people/join-code', {}, list.csrf);
    expect(renewed.status).toBe(303);
    const code = (await k.db.prisma.cohort.findUniqueOrThrow({ where: { slug: 'demo-host' } })).joinCode;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await k.kohort.wiring.ports.cohorts.findByJoinCode('DIGI-2026')).toBeUndefined();
    expect((await k.kohort.wiring.ports.cohorts.findByJoinCode(code.toLowerCase()))?.name).toBe('Demokohorten');
    expect((await k.db.prisma.cohort.findUniqueOrThrow({ where: { slug: 'other' } })).joinCode).toBe('OTHER-2026');
    expect(await sourceText()).toContain(`"joinCode":"${code}"`);
    expect(await k.db.prisma.auditLog.count({ where: { action: 'cohort.join_code_renewed' } })).toBe(1);
    expect((await get(olle, renewed.location.split('#')[0]!)).html).toContain(`Ny anslutningskod: ${code}`);
  });

  it('keep a person’s teams and which one they lead when a facilitator saves them, in the database and the stored file', async () => {
    const olle = await signIn('demo-host/olle');
    const anna = await idOf('demo-host', 'anna');
    const teamsOf = async () => (await k.db.prisma.teamMember.findMany({ where: { participantId: anna }, include: { team: true } })).map((t) => [t.team.key, t.isLead]).sort();
    type Team = { key: string; leads: string[]; members: string[] };
    const fileTeams = async () => {
      const source = (await k.db.prisma.program.findFirstOrThrow()).source as { cohorts: { slug: string; teams: Team[] }[] };
      return source.cohorts.find((c) => c.slug === 'demo-host')!.teams.map((t) => ({ key: t.key, leads: t.leads, members: t.members }));
    };
    expect(await teamsOf()).toEqual([
      ['filialen', false],
      ['stadsbiblioteket', true],
    ]);

    // The form shows both teams ticked, and which she leads.
    const form = await get(olle, `/console/people/${anna}`);
    expect(form.html).toMatch(/id="team-filialen" name="teams" value="filialen" checked/);
    expect(form.html).toMatch(/id="team-stadsbiblioteket" name="teams" value="stadsbiblioteket" checked/);
    expect(form.html).toContain('Stadsbiblioteket (leder)');
    expect(form.html).toContain('maxlength="100"');

    // A new name, the same teams (as the browser sends the ticked boxes): nothing about her teams changes.
    const saved = await post(olle, `/console/people/${anna}`, { name: 'Anna Lindqvist-Berg', groups: 'tillganglighet', teams: ['filialen', 'stadsbiblioteket'] }, form.csrf);
    expect(saved.status).toBe(303);
    expect(await teamsOf()).toEqual([
      ['filialen', false],
      ['stadsbiblioteket', true],
    ]);
    expect(await fileTeams()).toEqual([
      { key: 'stadsbiblioteket', leads: ['anna'], members: ['lina'] }, // Erik was erased above
      { key: 'filialen', leads: ['johan'], members: ['anna'] },
    ]);
    // Exporting the stored file and importing it again changes nothing about her.
    const exported = validateProgramText(JSON.stringify((await k.db.prisma.program.findFirstOrThrow()).source), k.clock.now());
    if (!exported.ok) throw new Error('the stored file is no longer a valid program file');
    await importProgram(k.db.prisma, exported.program);
    expect(await teamsOf()).toEqual([
      ['filialen', false],
      ['stadsbiblioteket', true],
    ]);
    expect((await k.db.prisma.participant.findUniqueOrThrow({ where: { id: anna } })).displayName).toBe('Anna Lindqvist-Berg');

    // The library's only lead cannot leave it: refused, nothing changes.
    const leaving = await post(olle, `/console/people/${anna}`, { name: 'Anna Lindqvist', groups: 'tillganglighet', teams: 'filialen' }, form.csrf);
    expect(leaving.status).toBe(422);
    expect(leaving.html).toContain('Hen är ensam ledare för ett av sina team');
    expect(await teamsOf()).toEqual([
      ['filialen', false],
      ['stadsbiblioteket', true],
    ]);

    // Leaving the branch team keeps her lead of the library's; Lina, no lead, joins a team as a member.
    expect((await post(olle, `/console/people/${anna}`, { name: 'Anna Lindqvist', groups: 'tillganglighet', teams: 'stadsbiblioteket' }, form.csrf)).status).toBe(303);
    expect(await teamsOf()).toEqual([['stadsbiblioteket', true]]);
    const lina = await idOf('demo-host', 'lina');
    expect((await post(olle, `/console/people/${lina}`, { name: 'Lina Sandberg', groups: 'omnikanal', teams: ['stadsbiblioteket', 'filialen'] }, form.csrf)).status).toBe(303);
    expect((await k.db.prisma.teamMember.findMany({ where: { participantId: lina }, include: { team: true } })).map((t) => [t.team.key, t.isLead]).sort()).toEqual([
      ['filialen', false],
      ['stadsbiblioteket', false],
    ]);
    expect(await fileTeams()).toEqual([
      { key: 'stadsbiblioteket', leads: ['anna'], members: ['lina'] }, // Erik was erased above
      { key: 'filialen', leads: ['johan'], members: ['lina'] },
    ]);
    // A team lead who leads none of the teams she keeps leads the one she joins: Johan moves to the library.
    const johan = await idOf('demo-host', 'johan');
    await post(olle, `/console/people/${lina}`, { name: 'Lina Sandberg', groups: 'omnikanal', teams: 'filialen' }, form.csrf);
    const sara = await signIn('demo-host/sara');
    const saraForm = await get(sara, `/console/people/${lina}`);
    await post(sara, `/console/people/${lina}/roles`, { role: 'team_lead', held: 'true' }, saraForm.csrf);
    expect((await post(olle, `/console/people/${johan}`, { name: 'Johan Berg', groups: 'tillganglighet', teams: 'stadsbiblioteket' }, form.csrf)).status).toBe(303);
    expect((await k.db.prisma.teamMember.findMany({ where: { participantId: johan }, include: { team: true } })).map((t) => [t.team.key, t.isLead])).toEqual([['stadsbiblioteket', true]]);
    expect(await fileTeams()).toEqual([
      { key: 'stadsbiblioteket', leads: ['anna', 'johan'], members: [] },
      { key: 'filialen', leads: ['lina'], members: [] },
    ]);
  });
});
