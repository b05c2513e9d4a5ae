// `sluta` / `stop-doing`: record what I (or my team) will stop doing, from the program's
// suggestions or in my own words; then change who it is for, whether my name may be shown,
// the reason or the wording, or take it back. Only the owner can change a commitment.
import type { Ports } from '../../application/ports.js';
import { answer, oldButton, redraw, refuse, say, inOrder, type Reply } from '../../application/reply.js';
import { memberOf, type Session } from '../../application/session.js';
import { checkText, followUpModule, MAX_REASON, MAX_TEXT, type Scope, type Visibility } from '../../domain/commitments/commitment.js';
import type { CommitmentWithHistory } from '../../domain/commitments/store.js';
import type { Person } from '../../domain/ports.js';
import { actions, message, text } from '../../ui/model.js';
import { completePreparation, reopenPreparation, type CompletionPorts } from '../shared/completion.js';
import { captureCard, commitmentCard, editForm } from './cards.js';
import { COMMITMENT_RESTORE } from './controls.js';
import { ownCommitment } from './owned.js';
import { followUpPrefix, planFollowUps } from './plan.js';

export type CapturePorts = Pick<Ports, 'commitments' | 'outbox' | 'reminders' | 'audit'> & CompletionPorts;

export async function stopDoing(session: Session, ports: CapturePorts, args: string): Promise<Reply> {
  const person = memberOf(session);
  if (args.trim()) return create(session, ports, args, undefined);
  const own = await ports.commitments.own(person.participantId);
  const cards = await Promise.all(own.slice(0, 3).map((c) => card(session, ports, c)));
  return answer(captureCard(session, await ports.commitments.suggestions(person.programId, session.locale)), ...cards);
}

export async function fromSuggestion(session: Session, ports: CapturePorts, key: string): Promise<Reply> {
  const suggestion = (await ports.commitments.suggestions(memberOf(session).programId, session.locale)).find((s) => s.key === key);
  return suggestion ? create(session, ports, suggestion.text, suggestion.key) : oldButton(session);
}

export async function create(session: Session, ports: CapturePorts, raw: string, suggestionKey: string | undefined): Promise<Reply> {
  const person = memberOf(session);
  const problem = checkText(raw);
  if (problem) return refuse(session, `commitments.problem.${problem}`, { length: [...raw.trim()].length, max: MAX_TEXT });
  const { modules } = await ports.commitments.context(person.participantId);
  const mod = followUpModule(modules, session.now);
  const created = await ports.commitments.create({
    participantId: person.participantId,
    teamId: null,
    moduleId: mod?.id ?? null,
    text: raw.trim(),
    reason: null,
    suggestionKey: suggestionKey ?? null,
    scope: 'personal',
    // Only counted until the person says their name may be shown.
    visibility: 'counted',
    at: session.now,
  });
  await planFollowUps(ports, created, session.now);
  await ports.audit.record({ at: session.now, actorId: person.participantId, action: 'commitment.created', subject: created.id });
  await completeDecisionPreparation(ports, person, created.id, session.now);
  const full = await ports.commitments.byId(created.id);
  return inOrder(say(session, 'commitments.saved'), ...(full ? [answer(await card(session, ports, full))] : []));
}

/**
 * Recording a decision is the stop-doing preparation done: the first one of the program the
 * person has not done yet (a later decision, with all done, completes nothing more).
 */
async function completeDecisionPreparation(ports: CapturePorts, person: Person, commitmentId: string, at: Date): Promise<void> {
  const preparations = await ports.reminders.preparationsOfKind(person.programId, 'stop_doing');
  const done = await ports.reminders.doneAmong(
    person.participantId,
    preparations.map((p) => p.id),
  );
  const open = preparations.find((p) => !done.has(p.id));
  if (!open) return;
  await ports.commitments.linkPreparation(commitmentId, open.id);
  await completePreparation(ports, person, open.id, 'decision', at);
}

async function card(session: Session, ports: CapturePorts, c: CommitmentWithHistory) {
  const { modules, teams } = await ports.commitments.context(c.participantId);
  const mod = modules.find((m) => m.id === c.moduleId);
  return commitmentCard(session, c, { teamName: teams.find((t) => t.id === c.teamId)?.name, canBeTeam: teams.length > 0, moduleNumber: mod?.number, moduleStarts: mod?.startsAt });
}

