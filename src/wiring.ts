// kohort assembled over one database: the repositories, the features bound to the ports
// they declare, the chat router, delivery, planning and the outbox composers. The
// composition root (kohort.ts) and the tests use this same wiring.
import type { ChannelAdapter } from './core/adapter.js';
import type { Clock } from './core/clock.js';
import { PLATFORMS, type InboundEvent, type Platform } from './core/events.js';
import type { Logger } from './core/logger.js';
import { commandVocabulary } from './application/commands.js';
import type { Ports } from './application/ports.js';
import { FeatureRegistry } from './application/registry.js';
import { createChatRouter } from './chat/router.js';
import type { DigestWriter } from './domain/summaries/llm.js';
import { FEATURES } from './features/index.js';
import type { Translator } from './i18n/i18n.js';
import { composeByKind, createPlanning } from './outbox/composition.js';
import { createDelivery, type DeliveryDeps } from './outbox/delivery.js';
import { TypedFallback } from './platform/typed-fallback.js';
import { prismaPrompts } from './persistence/repositories/prompts.js';
import type { OutboxWorkerOptions } from './outbox/worker.js';
import type { Database } from './persistence/database.js';
import { prismaBroadcasts } from './persistence/repositories/broadcasts.js';
import { prismaCohorts, prismaDeadlines } from './persistence/repositories/cohorts.js';
import { prismaCommitments } from './persistence/repositories/commitments.js';
import { prismaExports } from './persistence/repositories/exports.js';
import { prismaAudit, prismaConversations } from './persistence/repositories/ledger.js';
import { prismaMaturity } from './persistence/repositories/maturity.js';
import { prismaOutbox } from './persistence/repositories/outbox.js';
import { prismaPeople } from './persistence/repositories/people.js';
import { prismaPersonalData } from './persistence/repositories/personal-data.js';
import { prismaConsole } from './persistence/repositories/console.js';
import { prismaPrograms } from './persistence/repositories/programs.js';
import { prismaPeopleAdmin } from './persistence/repositories/people-admin.js';
import type { Forgetter } from './domain/privacy.js';
import { prismaReflections } from './persistence/repositories/reflections.js';
import { prismaReminders } from './persistence/repositories/reminders.js';
import { prismaRoster } from './persistence/repositories/roster.js';
import { prismaSummaries } from './persistence/repositories/summaries.js';

/** No language model configured: the plain digest is used. */
const NO_DIGEST: DigestWriter = { write: async () => undefined };

export interface WiringTools {
  translator: Translator;
  clock: Clock;
  logger: Logger;
  /** The running adapters; filled in as platforms start. */
  adapters: Map<Platform, ChannelAdapter>;
  /** Platforms in order of preference for reaching a person (default: as listed in core/events.ts). */
  preference?: () => readonly Platform[];
  /** KOHORT_SECRET: the key of the hashes that keep erased people out of the next import. */
  secret?: string;
}

export interface Wiring {
  ports: Ports;
  registry: FeatureRegistry;
  adapters: Map<Platform, ChannelAdapter>;
  delivery: DeliveryDeps;
  /** The chat surface: one neutral event in, answered. */
  route(event: InboundEvent): Promise<void>;
  /** Places outside the database that must forget an erased person too; platforms add theirs as they start. */
  forgetters: Forgetter[];
  /** What an outbox worker needs besides its id and timing. */
  worker: Pick<OutboxWorkerOptions, 'outbox' | 'delivery' | 'compose' | 'settle' | 'clock' | 'logger'>;
}

export function wire(db: Database, tools: WiringTools): Wiring {
  const { translator, clock, logger, adapters } = tools;
  const people = prismaPeople(db.prisma, logger);
  const conversations = prismaConversations(db.prisma, clock);
  const audit = prismaAudit(db.prisma);
  const typed = new TypedFallback(prismaPrompts(db.prisma), clock);
  const delivery: DeliveryDeps = { people, conversations, audit, adapters, preference: tools.preference ?? (() => PLATFORMS), translator, clock, logger, typed };
  // The registry and the ports need each other (features list commands through the catalogue port): the ports delegate.
  const late: { registry?: FeatureRegistry } = {};
  const forgetters: Forgetter[] = [];
  const ports: Ports = {
    people,
    conversations,
    audit,
    cohorts: prismaCohorts(db.prisma),
    deadlines: prismaDeadlines(db.prisma),
    reminders: prismaReminders(db.prisma),
    roster: prismaRoster(db.prisma),
    outbox: prismaOutbox(db.prisma),
    maturity: prismaMaturity(db.prisma),
    commitments: prismaCommitments(db.prisma),
    reflections: prismaReflections(db.prisma),
    summaries: prismaSummaries(db.prisma),
    broadcasts: prismaBroadcasts(db.prisma),
    exports: prismaExports(db.prisma),
    personalData: prismaPersonalData(db.prisma, { secret: tools.secret, forgetters, logger }),
    console: prismaConsole(db.prisma, tools.secret),
    programs: prismaPrograms(db.prisma, { secret: tools.secret }),
    peopleAdmin: prismaPeopleAdmin(db.prisma),
    links: { base: 'http://localhost' },
    digests: NO_DIGEST,
    delivery: createDelivery(delivery),
    planning: { replan: (scope, now) => createPlanning(late.registry!).replan(scope, now) },
    wake: { now: () => undefined },
    // No platform, no preview; startKohort fills it from the running platforms.
    previews: { of: () => [] },
    catalog: { offeredCommands: (session) => late.registry!.offeredCommands(session), statusSections: (session) => late.registry!.statusSections(session) },
    translator,
    logger,
  };
  const registry = new FeatureRegistry(FEATURES, ports);
  late.registry = registry;
  const composer = composeByKind(registry, translator, ports);
  const route = createChatRouter({ ports, registry, vocabulary: commandVocabulary(translator), adapters, typed, translator, clock, logger });
  return {
    ports,
    registry,
    adapters,
    delivery,
    route,
    forgetters,
    // What the outbox sends is bulk: on a platform's budget it waits while people are answered.
    worker: { outbox: ports.outbox, delivery: createDelivery({ ...delivery, priority: 'bulk' }), compose: composer.compose, settle: (rows) => composer.settle(rows, clock.now()), clock, logger },
  };
}
