// Prisma CLI configuration. The JS schema engine with a PGlite driver adapter lets
// `prisma generate`, `prisma migrate diff` and `prisma migrate status` run offline
// (Prisma 6.19's native engines would need a download this machine cannot make).
// kohort applies migrations itself at start-up (src/persistence/migrate.ts).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';

// The CLI insists on a syntactically valid postgres URL even with an adapter.
process.env.PRISMA_CLI_DATABASE_URL ??= 'postgresql://kohort@localhost:5432/kohort';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const dataDir = path.join(process.env.DATA_DIR ?? './data', 'pglite');
    fs.mkdirSync(dataDir, { recursive: true });
    return new PrismaPGlite(new PGlite(dataDir));
  },
});
