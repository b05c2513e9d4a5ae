// Everything a use case can be given: repositories, tools and what the surfaces offer
// back (delivery, planning, the catalogue of commands). A feature declares the names it
// needs and receives only those (pickPorts), so it cannot reach around its declaration.
import type { SentMessageRef } from '../core/adapter.js';
import type { ConversationRef, Platform } from '../core/events.js';
import type { Logger } from '../core/logger.js';
import type { BroadcastStore } from '../domain/broadcasts/store.js';
import type { CommitmentStore } from '../domain/commitments/store.js';
import type { DeliveryReason, OutboxStore } from '../domain/outbox.js';
import type { AuditLog, CohortDirectory, ConversationStore, DeadlineReader, ExportStore, PeopleRepository, Person, PersonContact, PublicLinks, ReflectionStore } from '../domain/ports.js';
import type { PersonalDataStore } from '../domain/privacy.js';
import type { ConsoleAccess } from '../domain/console.js';
import type { ProgramStore } from '../domain/program/store.js';
import type { PeopleAdminStore } from '../domain/people.js';
import type { MaturityStore } from '../domain/questionnaire/store.js';
import type { RosterReader } from '../domain/reminders/roster.js';
import type { ReminderStore } from '../domain/reminders/store.js';
import type { DigestWriter } from '../domain/summaries/llm.js';
import type { SummaryStore } from '../domain/summaries/store.js';
import type { Translator } from '../i18n/i18n.js';
import type { Block, Message } from '../ui/model.js';
import type { CommandId } from './commands.js';
import type { Session } from './session.js';

/** A cohort's or group's channel on one platform. */
export interface ChannelTarget {
  platform: Platform;
  channelId: string;
}

/**
 * What became of a message kohort sent on its own. `reason` is neutral: a delivery
 * failure kind (see core/errors.ts) or one of kohort's own ("no_platform").
 */
export type DeliveryOutcome =
  | { delivered: true; ref: SentMessageRef }
  | { delivered: false; reason: DeliveryReason; permanent: boolean; /** The platform's own code where it says more than the reason, for the record. */ code?: string };

/**
 * Where a batch's participants are reached, read for all of them at once (see
 * DeliveryPort.routes). A participant a map does not have is looked up when sent to.
 */
export interface RouteBook {
  /** Stored direct conversations, most recently used first (an empty list: none). */
  readonly direct: ReadonlyMap<string, ConversationRef[]>;
  /** Identities and e-mail of those without a stored conversation (undefined: no such person). */
  readonly contacts: ReadonlyMap<string, PersonContact | undefined>;
  /** The people themselves, only when a running platform words typed choices in the reader's language. */
  readonly people: ReadonlyMap<string, Person | undefined>;
}

/** Messages kohort starts itself, to a participant wherever they are reachable, or to a channel. */
export interface DeliveryPort {
  /** `routes`: what an outbox batch read ahead for its participants. */
  toParticipant(participantId: string, msg: Message, routes?: RouteBook): Promise<DeliveryOutcome>;
  toChannel(target: ChannelTarget, msg: Message, threadOf?: SentMessageRef): Promise<DeliveryOutcome>;
  /** Where these participants are reached, in a query or two for all of them (an outbox batch). */
  routes(participantIds: readonly string[]): Promise<RouteBook>;
}

/** Whose outbox plan to bring up to date: programs (all when absent), optionally only some participants. */
export interface PlanScope {
  programIds?: string[];
  participantIds?: string[];
}

export interface PlanningPort {
  /** Runs every feature's planner over the scope; idempotent. Returns, by planner, what changed. */
  replan(scope: PlanScope, now: Date): Promise<Record<string, { planned: number; cancelled: number }>>;
}

/** Asks the outbox to look for due messages now (after someone queued some); a no-op without a timer. */
export interface WakePort {
  now(): void;
}

/** What the features offer, for use cases that list them (help) or gather them (status). */
export interface CatalogPort {
  /** The commands this session may use, in the catalogue's order. */
  offeredCommands(session: Session): { id: CommandId; argumentKey?: string }[];
  /** Every feature's part of `status`, in order. */
  statusSections(session: Session): Promise<Block[][]>;
}

/**
 * A message as one platform shows it, drawn by the same pure renderer its adapter sends
 * with (Block Kit for Slack, an Adaptive Card for Teams, the neutral model the playground
 * draws itself), so a preview cannot drift from what is sent.
 */
export type PlatformPreview =
  | { platform: Platform; format: 'block-kit'; payload: { text: string; blocks: unknown[] } }
  | { platform: Platform; format: 'adaptive-card'; payload: Record<string, unknown> }
  | { platform: Platform; format: 'neutral'; payload: Message }
  /** A Matrix m.text event's content: a plain body and kohort's escaped HTML body. */
  | { platform: Platform; format: 'matrix-html'; payload: { body: string; formatted_body: string } };

/** Previews of a message on every platform kohort runs on, in the order it reaches people; filled by the composition root. */
export interface PreviewPort {
  of(msg: Message): PlatformPreview[];
}

export interface Ports {
  people: PeopleRepository;
  cohorts: CohortDirectory;
  deadlines: DeadlineReader;
  conversations: ConversationStore;
  audit: AuditLog;
  reminders: ReminderStore;
  /** The console overview's reading of a cohort: people by id with groups and teams, completions, reachability. */
  roster: RosterReader;
  outbox: OutboxStore;
  maturity: MaturityStore;
  commitments: CommitmentStore;
  reflections: ReflectionStore;
  summaries: SummaryStore;
  broadcasts: BroadcastStore;
  exports: ExportStore;
  /** A person's data rights: their data as a file, erasure, the privacy notice's facts. */
  personalData: PersonalDataStore;
  /** The web console's sign-in links and sessions. */
  console: ConsoleAccess;
  /** The program as stored, its file as last imported, and the import (CLI and console alike). */
  programs: ProgramStore;
  /** A cohort's people as the console manages them (issue 17.6). */
  peopleAdmin: PeopleAdminStore;
  /** Where people reach kohort over HTTP; known once the server listens. */
  links: PublicLinks;
  /** The language-model digest; one that never writes when no model is configured. */
  digests: DigestWriter;
  delivery: DeliveryPort;
  planning: PlanningPort;
  wake: WakePort;
  catalog: CatalogPort;
  previews: PreviewPort;
  translator: Translator;
  logger: Logger;
}

export type PortName = keyof Ports;

/**
 * Only the declared ports: a feature that did not declare one finds it missing, at compile
 * time and at run time. Each one reads through to the full set, so a port the composition
 * root replaces after start-up (the outbox's wake-up, a language model) is seen at once.
 */
export function pickPorts<N extends PortName>(ports: Ports, names: readonly N[]): Pick<Ports, N> {
  const picked = {} as Pick<Ports, N>;
  for (const name of names) Object.defineProperty(picked, name, { get: () => ports[name], enumerable: true });
  return picked;
}
