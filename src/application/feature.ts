// A feature is a folder that exports one descriptor: the chat commands, actions and forms
// it answers, the outbox kinds it composes, what it plans ahead, what it adds to `status`
// and the home surface, and the ports it needs. One list names the features
// (src/features/index.ts); the chat router, the outbox, planning and the home surface
// iterate over it, so adding a feature edits nothing central.
import type { Actor, ConversationRef } from '../core/events.js';
import type { Person } from '../domain/ports.js';
import type { OutboundKind, OutboxRow } from '../domain/outbox.js';
import type { Capability } from '../domain/roles.js';
import type { Translator } from '../i18n/i18n.js';
import type { Block, Message } from '../ui/model.js';
import type { CommandId } from './commands.js';
import { formName, type ActionDef, type FormDef } from './interaction.js';
import type { PlanScope, PortName, Ports } from './ports.js';
import { oldButton, type Reply } from './reply.js';
import type { Session } from './session.js';

/** What a chat entry may need to know about the turn itself (who, where, which delivery). */
export interface Turn {
  /** The platform's id of this delivery: a key for anything a retry must not do twice. */
  eventId: string;
  actor: Actor;
  conversation: ConversationRef;
}

export interface CommandEntry<P> {
  readonly id: CommandId;
  readonly capability: Capability;
  /** Shown after the word in help ("KOD"): a prompt key under commands.args. */
  readonly argumentKey?: string;
  /** Only offered to people in no cohort yet (a member has nothing to join). */
  readonly visitorsOnly?: boolean;
  readonly run: (session: Session, ports: P, args: string, turn: Turn) => Promise<Reply>;
}

export interface ActionEntry<P> {
  readonly id: string;
  readonly capability: Capability;
  /** Decodes the value with the action's schema; a value that does not decode is an old button. */
  readonly handle: (session: Session, ports: P, value: string, turn: Turn) => Promise<Reply>;
}

export function onAction<P, T>(action: ActionDef<T>, capability: Capability, run: (session: Session, ports: P, payload: T, turn: Turn) => Promise<Reply>): ActionEntry<P> {
  return {
    id: action.id,
    capability,
    handle: async (session, ports, value, turn) => {
      const payload = action.decode(value);
      return payload === undefined ? oldButton(session) : run(session, ports, payload, turn);
    },
  };
}

export interface FormEntry<P> {
  readonly id: string;
  readonly capability: Capability;
  readonly handle: (session: Session, ports: P, formId: string, values: Readonly<Record<string, string>>, turn: Turn) => Promise<Reply>;
}

export function onForm<P, K>(form: FormDef<K>, capability: Capability, run: (session: Session, ports: P, input: { key: K; text: string }, turn: Turn) => Promise<Reply>): FormEntry<P> {
  return {
    id: form.id,
    capability,
    handle: async (session, ports, formId, values, turn) => {
      const key = formName(formId) === form.id ? form.decode(formId) : undefined;
      return key === undefined ? oldButton(session) : run(session, ports, { key, text: values[form.inputId] ?? '' }, turn);
    },
  };
}

/** A typed message a feature may claim before it is read as a command (an answer in the test). */
export interface TypedEntry<P> {
  readonly capability: Capability;
  /** A reply when the text was the feature's; undefined to let the message be read as usual. */
  readonly handle: (session: Session, ports: P, text: string, isCommand: boolean) => Promise<Reply | undefined>;
}

/** What a composer builds for a claimed row: the message (and a thread part), or why nothing is sent. */
export type Composed = { message: Message; thread?: Message } | { skip: string };

/** Lookups shared by the rows of one batch (a thousand reminders often name one preparation). */
export type ComposeMemo = Map<string | symbol, Promise<unknown>>;

export function memoised<T>(memo: ComposeMemo, key: string | symbol, load: () => Promise<T>): Promise<T> {
  const found = memo.get(key) as Promise<T> | undefined;
  if (found) return found;
  const loading = load();
  memo.set(key, loading);
  return loading;
}

/** What the composers of one outbox batch share: the time, the memo, and the people its rows name. */
export interface BatchContext<P> {
  ports: P;
  now: Date;
  memo: ComposeMemo;
  translator: Translator;
  /** People by id, from the batch's own lookup; those it did not cover are looked up together, in one query. */
  people(participantIds: Iterable<string>): Promise<ReadonlyMap<string, Person>>;
  /** A person's session: their language and zone, as if they had asked. */
  sessionFor(person: Person): Session;
}

export interface ComposeContext<P> extends BatchContext<P> {
  /** Sent well after its due time (after downtime): messages say so. */
  late: boolean;
  /** One person of the batch (undefined when gone); see `people`. */
  person(participantId: string | undefined): Promise<Person | undefined>;
}

