// The outbox's side of the registry: each claimed row goes to its kind's composer with
// that feature's ports and the recipient's session; settled rows go to the composers that
// want to know (a broadcast's report); planning runs every feature's planner.
import { memoised, type Composed, type ComposeMemo } from '../application/feature.js';
import type { PlanningPort, Ports } from '../application/ports.js';
import type { FeatureRegistry } from '../application/registry.js';
import { sessionFor } from '../application/session.js';
import type { OutboxRow } from '../domain/outbox.js';
import type { Translator } from '../i18n/i18n.js';

export function composeByKind(registry: FeatureRegistry, translator: Translator, ports: Pick<Ports, 'people' | 'personalData'>) {
  /** The first message kohort ever sends a person carries what first contact adds (the privacy notice), once. */
  async function withFirstContact(row: OutboxRow, composed: Composed, now: Date, memo: ComposeMemo): Promise<Composed> {
    if (!row.participantId || !('message' in composed)) return composed;
    // One query for the whole batch; most people have had theirs long ago.
    const waiting = await memoised(memo, 'privacy:not-noticed', () => ports.personalData.notNoticed());
    if (!waiting.has(row.participantId) || !(await ports.personalData.claimFirstNotice(row.participantId, now))) return composed;
    const person = await ports.people.findById(row.participantId);
    if (!person) return composed;
    const extra = await registry.firstContact(sessionFor(person, translator, now));
    return extra.length === 0 ? composed : { ...composed, message: { blocks: [...composed.message.blocks, { type: 'divider' }, ...extra] } };
  }
  return {
    async compose(row: OutboxRow, now: Date, late: boolean, memo: ComposeMemo): Promise<Composed> {
      const bound = registry.composer(row.kind);
      // Unreachable by construction (the feature list is checked to cover every kind).
      if (!bound) return { skip: `no composer for ${row.kind}` };
      const composed = await bound.entry.compose(row, { ports: bound.ports, now, late, memo, translator, sessionFor: (person) => sessionFor(person, translator, now) });
      return withFirstContact(row, composed, now, memo);
    },
    async settle(rows: OutboxRow[], now: Date): Promise<void> {
      const byKind = new Map<OutboxRow['kind'], OutboxRow[]>();
      for (const row of rows) byKind.set(row.kind, [...(byKind.get(row.kind) ?? []), row]);
      for (const [kind, settled] of byKind) {
        const bound = registry.composer(kind);
        await bound?.entry.settled?.(settled, bound.ports, now);
      }
    },
  };
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
