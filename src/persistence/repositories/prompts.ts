// What kohort last offered in a conversation on a platform without buttons or forms: in
// the database, so a typed "2" means the same after a restart and on any replica.
import type { Platform } from '../../core/events.js';
import type { PromptStore } from '../../domain/ports.js';
import type { OfferedPrompt } from '../../ui/typed-choices.js';
import type { Prisma } from '../database.js';

export function prismaPrompts(prisma: Prisma): PromptStore {
  return {
    async remember(platform: Platform, key, prompt, at) {
      if (!prompt) {
        await prisma.conversationPrompt.deleteMany({ where: { platform, key } });
        return;
      }
      const data = { prompt: prompt as object, updatedAt: at };
      await prisma.conversationPrompt.upsert({ where: { platform_key: { platform, key } }, create: { platform, key, ...data }, update: data });
    },
    async latest(platform: Platform, key) {
      const row = await prisma.conversationPrompt.findUnique({ where: { platform_key: { platform, key } } });
      return row ? { prompt: row.prompt as unknown as OfferedPrompt, at: row.updatedAt } : undefined;
    },
  };
}
