// Reminders: the ladder before every preparation and the notice before every module
// (planned ahead, composed when due), the buttons on them, `status`, `paus`, and the
// facilitators' `uppföljning`.
import { defineFeature, onAction } from '../../application/feature.js';
import { answer } from '../../application/reply.js';
import { perform } from '../../application/use-case.js';
import { header, message } from '../../ui/model.js';
import { details, markDone, snooze, undoDone, type ReminderActionPorts } from './actions.js';
import { composeModuleNotice, composeReminder } from './compose.js';
import { REMINDER_DETAILS, REMINDER_DONE, REMINDER_SNOOZE, REMINDER_UNDO } from './controls.js';
import { done } from './done.js';
import { pause } from './pause.js';
import { reminderPlanner } from './planner.js';
import { cohortProgress, progressBlocks } from './progress.js';
import { cohortProgressSection, comingRemindersSection, deadlinesSection } from './sections.js';

export const remindersFeature = defineFeature({
  name: 'reminders',
  needs: ['reminders', 'outbox', 'audit', 'reflections', 'people', 'deadlines', 'catalog', 'planning'],
  commands: [
    {
      id: 'status',
      capability: 'status',
      async run(session, ports) {
        const sections = await ports.catalog.statusSections(session);
        return answer(message(header(session.t('status.title')), ...sections.flat()));
      },
    },
    { id: 'done', capability: 'mark_done', argumentKey: 'done', run: (session, ports, args) => done(session, ports, args) },
    { id: 'pause', capability: 'pause_reminders', argumentKey: 'pause', run: (session, ports, args) => pause(session, ports, args) },
    {
      id: 'progress',
      capability: cohortProgress.capability,
      async run(session, ports) {
        const progress = await perform(cohortProgress, session, ports, undefined);
        return answer(message(header(session.t('reminders.progress.title', { cohort: session.person?.cohortName ?? '' })), ...progressBlocks(session, progress)));
      },
    },
  ],
  actions: [
    onAction(REMINDER_DONE, 'mark_done', (session, ports: ReminderActionPorts, { preparationId }) => markDone(session, ports, preparationId)),
    onAction(REMINDER_UNDO, 'mark_done', (session, ports: ReminderActionPorts, { preparationId }) => undoDone(session, ports, preparationId)),
    onAction(REMINDER_SNOOZE, 'mark_done', (session, ports: ReminderActionPorts, { preparationId, option }) => snooze(session, ports, preparationId, option)),
    onAction(REMINDER_DETAILS, 'mark_done', (session, ports: ReminderActionPorts, { preparationId }) => details(session, ports, preparationId)),
  ],
  composers: { reminder: composeReminder, module_notice: composeModuleNotice },
  planners: [reminderPlanner],
  statusSections: [deadlinesSection, comingRemindersSection],
  homeSections: [deadlinesSection, comingRemindersSection, cohortProgressSection],
});
