// Transpiles src/ and adapters/ (TypeScript) into dist/ as plain ES modules, file by file,
// so production starts on compiled JavaScript instead of tsx transpiling at every start
// (issue 18). No bundling and no type checking (`npm test` runs tsc): esbuild only strips
// types, which takes a fraction of a second, so `npm start` rebuilds every time (prestart)
// and a dist/ older than the source can never run. Files that are not TypeScript (views,
// prompts, the playground's page, migrations) are read from where they are in the project,
// found through src/project-root.ts, so nothing is copied.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'dist');

/** Every .ts file under a directory (declaration files hold no code). */
function typescriptFiles(dir) {
  return readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

const SOURCES = ['src', 'adapters'];
const files = SOURCES.flatMap(typescriptFiles);

// esbuild keeps import paths as written, and dist/ holds .js files only: an import of a
// '.ts' path works under tsx and vitest but not in production. Say so now, not at run time.
const tsImport = /\b(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/;
for (const file of files) {
  const found = tsImport.exec(readFileSync(file, 'utf8'));
  if (found) throw new Error(`${path.relative(ROOT, file)} imports '${found[1]}': write '.js' (tsx and vitest find the .ts file)`);
}

// A file deleted from the source must not linger in dist/ and still be importable. Only the
// compiled folders go: dist/ also holds what other scripts write (the Teams app package).
for (const dir of SOURCES) rmSync(path.join(OUT, dir), { recursive: true, force: true });
await build({
  entryPoints: files,
  outdir: OUT,
  outbase: ROOT,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Stack traces point at the TypeScript source when node runs with --enable-source-maps.
  sourcemap: 'linked',
  logLevel: 'warning',
});