async function refreshed(session: Session, ports: CapturePorts, id: string): Promise<Reply> {
  const c = await ports.commitments.byId(id);
  return c ? answer(await card(session, ports, c)) : answer();
}

/** A setting changed on the card itself: the card shows it in place, and no second card is posted. */
async function redrawn(session: Session, ports: CapturePorts, id: string): Promise<Reply> {
  const c = await ports.commitments.byId(id);
  return c ? redraw(await card(session, ports, c)) : answer();
}

export async function setScope(session: Session, ports: CapturePorts, id: string, scope: Scope): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  if (!owned.ok) return owned.reply;
  const c = owned.commitment;
  const team = (await ports.commitments.context(c.participantId)).teams[0];
  if (scope === 'team' && !team) return refuse(session, 'commitments.problem.no_team');
  await ports.commitments.update(c.id, { scope, teamId: scope === 'team' ? team!.id : null }, session.now);
  return redrawn(session, ports, c.id);
}

export async function setVisibility(session: Session, ports: CapturePorts, id: string, visibility: Visibility): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  if (!owned.ok) return owned.reply;
  await ports.commitments.update(owned.commitment.id, { visibility }, session.now);
  return redrawn(session, ports, owned.commitment.id);
}

export async function editText(session: Session, ports: CapturePorts, id: string): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  return owned.ok ? answer(editForm(session, owned.commitment)) : owned.reply;
}

export async function saveText(session: Session, ports: CapturePorts, id: string, raw: string): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  if (!owned.ok) return owned.reply;
  const problem = checkText(raw);
  if (problem) return refuse(session, `commitments.problem.${problem}`, { length: [...raw.trim()].length, max: MAX_TEXT });
  await ports.commitments.update(owned.commitment.id, { text: raw.trim() }, session.now);
  return refreshed(session, ports, owned.commitment.id);
}

export async function saveReason(session: Session, ports: CapturePorts, id: string, raw: string): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  if (!owned.ok) return owned.reply;
  const reason = raw.trim();
  if ([...reason].length > MAX_REASON) return refuse(session, 'commitments.problem.reason_too_long', { length: [...reason].length, max: MAX_REASON });
  await ports.commitments.update(owned.commitment.id, { reason: reason || null }, session.now);
  return redrawn(session, ports, owned.commitment.id);
}

export async function withdraw(session: Session, ports: CapturePorts, id: string): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id);
  if (!owned.ok) return owned.reply;
  const c = owned.commitment;
  await ports.commitments.update(c.id, { status: 'withdrawn' }, session.now);
  await ports.outbox.cancelByPrefix(followUpPrefix(c.id), 'withdrawn');
  await ports.audit.record({ at: session.now, actorId: c.participantId, action: 'commitment.withdrawn', subject: c.id });
  // The preparation this decision completed is open again, unless another decision of theirs still counts for it.
  if (c.preparationId && (await ports.commitments.linkedDecisions(c.participantId, c.preparationId)) === 0) {
    await reopenPreparation(ports, memberOf(session), c.preparationId, 'decision', session.now);
  }
  // Taken back by one click, so it can be undone by one: the follow-ups and the preparation come back with it.
  // The card itself now reads "tillbakataget", with no controls left.
  const undo = message(text(session.t('commitments.withdrawn', { text: c.text })), actions(COMMITMENT_RESTORE.button(session.t('commitments.button_restore'), { commitmentId: c.id })));
  return redraw(await card(session, ports, { ...c, status: 'withdrawn' }), undo);
}

/** Undoing a withdrawal: the decision as it stood (its last check-in's status), its follow-ups, and the preparation it did. */
export async function restore(session: Session, ports: CapturePorts, id: string): Promise<Reply> {
  const owned = await ownCommitment(session, ports, id, { withdrawn: true });
  if (!owned.ok) return owned.reply;
  const c = owned.commitment;
  const status = c.lastCheckIn?.status ?? 'active';
  await ports.commitments.update(c.id, { status }, session.now);
  await planFollowUps(ports, { ...c, status }, session.now);
  await ports.audit.record({ at: session.now, actorId: c.participantId, action: 'commitment.restored', subject: c.id });
  if (c.preparationId) await completePreparation(ports, memberOf(session), c.preparationId, 'decision', session.now);
  return inOrder(say(session, 'commitments.restored', { text: c.text }), await refreshed(session, ports, c.id));
}
