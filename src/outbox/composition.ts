// The outbox's side of the registry: a claimed batch goes to its kinds' composers with
// each feature's ports. Composing is set-based: the batch's people are read in one query,
// each kind's composer loads what its rows need in a few more (`prepare`), then every row
// is decided from what was loaded; the first-contact notices are claimed in one statement.
// Settled rows go to the composers that want to know (a broadcast's report); planning
// runs every feature's planner.
import pLimit from 'p-limit';
import type { BatchContext, Composed, ComposeMemo } from '../application/feature.js';
import { memoised } from '../application/feature.js';
import type { PlanningPort, Ports } from '../application/ports.js';
import type { FeatureRegistry } from '../application/registry.js';
import { sessionFor } from '../application/session.js';
import type { OutboxRow } from '../domain/outbox.js';
import type { Person } from '../domain/ports.js';
import type { Translator } from '../i18n/i18n.js';
import type { Message } from '../ui/model.js';

/** A row of the batch as composed: its message, why it is skipped, or the error that stopped it. */
export interface ComposedRow {
  row: OutboxRow;
  late: boolean;
  composed: Composed | { error: unknown };
  /** The message carries the first-contact notice, claimed for this person by this batch. */
  firstContact: boolean;
}

export interface ComposedBatch {
  rows: ComposedRow[];
  /** Rows composed here but not delivered after all: their people's first-contact claims are given back. */
  notDelivered(rows: readonly OutboxRow[]): Promise<void>;
}

/** Rows composed at once whose composer may read on its own (a summary's facts, a language model). */
const COMPOSING_AT_ONCE = 4;

