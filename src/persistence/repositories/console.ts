import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { ConsoleAccess } from '../../domain/console.js';
import type { Prisma as PrismaNamespace } from '../generated/client.js';
import type { Prisma } from '../database.js';
import { installationSecret } from '../erasure.js';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function prismaConsole(prisma: Prisma, secret: string | undefined): ConsoleAccess {
  return {
    async issueLink(participantId, now, expiresAt) {
      // 256 random bits: the link is the key; the database keeps only its hash.
      const token = randomBytes(32).toString('base64url');
      await prisma.consoleLink.create({ data: { tokenHash: hashOf(token), participantId, createdAt: now, expiresAt } });
      return token;
    },
    async redeem(token, now) {
      if (!/^[\w-]{20,100}$/.test(token)) return undefined;
      // One statement marks it used, so two tabs racing with the same link sign in once.
      const used = await prisma.consoleLink.updateManyAndReturn({
        where: { tokenHash: hashOf(token), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
        select: { participantId: true },
      });
      return used[0]?.participantId;
    },
    async session(sid, now) {
      const row = await prisma.consoleSession.findUnique({ where: { sid } });
      if (!row || row.expiresAt <= now) return undefined;
      return { participantId: row.participantId, data: row.data as object, expiresAt: row.expiresAt };
    },
    async saveSession(sid, record) {
      const data = record.data as PrismaNamespace.InputJsonValue;
      await prisma.consoleSession.upsert({
        where: { sid },
        create: { sid, participantId: record.participantId, data, expiresAt: record.expiresAt },
        update: { data, expiresAt: record.expiresAt },
      });
    },
    async destroySession(sid) {
      await prisma.consoleSession.deleteMany({ where: { sid } });
    },
    // A key of its own, derived, so the erasure key is never used for anything else.
    cookieKey: async () =>
      createHmac('sha256', await installationSecret(prisma, secret, 'console_cookie_key'))
        .update('kohort console session cookies')
        .digest('hex'),
  };
}
