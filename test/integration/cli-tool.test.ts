// The CLI as a tool an operator scripts: documents written to a file or redirected cleanly,
// every error of a program file in one run, one clear line for a file it cannot read, and a
// plain instruction when kohort itself holds the embedded database.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/database.js';
import { ROOT } from '../helpers/kohort-process.js';
import { startTestKohort } from '../helpers/test-kohort.js';

const work = tempDir('kohort-cli-tool-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
let k: Awaited<ReturnType<typeof startTestKohort>> | undefined;
afterEach(async () => {
  await k?.kohort.stop();
  k = undefined;
});

function run(command: string, args: string[], dataDir = path.join(work, 'data')) {
  const result = spawnSync(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: work, DATA_DIR: dataDir }, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
const cliIn = (dataDir: string, ...args: string[]) => run(process.execPath, ['--import', 'tsx', 'adapters/cli.ts', ...args], dataDir);
const cli = (...args: string[]) => cliIn(path.join(work, 'data'), ...args);

describe('the CLI as a tool', () => {
  it('writes the schema and an export to the file named by -o / --output, and `npm run -s` prints nothing but the document', () => {
    const schemaFile = path.join(work, 'program.schema.json');
    expect(cli('program', 'schema', '-o', schemaFile)).toMatchObject({ code: 0, out: `wrote ${schemaFile}\n` });
    expect(JSON.parse(readFileSync(schemaFile, 'utf8'))).toMatchObject({ type: 'object', required: expect.arrayContaining(['program', 'modules']) });

    // The documented silent form: stdout is the JSON alone, ready for `> program.schema.json`.
    const silent = run('npm', ['run', '-s', 'cli', '--', 'program', 'schema']);
    expect(silent.code).toBe(0);
    expect(JSON.parse(silent.out)).toMatchObject({ type: 'object' });

    expect(cli('program', 'import', 'test/fixtures/programs/valid-minimal.yaml').code).toBe(0);
    const exportFile = path.join(work, 'mini.yaml');
    expect(cli('program', 'export', 'mini', '--output', exportFile)).toMatchObject({ code: 0, out: `wrote ${exportFile}\n` });
    expect(readFileSync(exportFile, 'utf8')).toContain('slug: mini');

    expect(cli('program', 'schema', '-o', path.join(work, 'no-such-folder', 'x.json'))).toEqual({
      code: 1,
      out: '',
      err: `kohort: cannot write ${path.join(work, 'no-such-folder', 'x.json')}: no such file or folder\n`,
    });
    expect(cli('program', 'validate', 'programs/digitalt-forst.yaml', '-o', 'x.json')).toMatchObject({ code: 2, err: expect.stringContaining('usage: npm run cli --') });
  });

  it('validate names every error it can find in one run', () => {
    const result = cli('program', 'validate', 'test/fixtures/programs/several-errors.yaml');
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      [
        'kohort: test/fixtures/programs/several-errors.yaml is not a valid program file:',
        '  modules[0]: Unrecognized key: "plats" (line 11)',
        '  cohorts[0].participants[0].email: Invalid email address (line 20)',
        '  program.timezone: "Europe/Umea" is not an IANA time zone such as "Europe/Stockholm" (line 6)',
        '  modules[1].start: "2027-02-30 09:00" is not a real date (line 14)',
        '  cohorts[1].teams[0].members[0]: "cecilia" is not a participant of cohort "second" (line 27)',
        '',
      ].join('\n'),
    );
  });

  it('says in one line why it cannot read a file', () => {
    expect(cli('program', 'validate', 'programs/no-such-program.yaml')).toEqual({ code: 1, out: '', err: 'kohort: cannot read programs/no-such-program.yaml: no such file or folder\n' });
    mkdirSync(path.join(work, 'a-folder'), { recursive: true });
    expect(cli('program', 'import', path.join(work, 'a-folder'))).toEqual({ code: 1, out: '', err: `kohort: cannot read ${path.join(work, 'a-folder')}: it is a folder, not a file\n` });
  });

  it('tells the operator what to do while kohort runs on the embedded database', async () => {
    k = await startTestKohort({ program: 'test/fixtures/programs/valid-minimal.yaml', env: {} });
    const dir = k.db.dataDir;
    const running = `kohort is running on the embedded database in ${dir} (pid ${process.pid}), which only one process can open at a time`;
    expect(cliIn(dir, 'program', 'import', 'test/fixtures/programs/valid-minimal.yaml')).toEqual({
      code: 1,
      out: '',
      err: `kohort: cannot import: ${running}. Stop kohort first, run this again, then start kohort; or run kohort on PostgreSQL (DATABASE_URL), where import works while kohort runs.\n`,
    });
    expect(cliIn(dir, 'program', 'export', 'mini')).toEqual({
      code: 1,
      out: '',
      err: `kohort: cannot export: ${running}. Stop kohort first, run this again, then start kohort; or run kohort on PostgreSQL (DATABASE_URL), where export works while kohort runs.\n`,
    });
  });

  it('exports and erases one person for a request by letter, the playground transcript included; the next import says so', () => {
    const dataDir = path.join(work, 'person');
    expect(cliIn(dataDir, 'program', 'import', 'programs/digitalt-forst.yaml').code).toBe(0);
    // A transcript the playground left on disk, with Erik's conversation and a summary naming him.
    mkdirSync(path.join(dataDir, 'playground'), { recursive: true });
    const entries = [
      { id: '1', conversation: 'dm:demo-host/erik', from: 'person', author: 'demo-host/erik', at: '2027-01-11T10:00:00Z', text: 'status' },
      { id: '2', conversation: 'channel:kohorten', from: 'bot', at: '2027-01-11T10:00:00Z', message: { blocks: [{ type: 'text', text: 'Erik Nyström: Sluta med veckobrev' }] } },
      { id: '3', conversation: 'dm:demo-host/anna', from: 'person', author: 'demo-host/anna', at: '2027-01-11T10:00:00Z', text: 'hej' },
    ];
    writeFileSync(path.join(dataDir, 'playground', 'transcript.jsonl'), entries.map((e) => `${JSON.stringify(e)}\n`).join(''));

    const file = path.join(work, 'erik.json');
    expect(cliIn(dataDir, 'person', 'export', 'demo-host/erik', '-o', file)).toMatchObject({ code: 0, out: `wrote ${file}\n` });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'kohort-personal-data/1', person: { key: 'erik', name: 'Erik Nyström' } });

    const dryRun = cliIn(dataDir, 'person', 'erase', 'demo-host/erik');
    expect(dryRun).toMatchObject({ code: 0, out: expect.stringContaining('Nothing was erased: run again with --yes') });
    // The admin sees whom they are about to erase (on their own terminal, never in a log).
    expect(dryRun.out).toContain('demo-host/erik (Erik Nyström) would erase');
    const erased = cliIn(dataDir, 'person', 'erase', 'demo-host/erik', '--yes');
    expect(erased).toMatchObject({ code: 0, out: expect.stringContaining('erased demo-host/erik') });
    expect(erased.out).not.toContain('Nyström');
    const transcript = readFileSync(path.join(dataDir, 'playground', 'transcript.jsonl'), 'utf8');
    expect(transcript).not.toMatch(/Nyström|demo-host\/erik/);
    expect(transcript).toContain('demo-host/anna');

    expect(cliIn(dataDir, 'person', 'erase', 'demo-host/erik', '--yes')).toMatchObject({ code: 1, err: expect.stringContaining('no participant demo-host/erik') });
    expect(cliIn(dataDir, 'program', 'import', 'programs/digitalt-forst.yaml').out).toContain('not imported, erased on request: demo-host/erik');
    expect(cliIn(dataDir, 'person', 'export', 'erik')).toMatchObject({ code: 1, err: expect.stringContaining('<cohort>/<key>') });
    expect(cliIn(dataDir, 'person', 'export', 'demo-host/anna', '--yes')).toMatchObject({ code: 2 });
  });
});
