// How commitments kept "only counted" are shown wherever commitments are listed (a team
// lead's view, the group summary): counted by status, never named, never quoted.
import type { Session } from '../../application/session.js';
import type { CommitmentStatus } from '../../domain/commitments/commitment.js';

/**
 * "3 beslut utan namn: 1 klart, 2 pågår" — by status only where at least `minGroupSize`
 * are counted: fewer could give away whose is which ("1 klart" of one person's).
 */
export function countedLine(session: Pick<Session, 't'>, counted: readonly { status: CommitmentStatus }[], minGroupSize: number): string | undefined {
  if (counted.length === 0) return undefined;
  if (counted.length < minGroupSize) return `• ${session.t('commitments.team.counted_only', { count: counted.length })}`;
  const byStatus = new Map<string, number>();
  for (const c of counted) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const parts = [...byStatus].map(([status, n]) => `${n} ${session.t(`commitments.status.${status}`)}`);
  return `• ${session.t('commitments.team.counted', { count: counted.length, statuses: parts.join(', ') })}`;
}

/** Hours as people write them: "2,5" in Swedish, "2.5" in English. */
export function hoursText(session: Pick<Session, 'locale'>, hours: number): string {
  return new Intl.NumberFormat(session.locale === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(hours);
}
