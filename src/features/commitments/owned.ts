// The commitment a button or form names, if it still exists and is the person's own:
// anyone else's click, or one on a withdrawn commitment, is explained and changes nothing.
import type { Ports } from '../../application/ports.js';
import { refuse, type Reply } from '../../application/reply.js';
import type { Session } from '../../application/session.js';
import type { CommitmentWithHistory } from '../../domain/commitments/store.js';

export type Owned = { ok: true; commitment: CommitmentWithHistory } | { ok: false; reply: Reply };

/** `withdrawn`: the commitment must be one the person has taken back (to undo that). */
export async function ownCommitment(session: Session, ports: Pick<Ports, 'commitments'>, id: string, options: { withdrawn?: boolean } = {}): Promise<Owned> {
  const c = await ports.commitments.byId(id);
  if (!c || (c.status === 'withdrawn') !== (options.withdrawn ?? false)) return { ok: false, reply: refuse(session, 'commitments.problem.gone') };
  if (c.participantId !== session.person?.participantId) return { ok: false, reply: refuse(session, 'commitments.problem.not_yours') };
  return { ok: true, commitment: c };
}
