import type { ExportStore } from '../../domain/ports.js';
import type { Prisma } from '../database.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function prismaExports(prisma: Prisma): ExportStore {
  return {
    async create(file) {
      const row = await prisma.export.create({
        data: { cohortId: file.cohortId, filename: file.filename, contentType: file.contentType, content: Uint8Array.from(file.content), createdAt: file.at, expiresAt: file.expiresAt },
        select: { id: true },
      });
      return row.id;
    },
    async find(id, now) {
      if (!UUID.test(id)) return undefined;
      const row = await prisma.export.findUnique({ where: { id } });
      return row && row.expiresAt > now ? { filename: row.filename, contentType: row.contentType, content: row.content } : undefined;
    },
  };
}
