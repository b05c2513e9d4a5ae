// `npm start` runs the JavaScript scripts/build.js writes into dist/ (prestart), not the
// TypeScript: that process starts on an empty data directory (migrations and the demo
// program are read from the project), serves the playground's page and files and the
// console's, and answers in chat with the texts of prompts/ — everything that is not code
// is found from dist/ exactly as from the source.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/project-root.js';
import { tempDir } from '../helpers/database.js';
import { COMPILED, ROOT, startKohortProcess, type KohortProcess } from '../helpers/kohort-process.js';
import { botTextsOf, postInbound } from '../helpers/playground-chat.js';

const dataDir = tempDir('kohort-compiled-');
let running: KohortProcess | undefined;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.js'], { cwd: ROOT, stdio: 'pipe' });
}, 60_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const project = (...segments: string[]) => readFileSync(path.join(ROOT, ...segments), 'utf8');

describe('the compiled kohort', () => {
  it('finds the project root from dist/ as from the source', async () => {
    const compiled = (await import(pathToFileURL(path.join(ROOT, 'dist', 'src', 'project-root.js')).href)) as { PROJECT_ROOT: string };
    expect(path.resolve(compiled.PROJECT_ROOT)).toBe(path.resolve(ROOT));
    expect(path.resolve(PROJECT_ROOT)).toBe(path.resolve(ROOT));
  });

  it('starts from dist/ on an empty data directory, serves the playground and its files, and answers with the prompts', async () => {
    running = await startKohortProcess({ DATA_DIR: dataDir }, COMPILED);
    expect(running.child.spawnargs).toContain('dist/adapters/main.js');
    expect(running.output()).toContain('"applied"'); // the migrations, from prisma/migrations

    const page = await fetch(`${running.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toBe(project('adapters', 'local', 'public', 'index.html'));
    const script = await fetch(`${running.url}/playground/static/app.js`);
    expect(await script.text()).toBe(project('adapters', 'local', 'public', 'app.js'));
    const css = await fetch(`${running.url}/console/static/console.css`);
    expect(css.status).toBe(200);
    expect(await css.text()).toBe(project('src', 'http', 'console', 'static', 'console.css'));

    // The demo program was imported, and people are answered with the texts of prompts/.
    await postInbound(running.url, { as: 'demo-host/erik', kind: 'message', text: 'status' });
    expect(await botTextsOf(running.url, 'demo-host/erik')).toContain('Titta på sommarhälsningen från processledaren');
    await postInbound(running.url, { as: 'demo-host/erik', kind: 'message', text: 'language en' });
    await postInbound(running.url, { as: 'demo-host/erik', kind: 'message', text: 'help' });
    expect(await botTextsOf(running.url, 'demo-host/erik')).toContain('Hi Erik Nyström!');
    expect(await running.stop()).toBe(0);
  });
});
