// What every use case receives: the event, who sent it (if known), their language,
// and one way to answer. Built once per event by the router.
import type { Clock } from '../core/clock.js';
import type { ChannelAdapter } from '../core/adapter.js';
import type { InboundEvent, Platform } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { AuditLog, CohortDirectory, ConversationStore, DeadlineReader, EventLedger, ExportStore, PeopleRepository, Person, PublicLinks, ReflectionStore } from '../domain/ports.js';
import type { OutboxStore } from '../domain/outbox.js';
import type { CommitmentStore } from '../domain/commitments/store.js';
import type { MaturityStore } from '../domain/questionnaire/store.js';
import type { ReminderStore } from '../domain/reminders/store.js';
import type { BroadcastStore } from '../domain/broadcasts/store.js';
import type { DigestWriter } from '../domain/summaries/llm.js';
import type { SummaryStore } from '../domain/summaries/store.js';
import type { Role } from '../domain/roles.js';
import type { Locale, Params, Translator } from '../i18n/i18n.js';
import type { Message } from '../ui/model.js';

export interface Services {
  people: PeopleRepository;
  cohorts: CohortDirectory;
  deadlines: DeadlineReader;
  ledger: EventLedger;
  conversations: ConversationStore;
  audit: AuditLog;
  reminders: ReminderStore;
  outbox: OutboxStore;
  maturity: MaturityStore;
  commitments: CommitmentStore;
  reflections: ReflectionStore;
  summaries: SummaryStore;
  broadcasts: BroadcastStore;
  /** The language-model digest, when LLM_* is configured. */
  digests?: DigestWriter;
  /** Asks the outbox to look for due messages now (after a facilitator queued some); a no-op without a scheduler. */
  kick?: () => void;
  exports: ExportStore;
  links: PublicLinks;
  translator: Translator;
  clock: Clock;
  logger: Logger;
  adapters: ReadonlyMap<Platform, ChannelAdapter>;
}

export interface Context {
  event: InboundEvent;
  person: Person | undefined;
  roles: Role[];
  locale: Locale;
  now: Date;
  services: Services;
  t(key: string, params?: Params): string;
  reply(msg: Message): Promise<void>;
}