export interface Composer<P, K extends OutboundKind> {
  /**
   * Loads what the batch's rows of this kind need, for all of them at once, before any is
   * composed, so a batch costs a few queries however many rows it has. See `batched`.
   */
  readonly prepare?: (rows: OutboxRow<K>[], context: BatchContext<P>) => Promise<void>;
  readonly compose: (row: OutboxRow<K>, context: ComposeContext<P>) => Promise<Composed>;
  /** Once per batch, after its rows of this kind are composed and before any is sent: a write they share, in one statement. */
  readonly beforeSend?: (rows: { row: OutboxRow<K>; message: Message }[], ports: P, now: Date) => Promise<void>;
  /** Once per batch, with the rows of this kind that reached their final outcome. */
  readonly settled?: (rows: OutboxRow<K>[], ports: P, now: Date) => Promise<void>;
}

/**
 * A composer whose lookups are made for a whole batch: `load` reads what a set of rows
 * needs (with set-based queries), `decide` builds one row's message from that alone. A row
 * composed without its batch loaded (a test, a row the batch did not include) is loaded
 * on its own, through the same `load`: the decisions are the same either way.
 */
export function batched<P, K extends OutboundKind, L>(
  definition: {
    load(rows: OutboxRow<K>[], context: BatchContext<P>): Promise<L>;
    decide(row: OutboxRow<K>, loaded: L, context: ComposeContext<P>): Promise<Composed> | Composed;
  } & Pick<Composer<P, K>, 'beforeSend' | 'settled'>,
): Composer<P, K> {
  // This composer's slot in the batch memo: what was loaded, and for which rows.
  const slot = Symbol('batch lookups');
  type Loaded = { rows: ReadonlySet<string>; loaded: L };
  return {
    async prepare(rows, context) {
      const loading = definition.load(rows, context).then((loaded): Loaded => ({ rows: new Set(rows.map((r) => r.id)), loaded }));
      context.memo.set(slot, loading);
      await loading;
    },
    async compose(row, context) {
      const batch = (await context.memo.get(slot)) as Loaded | undefined;
      const loaded = batch?.rows.has(row.id) ? batch.loaded : await definition.load([row], context);
      return definition.decide(row, loaded, context);
    },
    ...(definition.beforeSend ? { beforeSend: definition.beforeSend } : {}),
    ...(definition.settled ? { settled: definition.settled } : {}),
  };
}

export interface PlanOutcome {
  /** Rows newly planned. */
  planned: number;
  /** Pending rows no longer wanted (done, paused, not in the program any more). */
  cancelled: number;
}

export interface Planner<P> {
  readonly name: string;
  /** Brings this feature's part of the outbox plan up to date. */
  readonly plan: (ports: P, scope: PlanScope, now: Date) => Promise<PlanOutcome>;
}

/** A part of `status` or the home surface; empty when it has nothing for this person. */
export interface Section<P> {
  /** Position among every feature's sections (lower first). */
  readonly order: number;
  readonly render: (session: Session, ports: P) => Promise<Block[]>;
}

export interface Feature<N extends PortName, K extends OutboundKind = never> {
  readonly name: string;
  readonly needs: readonly N[];
  // NoInfer: the ports are what `needs` declares, never widened or narrowed by what an entry asks for.
  readonly commands?: readonly CommandEntry<Pick<Ports, NoInfer<N>>>[];
  readonly actions?: readonly ActionEntry<Pick<Ports, NoInfer<N>>>[];
  readonly forms?: readonly FormEntry<Pick<Ports, NoInfer<N>>>[];
  readonly typed?: TypedEntry<Pick<Ports, NoInfer<N>>>;
  /** One composer per outbox kind the feature owns; the list of features must cover every kind. */
  readonly composers?: { readonly [Kind in K]: Composer<Pick<Ports, NoInfer<N>>, Kind> };
  readonly planners?: readonly Planner<Pick<Ports, NoInfer<N>>>[];
  readonly statusSections?: readonly Section<Pick<Ports, NoInfer<N>>>[];
  readonly homeSections?: readonly Section<Pick<Ports, NoInfer<N>>>[];
  /**
   * What the first message a person ever gets from kohort carries besides its own content
   * (the privacy notice). It may depend on the person's program and language only: an
   * outbox batch renders it once for each pair.
   */
  readonly firstContact?: Section<Pick<Ports, NoInfer<N>>>;
}

/** Keeps the literal port names and kinds, so the registry can check them. */
export function defineFeature<const N extends PortName, K extends OutboundKind = never>(feature: Feature<N, K>): Feature<N, K> {
  return feature;
}

/** Any feature, for code that iterates over them (each gets its own ports at run time). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry holds features of every port set
export type AnyFeature = Feature<any, any>;

/** The kinds a list of features composes (for the registry's compile-time coverage check). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any port set: only the kinds matter here
export type ComposedKinds<F> = F extends Feature<any, infer K> ? K : never;

/** `true` when the features compose every outbox kind; otherwise names the kinds left without a composer. */
export type EveryKindComposed<F> = [Exclude<OutboundKind, ComposedKinds<F>>] extends [never] ? true : { kindsWithoutComposer: Exclude<OutboundKind, ComposedKinds<F>> };
