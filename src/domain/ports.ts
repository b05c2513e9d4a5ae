// Repository ports the use cases depend on; src/persistence implements them with Prisma.
import type { ConversationRef, Platform } from '../core/events.js';
import type { Locale } from '../i18n/i18n.js';
import type { OfferedPrompt } from '../ui/typed-choices.js';
import type { Role } from './roles.js';

export interface Person {
  participantId: string;
  cohortId: string;
  cohortName: string;
  programId: string;
  displayName: string;
  /** The person's own choice; null means "not chosen yet". */
  locale: Locale | null;
  /** The language their chat app is set to, as last seen (Teams' and Slack's locale); null when unknown or not one kohort speaks. */
  platformLocale: Locale | null;
  programLocale: Locale;
  timezone: string;
  roles: Role[];
  /** No reminders before this moment (the person paused them); null when not paused. */
  remindersPausedUntil: Date | null;
  /** The privacy notice went out with a message to them already (it goes with the first one). */
  privacyNoticed: boolean;
}

export interface PlatformIdentityRef {
  platform: Platform;
  userId: string;
  tenantId?: string;
}

/** How a participant can be reached: their platform identities and the e-mail the program lists. */
export interface PersonContact {
  email?: string;
  identities: PlatformIdentityRef[];
}

export interface PeopleRepository {
  findByIdentity(platform: Platform, userId: string): Promise<Person | undefined>;
  /**
   * A platform user not known yet whose e-mail the program lists: links the identity to
   * that participant (the most recently added one, if the address appears twice).
   */
  linkByEmail(identity: PlatformIdentityRef, email: string): Promise<Person | undefined>;
  /** How to reach a participant: their identities and the e-mail the program lists. */
  contactOf(participantId: string): Promise<PersonContact | undefined>;
  /** contactOf for many at once (an outbox batch): people not found are left out. */
  contactsOf(participantIds: readonly string[]): Promise<Map<string, PersonContact>>;
  linkIdentity(participantId: string, identity: PlatformIdentityRef): Promise<void>;
  /** The platform refused a message for good; true when this is news (not marked before). */
  markUnreachable(identity: Pick<PlatformIdentityRef, 'platform' | 'userId'>, at: Date): Promise<boolean>;
  /** Facilitators of a cohort, for things they must be told. */
  facilitatorsOf(cohortId: string): Promise<Person[]>;
  findById(participantId: string): Promise<Person | undefined>;
  /** findById for many at once (an outbox batch): people not found are left out. */
  findByIds(participantIds: readonly string[]): Promise<Map<string, Person>>;
  setLocale(participantId: string, locale: Locale): Promise<void>;
  /** What the platform said about the person on their latest event: their app's language, and a name where kohort had none. */
  notePlatformFacts(participantId: string, facts: { platformLocale?: Locale; displayName?: string }): Promise<void>;
  /** `locale`: a language chosen before joining (null: none chosen). */
  enrol(input: { cohortId: string; platform: Platform; userId: string; tenantId?: string; displayName: string; locale: Locale | null; platformLocale: Locale | null; at: Date }): Promise<Person>;
}

export interface CohortDirectory {
  findByJoinCode(code: string): Promise<{ id: string; name: string } | undefined>;
}

export interface UpcomingDeadline {
  preparationId: string;
  title: string;
  dueAt: Date;
  moduleNumber: number;
  moduleTitle: string;
}

export interface DeadlineReader {
  upcoming(person: Pick<Person, 'participantId' | 'programId'>, now: Date, limit: number, locale?: Locale): Promise<{ items: UpcomingDeadline[]; total: number }>;
}

export interface ConversationStore {
  /** Stores the latest reference; true when the conversation was not known before. */
  remember(ref: ConversationRef, participantId: string | undefined): Promise<boolean>;
  /** kohort was removed from the conversation: never post there on its own again. */
  forget(ref: Pick<ConversationRef, 'platform' | 'key'>): Promise<void>;
  /** The participant's direct conversations with kohort, most recently used first. */
  directOf(participantId: string): Promise<ConversationRef[]>;
  /** directOf for many at once (an outbox batch): participants without one are left out. */
  directOfMany(participantIds: readonly string[]): Promise<Map<string, ConversationRef[]>>;
  /** A visitor's language choice, kept with the conversation until they join (members keep theirs on themselves). */
  chooseLocale(ref: Pick<ConversationRef, 'platform' | 'key'>, locale: Locale): Promise<void>;
  chosenLocale(ref: Pick<ConversationRef, 'platform' | 'key'>): Promise<Locale | undefined>;
}

