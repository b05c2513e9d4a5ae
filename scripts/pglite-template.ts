// postinstall: makes the empty PGlite database a first start loads instead of running initdb
// (src/persistence/pglite-template.ts), once per PGlite version. Never fails the install:
// without the template the first start runs initdb, as it always did.
import { existsSync } from 'node:fs';
import { pgliteTemplatePath, writePgliteTemplate } from '../src/persistence/pglite-template.js';

const file = pgliteTemplatePath();
if (!existsSync(file)) {
  try {
    const started = Date.now();
    await writePgliteTemplate();
    process.stdout.write(`kohort: made the empty embedded database in ${((Date.now() - started) / 1000).toFixed(1)} s (${file})\n`);
  } catch (error) {
    process.stderr.write(`kohort: could not make ${file} (${(error as Error).message}); the first start will run initdb instead\n`);
  }
}
