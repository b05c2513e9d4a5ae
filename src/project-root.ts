// Where kohort's files are (prompts, migrations, views, the playground's page), whether this
// module runs from its TypeScript source (src/, under tsx or vitest) or compiled (dist/src/,
// under `npm start`): the nearest folder above it holding package.json. Files that are not
// code are read from the project itself and never copied into dist/, so one copy is the
// truth. A leaf module of node built-ins only, so every layer may import it.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`kohort: no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the project, e.g. fromRoot('prompts', 'llm'). */
export function fromRoot(...segments: string[]): string {
  return path.join(PROJECT_ROOT, ...segments);
}
