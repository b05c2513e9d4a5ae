// The repositories and shared tools every use case gets, wired over one database.
// Used by the composition root and by tests, so both run the same wiring.
import type { ChannelAdapter } from './core/adapter.js';
import type { Clock } from './core/clock.js';
import type { Platform } from './core/events.js';
import type { Logger } from './core/logger.js';
import type { Services } from './features/context.js';
import type { Translator } from './i18n/i18n.js';
import type { Database } from './persistence/database.js';
import { prismaBroadcasts } from './persistence/repositories/broadcasts.js';
import { prismaCohorts, prismaDeadlines } from './persistence/repositories/cohorts.js';
import { prismaAudit, prismaConversations, prismaEventLedger } from './persistence/repositories/ledger.js';
import { prismaCommitments } from './persistence/repositories/commitments.js';
import { prismaExports } from './persistence/repositories/exports.js';
import { prismaMaturity } from './persistence/repositories/maturity.js';
import { prismaOutbox } from './persistence/repositories/outbox.js';
import { prismaPeople } from './persistence/repositories/people.js';
import { prismaReflections } from './persistence/repositories/reflections.js';
import { prismaReminders } from './persistence/repositories/reminders.js';
import { prismaSummaries } from './persistence/repositories/summaries.js';

export function createServices(
  db: Database,
  tools: { translator: Translator; clock: Clock; logger: Logger; adapters: ReadonlyMap<Platform, ChannelAdapter> },
): Services {
  return {
    people: prismaPeople(db.prisma),
    cohorts: prismaCohorts(db.prisma),
    deadlines: prismaDeadlines(db.prisma),
    ledger: prismaEventLedger(db.prisma),
    conversations: prismaConversations(db.prisma),
    audit: prismaAudit(db.prisma),
    reminders: prismaReminders(db.prisma),
    outbox: prismaOutbox(db.prisma),
    maturity: prismaMaturity(db.prisma),
    commitments: prismaCommitments(db.prisma),
    reflections: prismaReflections(db.prisma),
    summaries: prismaSummaries(db.prisma),
    broadcasts: prismaBroadcasts(db.prisma),
    exports: prismaExports(db.prisma),
    links: { base: 'http://localhost' },
    ...tools,
  };
}
