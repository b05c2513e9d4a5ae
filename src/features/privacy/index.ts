// A person's data rights in chat: `integritet` (who is responsible, what is kept, who sees
// what, for how long, the rights), `mina data` (a copy as one JSON file behind a link in the
// direct conversation) and `glöm mig` (erasure, after a confirmation). The first message a
// person gets from kohort carries the notice too (see firstContact).
import { defineFeature, onAction, type Turn } from '../../application/feature.js';
import type { Ports } from '../../application/ports.js';
import { answer, refuse, say, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { actions, header, message, text, type Block } from '../../ui/model.js';
import type { ErasureOutcome } from '../../domain/privacy.js';
import { FORGET_CANCEL, FORGET_CONFIRM } from './controls.js';

type PrivacyPorts = Pick<Ports, 'personalData' | 'people' | 'outbox' | 'audit' | 'links' | 'wake'>;

/** A download of one's own data is valid this long (the issue allows at most 24 hours). */
export const PERSONAL_LINK_HOURS = 24;

/** The privacy notice: who is responsible, what and why, who sees what, how long, the rights and the commands. */
export async function noticeBlocks(session: Session, ports: Pick<Ports, 'personalData'>): Promise<Block[]> {
  const person = memberOf(session);
  const facts = await ports.personalData.facts(person.programId);
  const controller = facts.controller ?? session.t('privacy.notice.controller_unknown');
  return [
    header(session.t('privacy.notice.title')),
    text(session.t('privacy.notice.controller', { controller, contact: facts.contact ?? session.t('privacy.notice.contact_facilitator') })),
    text(session.t('privacy.notice.what')),
    text(session.t('privacy.notice.who', { min: facts.minGroupSize })),
    text(facts.retentionDays ? session.t('privacy.notice.retention', { days: facts.retentionDays }) : session.t('privacy.notice.retention_unset')),
    text(session.t('privacy.notice.rights')),
  ];
}

async function myData(session: Session, ports: PrivacyPorts, turn: Turn): Promise<Reply> {
  const person = memberOf(session);
  // The link opens the person's data to whoever holds it: it is only ever given in the person's own direct conversation.
  if (turn.conversation.kind !== 'dm') return say(session, 'privacy.my_data.direct_only');
  const expiresAt = new Date(session.now.getTime() + PERSONAL_LINK_HOURS * 3600_000);
  const file = await ports.personalData.exportFile(person.participantId, session.now, expiresAt);
  if (!file) return say(session, 'common.errors.not_a_member');
  await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'personal_data.exported', subject: file.id });
  const c = file.counts;
  const held = [
    session.t('privacy.my_data.identities', { count: c.identities }),
    session.t('privacy.my_data.completions', { count: c.completions }),
    session.t('privacy.my_data.attempts', { count: c.attempts, answers: c.answers, skipped: c.skipped }),
    session.t('privacy.my_data.commitments', { count: c.commitments, followUps: c.followUps }),
    session.t('privacy.my_data.reflections', { count: c.reflections }),
    session.t('privacy.my_data.messages', { count: c.messages }),
    session.t('privacy.my_data.audit', { count: c.audit }),
  ];
  return answer(
    message(
      header(session.t('privacy.my_data.title')),
      text(session.t('privacy.my_data.intro')),
      text(held.map((line) => `• ${line}`).join('\n')),
      { type: 'links', links: [{ label: file.filename, url: `${ports.links.base}/exports/${file.id}` }] },
      text(session.t('privacy.my_data.expires', { hours: PERSONAL_LINK_HOURS }), 'muted'),
    ),
  );
}

function askToForget(session: Session): Reply {
  const person = memberOf(session);
  return answer(
    message(
      header(session.t('privacy.forget.title')),
      text(session.t('privacy.forget.erased')),
      text(session.t('privacy.forget.stays')),
      text(session.t('privacy.forget.final')),
      actions(
        FORGET_CONFIRM.button(session.t('privacy.forget.confirm'), { participantId: person.participantId }, 'danger'),
        FORGET_CANCEL.button(session.t('privacy.forget.cancel'), { participantId: person.participantId }),
      ),
    ),
  );
}

/**
 * Erases a person and tells the cohort's facilitators that someone was erased (their figures
 * change), never who. The one path for `glöm mig` and an admin's `person erase`.
 */
export async function eraseAndTell(
  ports: Pick<Ports, 'personalData' | 'people' | 'outbox'>,
  person: { participantId: string; cohortId: string },
  at: Date,
  cause: 'self' | 'admin',
): Promise<ErasureOutcome | undefined> {
  const facilitators = (await ports.people.facilitatorsOf(person.cohortId)).filter((f) => f.participantId !== person.participantId);
  const outcome = await ports.personalData.erase(person.participantId, at, cause);
  if (!outcome) return undefined;
  await ports.outbox.plan(
    facilitators.map((f) => ({
      idempotencyKey: `notice:person_erased:${f.participantId}:${at.toISOString()}`,
      kind: 'notice' as const,
      cohortId: person.cohortId,
      participantId: f.participantId,
      dueAt: at,
      payload: { notice: 'person_erased' as const },
    })),
  );
  return outcome;
}

async function forget(session: Session, ports: PrivacyPorts, participantId: string): Promise<Reply> {
  const person = memberOf(session);
  // Only one's own erasure: a confirmation button from someone else's card erases no one.
  if (participantId !== person.participantId) return refuse(session, 'privacy.forget.not_yours');
  const outcome = await eraseAndTell(ports, person, session.now, 'self');
  if (!outcome) return refuse(session, 'privacy.forget.already');
  return { ...answer(message(text(session.t('privacy.forget.done')))), wakeOutbox: true };
}

export const privacyFeature = defineFeature({
  name: 'privacy',
  needs: ['personalData', 'people', 'outbox', 'audit', 'links', 'wake'],
  commands: [
    {
      id: 'privacy',
      capability: 'my_data',
      async run(session, ports) {
        // This answer is the notice: a first message that asks for it does not carry it twice.
        await ports.personalData.claimFirstNotice(memberOf(session).participantId, session.now);
        return answer(message(...(await noticeBlocks(session, ports))));
      },
    },
    { id: 'my_data', capability: 'my_data', run: (session, ports, _args, turn) => myData(session, ports, turn) },
    { id: 'forget_me', capability: 'forget_me', run: async (session) => askToForget(session) },
  ],
  actions: [
    onAction(FORGET_CONFIRM, 'forget_me', (session, ports: PrivacyPorts, { participantId }) => forget(session, ports, participantId)),
    onAction(FORGET_CANCEL, 'forget_me', async (session) => say(session, 'privacy.forget.kept')),
  ],
  composers: {
    notice: {
      async compose(row, context) {
        if (!row.participantId) return { skip: 'a notice goes to a person' };
        const person = await context.person(row.participantId);
        if (!person) return { skip: 'recipient no longer in the cohort' };
        return { message: message(text(context.sessionFor(person).t(`privacy.notices.${row.payload.notice}`))) };
      },
    },
  },
  firstContact: { order: 0, render: (session, ports) => noticeBlocks(session, ports) },
});
