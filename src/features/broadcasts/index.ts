// Facilitators' broadcasts (`utskick`): a module's preparations or their own words,
// previewed, sent once to the chosen audience through the outbox, and reported back.
import { defineFeature, onAction, onForm } from '../../application/feature.js';
import { composeBroadcast } from './compose.js';
import { BROADCAST_AUDIENCE, BROADCAST_CANCEL, BROADCAST_CONFIRM, BROADCAST_MODULE, BROADCAST_TEXT, BROADCAST_WRITE } from './controls.js';
import { broadcast, cancelBroadcast, chooseAudience, confirmBroadcast, draftModule, draftText, writeOwn, type FlowPorts } from './flow.js';

export const broadcastsFeature = defineFeature({
  name: 'broadcasts',
  needs: ['broadcasts', 'summaries', 'people', 'reminders', 'translator', 'outbox', 'audit', 'delivery', 'logger'],
  commands: [{ id: 'broadcast', capability: 'broadcast', argumentKey: 'broadcast', run: (session, ports, args) => broadcast(session, ports, args) }],
  actions: [
    onAction(BROADCAST_MODULE, 'broadcast', (session, ports: FlowPorts, { module }) => draftModule(session, ports, module)),
    onAction(BROADCAST_WRITE, 'broadcast', async (session) => writeOwn(session)),
    onAction(BROADCAST_AUDIENCE, 'broadcast', (session, ports: FlowPorts, { broadcastId, audience }) => chooseAudience(session, ports, broadcastId, audience)),
    onAction(BROADCAST_CONFIRM, 'broadcast', (session, ports: FlowPorts, { broadcastId }) => confirmBroadcast(session, ports, broadcastId)),
    onAction(BROADCAST_CANCEL, 'broadcast', (session, ports: FlowPorts, { broadcastId }) => cancelBroadcast(session, ports, broadcastId)),
  ],
  forms: [onForm(BROADCAST_TEXT, 'broadcast', (session, ports: FlowPorts, { text }) => draftText(session, ports, text))],
  composers: { broadcast: composeBroadcast },
});
