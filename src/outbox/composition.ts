// The outbox's side of the registry: each claimed row goes to its kind's composer with
// that feature's ports and the recipient's session; settled rows go to the composers that
// want to know (a broadcast's report); planning runs every feature's planner.
import type { Composed, ComposeMemo } from '../application/feature.js';
import type { PlanningPort } from '../application/ports.js';
import type { FeatureRegistry } from '../application/registry.js';
import { sessionFor } from '../application/session.js';
import type { OutboxRow } from '../domain/outbox.js';
import type { Translator } from '../i18n/i18n.js';

export function composeByKind(registry: FeatureRegistry, translator: Translator) {
  return {
    async compose(row: OutboxRow, now: Date, late: boolean, memo: ComposeMemo): Promise<Composed> {
      const bound = registry.composer(row.kind);
      // Unreachable by construction (the feature list is checked to cover every kind).
      if (!bound) return { skip: `no composer for ${row.kind}` };
      return bound.entry.compose(row, { ports: bound.ports, now, late, memo, translator, sessionFor: (person) => sessionFor(person, translator, now) });
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