export interface AuditEntry {
  at: Date;
  actorId?: string;
  action: string;
  subject?: string;
  detail?: Record<string, unknown>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  /** The file's bytes, served as they are: a text encoding's byte-order mark is part of the file. */
  content: Uint8Array;
}

export interface ExportStore {
  /** Stores a file for download; returns its unguessable id. */
  create(file: ExportFile & { cohortId: string; at: Date; expiresAt: Date }): Promise<string>;
  /** The file, unless it is unknown or expired. */
  find(id: string, now: Date): Promise<ExportFile | undefined>;
}

/** Where people reach kohort over HTTP (download links); known once the server listens. */
export interface PublicLinks {
  base: string;
}

export interface ReflectionStore {
  /** The reflection questions attached to a preparation (from the program file). */
  questions(preparationId: string, locale?: Locale): Promise<string[]>;
  /** Stores (or replaces) the answer to one question; returns the reflection's id. */
  save(input: { participantId: string; preparationId: string; questionKey: string; answer: string; at: Date }): Promise<string>;
  byId(id: string): Promise<{ id: string; participantId: string; preparationId: string; questionKey: string; quoteAllowed: boolean } | undefined>;
  setQuoteAllowed(id: string, allowed: boolean): Promise<void>;
  /** Preparations that ask their questions at a set time, with the participants to ask. */
  scheduled(programIds?: string[]): Promise<{ preparationId: string; reflectAt: Date; cohorts: { cohortId: string; participantIds: string[] }[] }[]>;
  /** questions for many preparations at once (an outbox batch), by language and then preparation id. */
  questionsIn(preparationIds: readonly string[], locales: readonly Locale[]): Promise<Map<Locale, Map<string, string[]>>>;
  /** True when the person has answered at least one of the preparation's questions. */
  answeredAny(participantId: string, preparationId: string): Promise<boolean>;
  /** answeredAny for many at once: by participant, the preparations (of those given) they have answered something of. */
  answeredAmong(participantIds: readonly string[], preparationIds: readonly string[]): Promise<Map<string, Set<string>>>;
  /** Remembers the question just asked, so a typed reply answers it; undefined forgets it. */
  setAwaited(participantId: string, question: { preparationId: string; index: number } | undefined, at: Date): Promise<void>;
  /** setAwaited for many people at once (the questions of one outbox batch), in one statement. */
  setAwaitedMany(questions: readonly { participantId: string; preparationId: string; index: number }[], at: Date): Promise<void>;
  /** The question the person was asked last and has not answered, if any. */
  awaited(participantId: string): Promise<{ preparationId: string; index: number; askedAt: Date } | undefined>;
}

/** Someone with an identity on a platform (the playground's person picker lists them). */
export interface PlatformPerson {
  userId: string;
  name: string;
  roles: string[];
  cohort: string;
}

/** A channel of a cohort (or one of its groups) on a platform. */
export interface PlatformChannel {
  channelId: string;
  cohort: string;
  group: string | null;
}

/** Who and which channels the program places on one platform. */
export interface PlatformDirectory {
  people(platform: Platform): Promise<PlatformPerson[]>;
  channels(platform: Platform): Promise<PlatformChannel[]>;
}

/** What kohort last offered in a conversation on a platform without buttons or forms. */
export interface PromptStore {
  /** Replaces what was offered in the conversation; undefined forgets it. */
  remember(platform: Platform, conversationKey: string, prompt: OfferedPrompt | undefined, at: Date): Promise<void>;
  /** What was offered last, and when. */
  latest(platform: Platform, conversationKey: string): Promise<{ prompt: OfferedPrompt; at: Date } | undefined>;
}
