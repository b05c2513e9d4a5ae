// The features, bound to their ports and indexed for the surfaces: the chat router looks
// up commands, actions and forms here, the outbox its composers, planning its planners,
// `status` and the home surface their sections. Built once at start-up; two features
// claiming the same command, action, form or outbox kind stop it there.
import type { OutboundKind } from '../domain/outbox.js';
import { authorize, can } from '../domain/roles.js';
import type { Block } from '../ui/model.js';
import { COMMAND_IDS, type CommandId } from './commands.js';
import type { ActionEntry, AnyFeature, CommandEntry, Composer, FormEntry, Planner, Section, Turn, TypedEntry } from './feature.js';
import { pickPorts, type CatalogPort, type Ports } from './ports.js';
import type { Reply } from './reply.js';
import type { Session } from './session.js';

/**
 * The registry holds every feature's entries together, each with its own port set: the
 * types are erased here, and each entry is only ever called with the ports it was bound to.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
type Erased = any;

/** An entry together with the ports its feature declared. */
export interface Bound<E> {
  feature: string;
  entry: E;
  ports: Erased;
}

export class FeatureRegistry implements CatalogPort {
  private readonly commands = new Map<CommandId, Bound<CommandEntry<Erased>>>();
  private readonly actions = new Map<string, Bound<ActionEntry<Erased>>>();
  private readonly forms = new Map<string, Bound<FormEntry<Erased>>>();
  private readonly composers = new Map<OutboundKind, Bound<Composer<Erased, OutboundKind>>>();
  readonly typed: Bound<TypedEntry<Erased>>[] = [];
  readonly planners: Bound<Planner<Erased>>[] = [];
  private readonly status: Bound<Section<Erased>>[] = [];
  private readonly home: Bound<Section<Erased>>[] = [];
  private readonly first: Bound<Section<Erased>>[] = [];

  constructor(features: readonly AnyFeature[], ports: Ports) {
    for (const feature of features) {
      const bound = <E>(entry: E): Bound<E> => ({ feature: feature.name, entry, ports: pickPorts(ports, feature.needs) });
      for (const entry of feature.commands ?? []) claim(this.commands, entry.id, bound(entry), 'command');
      for (const entry of feature.actions ?? []) claim(this.actions, entry.id, bound(entry), 'action');
      for (const entry of feature.forms ?? []) claim(this.forms, entry.id, bound(entry), 'form');
      for (const [kind, composer] of Object.entries(feature.composers ?? {})) claim(this.composers, kind as OutboundKind, bound(composer as Composer<Erased, OutboundKind>), 'outbox kind');
      if (feature.typed) this.typed.push(bound(feature.typed));
      for (const planner of feature.planners ?? []) this.planners.push(bound(planner));
      for (const section of feature.statusSections ?? []) this.status.push(bound(section));
      for (const section of feature.homeSections ?? []) this.home.push(bound(section));
      if (feature.firstContact) this.first.push(bound(feature.firstContact));
    }
    this.status.sort((a, b) => a.entry.order - b.entry.order);
    this.home.sort((a, b) => a.entry.order - b.entry.order);
  }

  command(id: CommandId): Bound<CommandEntry<Erased>> | undefined {
    return this.commands.get(id);
  }

  action(id: string): Bound<ActionEntry<Erased>> | undefined {
    return this.actions.get(id);
  }

  form(name: string): Bound<FormEntry<Erased>> | undefined {
    return this.forms.get(name);
  }

  // A chat entry is authorised here, at its own boundary, against the one matrix: every
  // surface that runs one goes through these, so none can reach it around the check.
  // Each throws NotAuthorisedError for a session whose roles do not allow the entry.

  /** Runs a command; undefined when no feature answers it. */
  async runCommand(id: CommandId, session: Session, args: string, turn: Turn): Promise<Reply | undefined> {
    const bound = this.commands.get(id);
    if (!bound) return undefined;
    authorize(session.roles, bound.entry.capability);
    return bound.entry.run(session, bound.ports, args, turn);
  }

  /** Runs a button or drop-down's action; undefined when no feature draws it. */
  async runAction(id: string, session: Session, value: string, turn: Turn): Promise<Reply | undefined> {
    const bound = this.actions.get(id);
    if (!bound) return undefined;
    authorize(session.roles, bound.entry.capability);
    return bound.entry.handle(session, bound.ports, value, turn);
  }

  /** Runs a submitted form, found by its name (the form id before ":"); undefined when no feature draws it. */
  async submitForm(name: string, session: Session, formId: string, values: Readonly<Record<string, string>>, turn: Turn): Promise<Reply | undefined> {
    const bound = this.forms.get(name);
    if (!bound) return undefined;
    authorize(session.roles, bound.entry.capability);
    return bound.entry.handle(session, bound.ports, formId, values, turn);
  }

  composer(kind: OutboundKind): Bound<Composer<Erased, OutboundKind>> | undefined {
    return this.composers.get(kind);
  }

  /** The commands a session may use, in COMMAND_IDS order (the order help lists them in). */
  offeredCommands(session: Session): { id: CommandId; argumentKey?: string }[] {
    return COMMAND_IDS.flatMap((id) => {
      const entry = this.commands.get(id)?.entry;
      if (!entry || !can(session.roles, entry.capability) || (entry.visitorsOnly && session.person)) return [];
      return [{ id, ...(entry.argumentKey ? { argumentKey: entry.argumentKey } : {}) }];
    });
  }

  statusSections(session: Session): Promise<Block[][]> {
    return Promise.all(this.status.map(({ entry, ports }) => entry.render(session, ports)));
  }

  homeSections(session: Session): Promise<Block[][]> {
    return Promise.all(this.home.map(({ entry, ports }) => entry.render(session, ports)));
  }

  /** What a person's first message from kohort carries besides its content, in order; empty when nothing. */
  async firstContact(session: Session): Promise<Block[]> {
    const sections = await Promise.all(this.first.map(({ entry, ports }) => entry.render(session, ports)));
    return sections.flat();
  }
}

function claim<K, V>(map: Map<K, V>, key: K, value: V, what: string): void {
  if (map.has(key)) throw new Error(`two features claim the ${what} ${String(key)}`);
  map.set(key, value);
}
