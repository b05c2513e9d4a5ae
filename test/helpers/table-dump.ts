// Every row of every table of kohort's schema as text, to prove that something is nowhere:
// an erased person's name, ids and words. Byte columns are read as UTF-8 text.
import type { Prisma } from '../../src/persistence/database.js';

export async function everyRowAsText(prisma: Prisma): Promise<string> {
  const tables = await prisma.$queryRawUnsafe<{ table_name: string }[]>(
    `SELECT table_name::text AS table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`,
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${table_name}"`);
    for (const row of rows) {
      const readable = Object.entries(row).map(([column, value]) => [column, value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : typeof value === 'bigint' ? String(value) : value]);
      parts.push(`${table_name}: ${JSON.stringify(Object.fromEntries(readable))}`);
    }
  }
  return parts.join('\n');
}
