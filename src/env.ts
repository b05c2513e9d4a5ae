// Reads `.env` when present. Variables already set in the environment win, so a
// deployment never has its settings overridden by a stray file.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'dotenv';

export function environment(file = '.env', env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const fromFile = existsSync(file) ? parse(readFileSync(file)) : {};
  return { ...fromFile, ...env };
}
