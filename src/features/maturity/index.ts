// The digital-maturity test: taken as a conversation by participants (`mognadstest`),
// followed by facilitators as aggregates (`mognadsresultat`, `mognadsexport`).
import { defineFeature, onAction, onForm } from '../../application/feature.js';
import { answer, say } from '../../application/reply.js';
import { perform } from '../../application/use-case.js';
import { cohortFigures, cohortFiguresMessage, exportMessage, maturityExport } from './cohort.js';
import { MATURITY_ANSWER, MATURITY_BACK, MATURITY_PAUSE, MATURITY_SKIP, MATURITY_SUBMIT, MATURITY_TEXT } from './controls.js';
import { startTest, stepButton, textAnswer, typedAnswer, type FlowPorts } from './flow.js';

const steps = [
  [MATURITY_ANSWER, 'answer'],
  [MATURITY_SKIP, 'skip'],
  [MATURITY_BACK, 'back'],
  [MATURITY_PAUSE, 'pause'],
  [MATURITY_SUBMIT, 'submit'],
] as const;

export const maturityFeature = defineFeature({
  name: 'maturity',
  needs: ['maturity', 'audit', 'exports', 'links', 'reminders', 'outbox', 'planning'],
  commands: [
    { id: 'maturity', capability: 'maturity_test', run: (session, ports) => startTest(session, ports) },
    {
      id: 'maturity_results',
      capability: cohortFigures.capability,
      async run(session, ports) {
        const figures = await perform(cohortFigures, session, ports, undefined);
        return figures ? answer(cohortFiguresMessage(session, figures)) : say(session, 'maturity.cohort.none_open');
      },
    },
    {
      id: 'maturity_export',
      capability: maturityExport.capability,
      async run(session, ports) {
        const link = await perform(maturityExport, session, ports, undefined);
        return link ? answer(exportMessage(session, link)) : say(session, 'maturity.cohort.none_open');
      },
    },
  ],
  actions: steps.map(([action, kind]) => onAction(action, 'maturity_test', (session, ports: FlowPorts, payload) => stepButton(session, ports, kind, payload))),
  forms: [onForm(MATURITY_TEXT, 'maturity_test', (session, ports: FlowPorts, { text }) => textAnswer(session, ports, text))],
  typed: { capability: 'maturity_test', handle: (session, ports, text, isCommand) => typedAnswer(session, ports, text, isCommand) },
});
