// Who kohort cannot reach, and why, and who has never connected (facilitators, in the web
// console) — so a facilitator can act before the first reminder goes out, not after it fails.
// Unreachable: a platform refused them for good (the identity is marked), or the latest
// message to them was given up for a reason about them (no platform, app not installed, user
// gone) and they have not written since. Never connected: they have never written to kohort
// in a direct conversation on any platform; with the platforms kohort knows them on (a
// person the program lists by e-mail only is looked up when the first message goes out).
import type { Ports } from '../../application/ports.js';
import { memberOf } from '../../application/session.js';
import { useCase } from '../../application/use-case.js';
import type { Platform } from '../../core/events.js';
import type { DeliveryReason } from '../../domain/outbox.js';
import type { ReachFacts } from '../../domain/reminders/roster.js';

/** Reasons a message failed that say something about the person (not about kohort's own set-up). */
const ABOUT_THE_PERSON: ReadonlySet<DeliveryReason> = new Set(['unreachable', 'forbidden', 'not_found', 'rejected', 'no_platform']);

export interface Unreachable {
  participantId: string;
  name: string;
  /** Where they were lost, when kohort knows. */
  platform: Platform | undefined;
  reason: DeliveryReason;
  since: Date;
}

export interface NeverConnected {
  participantId: string;
  name: string;
  /** The platforms kohort knows an account of theirs on. */
  knownOn: Platform[];
  hasEmail: boolean;
}

export interface Reachability {
  unreachable: Unreachable[];
  neverConnected: NeverConnected[];
}

export function reachabilityOf(people: readonly ReachFacts[]): Reachability {
  const unreachable: Unreachable[] = [];
  const neverConnected: NeverConnected[] = [];
  for (const p of people) {
    const lost = p.identities.filter((i) => i.unreachableSince !== null);
    const failure = p.lastFailure && ABOUT_THE_PERSON.has(p.lastFailure.reason) && (!p.lastWrote || p.lastWrote < p.lastFailure.at) ? p.lastFailure : undefined;
    if (lost.length > 0) {
      // Still marked, so they have not written since (writing clears the mark): the latest refusal says why.
      const refusal = p.lastFailure && ABOUT_THE_PERSON.has(p.lastFailure.reason) && p.lastFailure.reason !== 'no_platform' ? p.lastFailure.reason : 'unreachable';
      for (const identity of lost) unreachable.push({ participantId: p.participantId, name: p.name, platform: identity.platform, reason: refusal, since: identity.unreachableSince! });
    } else if (failure) {
      unreachable.push({ participantId: p.participantId, name: p.name, platform: undefined, reason: failure.reason, since: failure.at });
    } else if (!p.lastWrote) {
      neverConnected.push({ participantId: p.participantId, name: p.name, knownOn: [...new Set(p.identities.map((i) => i.platform))], hasEmail: p.hasEmail });
    }
  }
  return { unreachable, neverConnected };
}

export const cohortReachability = useCase('view_cohort', async (session, ports: Pick<Ports, 'roster'>, _input: void): Promise<Reachability> =>
  reachabilityOf(await ports.roster.reach(memberOf(session).cohortId)),
);
