// The core must stay channel-agnostic: nothing under src/ may import a platform SDK.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/kohort-process.js';

const SDK = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](@slack\/[^'"]*|botbuilder[^'"]*|@microsoft\/[^'"]*)['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'generated') return [];
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(ts|js|mjs)$/.test(name) ? [full] : [];
  });
}

describe('core boundary', () => {
  it('finds the pattern it looks for (guards the guard)', () => {
    expect(SDK.test(`import { App } from '@slack/bolt';`)).toBe(true);
    expect(SDK.test(`const b = await import("botbuilder");`)).toBe(true);
    expect(SDK.test(`import { z } from 'zod';`)).toBe(false);
  });

  it('src/ imports no platform SDK', () => {
    const files = sourceFiles(path.join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((file) => SDK.test(readFileSync(file, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(offenders).toEqual([]);
  });
});

// The layers are lint rules (eslint.config.js), run by `npm test`; these probes make sure
// the rules bite, so a misconfigured rule cannot pass silently.
describe('layer rules', () => {
  const probe = async (file: string, code: string) => {
    const { ESLint } = await import('eslint');
    const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: path.join(ROOT, file) });
    return result!.messages.map((m) => m.ruleId);
  };

  it.each([
    ['a feature importing persistence', 'src/features/reminders/probe.ts', "import { prismaOutbox } from '../../persistence/repositories/outbox.js';\nexport const x = prismaOutbox;\n"],
    ['a feature importing another feature', 'src/features/reminders/probe.ts', "import { startTest } from '../maturity/flow.js';\nexport const x = startTest;\n"],
    ['the domain importing a feature', 'src/domain/probe.ts', "import { helpFeature } from '../features/help/index.js';\nexport const x = helpFeature;\n"],
    ['the core importing above itself', 'src/core/probe.ts', "import { FEATURES } from '../features/index.js';\nexport const x = FEATURES;\n"],
    ['src/ importing an adapter', 'src/probe.ts', "import { slackIntegration } from '../adapters/slack/integration.js';\nexport const x = slackIntegration;\n"],
  ])('refuses %s', async (_what, file, code) => {
    expect(await probe(file, code)).toContain('import-x/no-restricted-paths');
  });

  it('refuses an import cycle', async () => {
    // ui/choice.ts imports ui/model.ts: model importing choice closes a circle.
    expect(await probe('src/ui/model.ts', "import { choiceLabel } from './choice.js';\nexport const x = choiceLabel;\n")).toContain('import-x/no-cycle');
  });

  it('lets a feature use the shared helpers', async () => {
    expect(await probe('src/features/reminders/probe.ts', "import { when } from '../shared/wording.js';\nexport const x = when;\n")).toEqual([]);
  });
});
