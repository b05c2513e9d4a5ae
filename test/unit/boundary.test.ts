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