export function composeByKind(registry: FeatureRegistry, translator: Translator, ports: Pick<Ports, 'people' | 'personalData'>) {
  /** The people a batch names, read together: one query for the rows, one more for any others a composer asks for at once. */
  function batchPeople() {
    const known = new Map<string, Promise<Person | undefined>>();
    return async (ids: Iterable<string>): Promise<ReadonlyMap<string, Person>> => {
      const wanted = [...new Set(ids)];
      const missing = wanted.filter((id) => !known.has(id));
      if (missing.length > 0) {
        const loading = ports.people.findByIds(missing);
        const one = (id: string) => loading.then((found) => found.get(id));
        for (const id of missing) known.set(id, one(id));
      }
      const found = await Promise.all(wanted.map(async (id) => [id, await known.get(id)] as const));
      return new Map(found.filter((entry): entry is readonly [string, Person] => entry[1] !== undefined));
    };
  }

  /**
   * The first message kohort ever sends a person carries what first contact adds (the
   * privacy notice), once: claimed for the batch's first message to each person who has
   * not had it, in one statement, and rendered once per program and language.
   */
  async function withFirstContact(rows: ComposedRow[], people: BatchContext<unknown>['people'], now: Date, memo: ComposeMemo): Promise<void> {
    const first = new Map<string, ComposedRow>();
    for (const item of rows) if (item.row.participantId && 'message' in item.composed && !first.has(item.row.participantId)) first.set(item.row.participantId, item);
    const known = await people(first.keys());
    const waiting = [...first.keys()].filter((id) => known.get(id)?.privacyNoticed === false);
    if (waiting.length === 0) return;
    const claimed = await ports.personalData.claimFirstNotices(waiting, now);
    for (const id of claimed) {
      const item = first.get(id)!;
      const person = known.get(id)!;
      const session = sessionFor(person, translator, now);
      const extra = await memoised(memo, `first-contact:${person.programId}:${session.locale}`, () => registry.firstContact(session));
      item.firstContact = true;
      if (extra.length > 0 && 'message' in item.composed) item.composed = { ...item.composed, message: { blocks: [...item.composed.message.blocks, { type: 'divider' }, ...extra] } };
    }
  }

  /** Each kind's shared write before sending (who is awaited to answer); a failure there fails that kind's rows, to be tried again. */
  async function beforeSending(rows: ComposedRow[], now: Date): Promise<void> {
    for (const [kind, items] of byKind(rows.filter((item) => 'message' in item.composed))) {
      const bound = registry.composer(kind);
      if (!bound?.entry.beforeSend) continue;
      try {
        await bound.entry.beforeSend(
          items.map((item) => ({ row: item.row, message: (item.composed as { message: Message }).message })),
          bound.ports,
          now,
        );
      } catch (error) {
        for (const item of items) item.composed = { error };
      }
    }
  }

  return {
    /** Composes a claimed batch; `late` says which rows are sent well after their time. */
    async compose(batch: readonly { row: OutboxRow; late: boolean }[], now: Date): Promise<ComposedBatch> {
      // Shared lookups live for one batch only, so an edited preparation shows in the next one.
      const memo: ComposeMemo = new Map();
      const people = batchPeople();
      const shared = { now, memo, translator, people, sessionFor: (person: Person) => sessionFor(person, translator, now) };
      await people(batch.flatMap(({ row }) => (row.participantId ? [row.participantId] : [])));
      const failedToLoad = new Map<OutboxRow['kind'], unknown>();
      for (const [kind, items] of byKind(batch)) {
        const bound = registry.composer(kind);
        try {
          await bound?.entry.prepare?.(
            items.map((item) => item.row),
            { ...shared, ports: bound.ports },
          );
        } catch (error) {
          failedToLoad.set(kind, error);
        }
      }
      const limit = pLimit(COMPOSING_AT_ONCE);
      const rows = await Promise.all(
        batch.map(({ row, late }) =>
          limit(async (): Promise<ComposedRow> => {
            const composed = failedToLoad.has(row.kind) ? { error: failedToLoad.get(row.kind) } : await composeOne(row, late, shared).catch((error: unknown) => ({ error }));
            return { row, late, composed, firstContact: false };
          }),
        ),
      );
      // The shared writes first: a row they fail is not sent, so it must not take the notice.
      await beforeSending(rows, now);
      await withFirstContact(rows, people, now, memo);
      return {
        rows,
        async notDelivered(undelivered) {
          const ids = new Set(undelivered.map((row) => row.id));
          const recipients = rows.filter((item) => item.firstContact && ids.has(item.row.id)).map((item) => item.row.participantId!);
          await ports.personalData.releaseFirstNotices(recipients, now);
        },
      };
    },
    async settle(rows: OutboxRow[], now: Date): Promise<void> {
      for (const [kind, items] of byKind(rows.map((row) => ({ row })))) {
        const bound = registry.composer(kind);
        await bound?.entry.settled?.(
          items.map((item) => item.row),
          bound.ports,
          now,
        );
      }
    },
  };

  async function composeOne(row: OutboxRow, late: boolean, shared: Omit<BatchContext<unknown>, 'ports'>): Promise<Composed> {
    const channel = 'channel' in row.payload ? row.payload.channel : undefined;
    if (!row.participantId && !channel) return { skip: 'no recipient' };
    const bound = registry.composer(row.kind);
    // Unreachable by construction (the feature list is checked to cover every kind).
    if (!bound) return { skip: `no composer for ${row.kind}` };
    const person = async (id: string | undefined) => (id ? (await shared.people([id])).get(id) : undefined);
    return bound.entry.compose(row, { ...shared, ports: bound.ports, late, person });
  }
}

function byKind<T extends { row: OutboxRow }>(items: readonly T[]): Map<OutboxRow['kind'], T[]> {
  const grouped = new Map<OutboxRow['kind'], T[]>();
  for (const item of items) (grouped.get(item.row.kind) ?? grouped.set(item.row.kind, []).get(item.row.kind)!).push(item);
  return grouped;
}

export function createPlanning(registry: FeatureRegistry): PlanningPort {
  return {
    async replan(scope, now) {
      const planned: Record<string, { planned: number; cancelled: number }> = {};
      // One after another: PGlite answers one query at a time anyway, and the log stays readable.
      for (const { entry, ports } of registry.planners) planned[entry.name] = await entry.plan(ports, scope, now);
      return planned;
    },
  };
}
