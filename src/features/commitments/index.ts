// Stop-doing commitments: captured and changed by their owner (`sluta`), followed up before
// the module they are tried until, seen by team leads (`mitt team`) and rolled up for
// facilitators (`åtaganden`, `beslutsexport`).
import { defineFeature, onAction, onForm, type Composer } from '../../application/feature.js';
import { answer, type Reply } from '../../application/reply.js';
import { perform } from '../../application/use-case.js';
import { create, editText, fromSuggestion, restore, saveReason, saveText, setScope, setVisibility, stopDoing, withdraw, type CapturePorts } from './capture.js';
import { checkIn, composeFollowUp, hours, note, type CheckInPorts } from './check-in.js';
import {
  COMMITMENT_CHECK_IN,
  COMMITMENT_EDIT,
  COMMITMENT_HOURS,
  COMMITMENT_NEW,
  COMMITMENT_NOTE,
  COMMITMENT_NUDGE,
  COMMITMENT_REASON,
  COMMITMENT_SCOPE,
  COMMITMENT_SUGGESTION,
  COMMITMENT_TEXT,
  COMMITMENT_VISIBILITY,
  COMMITMENT_RESTORE,
  COMMITMENT_WITHDRAW,
} from './controls.js';
import { commitmentRollup, commitmentsExport, exportMessage, rollupMessage } from './rollup.js';
import { myTeam, nudge, teamHomeSection, type TeamPorts } from './team.js';

/** A nudge is planned ready-made: its message is in the row. */
const sendNudge: Composer<unknown, 'nudge'> = { compose: async (row) => ({ message: row.payload.message }) };

export const commitmentsFeature = defineFeature({
  name: 'commitments',
  needs: ['commitments', 'outbox', 'reminders', 'audit', 'people', 'exports', 'links', 'planning'],
  commands: [
    { id: 'stop_doing', capability: 'stop_doing', argumentKey: 'stop_doing', run: (session, ports, args) => stopDoing(session, ports, args) },
    { id: 'team', capability: 'view_team', run: (session, ports) => myTeam(session, ports) },
    {
      id: 'commitments',
      capability: commitmentRollup.capability,
      run: async (session, ports): Promise<Reply> => answer(rollupMessage(session, await perform(commitmentRollup, session, ports, undefined))),
    },
    {
      id: 'commitments_export',
      capability: commitmentsExport.capability,
      run: async (session, ports): Promise<Reply> => answer(exportMessage(session, await perform(commitmentsExport, session, ports, undefined))),
    },
  ],
  actions: [
    onAction(COMMITMENT_SUGGESTION, 'stop_doing', (session, ports: CapturePorts, { key }) => fromSuggestion(session, ports, key)),
    onAction(COMMITMENT_SCOPE, 'stop_doing', (session, ports: CapturePorts, { commitmentId, scope }) => setScope(session, ports, commitmentId, scope)),
    onAction(COMMITMENT_VISIBILITY, 'stop_doing', (session, ports: CapturePorts, { commitmentId, visibility }) => setVisibility(session, ports, commitmentId, visibility)),
    onAction(COMMITMENT_EDIT, 'stop_doing', (session, ports: CapturePorts, { commitmentId }) => editText(session, ports, commitmentId)),
    onAction(COMMITMENT_WITHDRAW, 'stop_doing', (session, ports: CapturePorts, { commitmentId }) => withdraw(session, ports, commitmentId)),
    onAction(COMMITMENT_RESTORE, 'stop_doing', (session, ports: CapturePorts, { commitmentId }) => restore(session, ports, commitmentId)),
    onAction(COMMITMENT_CHECK_IN, 'stop_doing', (session, ports: CheckInPorts, { commitmentId, status }) => checkIn(session, ports, commitmentId, status)),
    onAction(COMMITMENT_HOURS, 'stop_doing', (session, ports: CheckInPorts, payload) => hours(session, ports, payload.checkInId, payload.hours)),
    onAction(COMMITMENT_NUDGE, 'nudge_team', (session, ports: TeamPorts, { teamId, who }) => nudge(session, ports, teamId, who)),
  ],
  forms: [
    onForm(COMMITMENT_NEW, 'stop_doing', (session, ports: CapturePorts, { text: typed }) => create(session, ports, typed, undefined)),
    onForm(COMMITMENT_TEXT, 'stop_doing', (session, ports: CapturePorts, { key, text: typed }) => saveText(session, ports, key.commitmentId, typed)),
    onForm(COMMITMENT_REASON, 'stop_doing', (session, ports: CapturePorts, { key, text: typed }) => saveReason(session, ports, key.commitmentId, typed)),
    onForm(COMMITMENT_NOTE, 'stop_doing', (session, ports: CheckInPorts, { key, text: typed }) => note(session, ports, key.checkInId, typed)),
  ],
  composers: { follow_up: composeFollowUp, nudge: sendNudge },
  homeSections: [teamHomeSection],
});
