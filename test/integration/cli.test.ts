// The program CLI as a facilitator runs it: a broken file is explained and changes nothing.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { ROOT } from '../helpers/kohort-process.js';

const dataDir = tempDir('kohort-cli-');
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'adapters/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('program CLI', () => {
  it('validates, imports, refuses a broken file without touching the database, and exports', () => {
    // Followed by a warning where the demo's relative dates fall on a public holiday, which depends on the day it runs.
    const valid = cli('program', 'validate', 'programs/digitalt-forst.yaml');
    expect(valid.code).toBe(0);
    expect(valid.out).toMatch(/^programs\/digitalt-forst\.yaml is valid: 5 modules, 1 cohort\(s\)\.\n( {2}warning: .+ a public holiday \(line \d+\)\n)*$/);

    const imported = cli('program', 'import', 'test/fixtures/programs/valid-minimal.yaml');
    expect(imported.code).toBe(0);
    expect(imported.out).toContain('imported mini: 1 modules, 1 preparations, 2 participants in 1 cohort(s).');

    const broken = cli('program', 'import', 'test/fixtures/programs/bad-07-due-after-start.yaml');
    expect(broken.code).toBe(1);
    expect(broken.err).toBe('kohort: test/fixtures/programs/bad-07-due-after-start.yaml is not a valid program file:\n  modules[0].preparations[0].due: is after the start of its module (line 12)\n');

    const exported = cli('program', 'export', 'mini');
    expect(exported.code).toBe(0);
    expect(exported.out).toContain('due: 2027-03-05 12:00');
    expect(exported.out).toContain('slug: mini');
  });

  it('prints a JSON Schema for editors and explains bad usage', () => {
    const schema = cli('program', 'schema');
    expect(schema.code).toBe(0);
    expect(JSON.parse(schema.out)).toMatchObject({ type: 'object', required: expect.arrayContaining(['program', 'modules', 'cohorts']) });
    expect(cli('program', 'frobnicate')).toMatchObject({ code: 2, err: expect.stringContaining('usage: npm run cli --') });
  });
});
