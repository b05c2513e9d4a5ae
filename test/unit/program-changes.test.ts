// What a changed program file would change (the console's preview), compared with the
// program as stored: modules and preparations added, moved, renamed or no longer in the
// file — and the plan the reminder planner would then make.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasChanges, programAfterImport, programChanges } from '../../src/domain/program/changes.js';
import type { StoredProgram } from '../../src/domain/program/store.js';
import { validateProgramText, type ResolvedProgram } from '../../src/domain/program/validate.js';

const AT = new Date('2027-01-20T09:00:00Z');
const DEMO = readFileSync('programs/digitalt-forst.yaml', 'utf8');

function resolve(text: string): ResolvedProgram {
  const result = validateProgramText(text, AT);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.program;
}

/** The program as the importer would have stored this file (ids made up). */
function stored(program: ResolvedProgram): StoredProgram {
  const title = (t: unknown) => (typeof t === 'object' && t ? (t as { sv: string }).sv : (t as string));
  return {
    id: 'p1',
    slug: program.file.program.slug,
    name: program.file.program.name,
    locale: 'sv',
    zone: program.file.program.timezone,
    policy: null,
    modules: program.modules.map((m) => ({
      id: `m${m.input.number}`,
      number: m.input.number,
      title: title(m.input.title),
      translations: {},
      startsAt: m.startsAt,
      place: null,
      preparations: m.preparations.map((p) => ({ id: `p-${p.input.key}`, key: p.input.key, title: title(p.input.title), translations: {}, dueAt: p.dueAt, tracked: true, policy: null })),
    })),
    cohorts: program.file.cohorts.map((c) => ({ id: `c-${c.slug}`, slug: c.slug })),
    source: program.file,
  };
}

describe('the changes a program file would make', () => {
  const now = stored(resolve(DEMO));

  it('finds none in the same file', () => {
    expect(hasChanges(programChanges(now, resolve(DEMO), 'sv'))).toBe(false);
  });

  it('names moved, added, renamed and dropped modules and preparations', () => {
    const changed = DEMO.replace('due: "+10d 12:00"', 'due: "+12d 12:00"')
      .replace('title: "Vår digitala omvärld"', 'title: "Vår digitala omvärld och framtid"')
      .replace('start: "+77d 09:30"', 'start: "+78d 09:30"')
      .replace(/  - number: 2\n(    .*\n)+?(?=  - number: 3)/, '')
      .replace('      - key: podd-wallteg', '      - key: ny-film\n        kind: watch\n        title: "Se filmen"\n        due: "+5d 12:00"\n      - key: podd-wallteg')
      .replace(/      - key: forelasning-vaxa\n(        .*\n)+?(?=  - number: 4)/, '');
    const file = resolve(changed);
    const changes = programChanges(now, file, 'en');
    // A preparation without its own `due` moves with its module.
    expect(changes.preparationsMoved.map((p) => p.key)).toEqual(['las-sidor-1-45', 'las-sidor-102-123', 'ny-forandringsvag', 'branschaktorer']);
    expect(changes.preparationsMoved[0]).toMatchObject({ module: 1, from: new Date('2027-01-30T11:00:00Z'), to: new Date('2027-02-01T11:00:00Z') });
    expect(changes.modulesRenamed).toEqual([{ number: 3, from: 'Vår digitala omvärld', to: 'Vår digitala omvärld och framtid' }]);
    expect(changes.modulesMoved.map((m) => m.module)).toEqual([4]);
    expect(changes.modulesNotInFile).toEqual([{ number: 2, title: 'Vår digitala invärld, dag 2' }]);
    expect(changes.preparationsAdded).toEqual([{ module: 1, key: 'ny-film', title: 'Se filmen', dueAt: new Date('2027-01-25T11:00:00Z') }]);
    expect(changes.preparationsNotInFile.map((p) => p.key)).toEqual(['forelasning-vaxa']);
    expect(changes.modulesAdded).toEqual([]);

    // As the importer leaves it: what the file dropped is kept, what it adds has a new id, dates are the file's.
    const plan = programAfterImport(now, file);
    expect(plan.modules.map((m) => m.id)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(plan.modules[0]!.preparations.map((p) => p.id)).toEqual(['p-sommarhalsning', 'p-las-sidor-1-45', 'p-podd-wallteg', 'new:1:ny-film']);
    expect(plan.modules[0]!.preparations[1]!.dueAt).toEqual(new Date('2027-02-01T11:00:00Z'));
    expect(plan.modules[2]!.preparations.map((p) => p.id)).toContain('p-forelasning-vaxa');
  });
});
