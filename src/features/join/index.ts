// `gå med KOD` / `join CODE` (or the form): self-enrolment with the cohort's join code.
// A late joiner gets the reminders and questions still ahead, never a burst of old ones.
import { defineFeature, onForm, type Turn } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { say, type Reply } from '../../application/reply.js';
import type { Session } from '../../application/session.js';
import { localeFromPlatform } from '../../i18n/i18n.js';
import { JOIN_FORM } from '../shared/controls.js';

type JoinPorts = Pick<Ports, 'cohorts' | 'people' | 'conversations' | 'planning' | 'audit'>;

async function join(session: Session, ports: JoinPorts, code: string, turn: Turn): Promise<Reply> {
  if (session.person) return say(session, 'join.already', { cohort: session.person.cohortName });
  if (!code) return say(session, 'join.missing_code');
  const cohort = await ports.cohorts.findByJoinCode(code);
  if (!cohort) return say(session, 'join.unknown_code', { code: code.slice(0, 40) });
  const { actor } = turn;
  const person = await ports.people.enrol({
    cohortId: cohort.id,
    platform: actor.platform,
    userId: actor.userId,
    tenantId: actor.tenantId,
    // A name the facilitators can tell apart: the platform's, else the platform id (replaced by a name once the platform gives one).
    displayName: actor.displayName?.trim() || actor.userId,
    // A language chosen as a visitor stays chosen; otherwise the chat app's language and the program's decide, as for everyone.
    locale: (await ports.conversations.chosenLocale(turn.conversation)) ?? null,
    platformLocale: localeFromPlatform(actor.locale) ?? null,
    at: session.now,
  });
  await ports.conversations.remember(turn.conversation, person.participantId);
  await ports.planning.replan({ programIds: [person.programId], participantIds: [person.participantId] }, session.now);
  await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'cohort.joined', subject: cohort.id });
  return { ...say(session, 'join.joined', { cohort: cohort.name }), refreshHome: true };
}

export const joinFeature = defineFeature({
  name: 'join',
  needs: ['cohorts', 'people', 'conversations', 'planning', 'audit'],
  commands: [{ id: 'join', capability: 'join', argumentKey: 'code', visitorsOnly: true, run: (session, ports, args, turn) => join(session, ports, args, turn) }],
  forms: [onForm(JOIN_FORM, 'join', (session, ports: JoinPorts, { text }, turn) => join(session, ports, text.trim(), turn))],
});
