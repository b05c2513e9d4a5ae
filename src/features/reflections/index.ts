// Reflections: a preparation's questions, asked after Done (by the reminders feature) and
// at a set time (planned here); the answers, and whether each may be quoted anonymously.
import { defineFeature, onAction, onForm } from '../../application/feature.js';
import { REFLECTION_ANSWER, REFLECTION_SKIP } from '../shared/reflection-prompt.js';
import { answerQuestion, chooseQuote, REFLECTION_QUOTE, skipQuestion, typedAnswer, type AnswerPorts } from './answers.js';
import { composeScheduledReflection, reflectionPlanner } from './scheduled.js';

export const reflectionsFeature = defineFeature({
  name: 'reflections',
  needs: ['reflections', 'reminders', 'people', 'outbox'],
  actions: [
    onAction(REFLECTION_SKIP, 'mark_done', (session, ports: AnswerPorts, target) => skipQuestion(session, ports, target)),
    onAction(REFLECTION_QUOTE, 'mark_done', (session, ports: AnswerPorts, { reflectionId, choice }) => chooseQuote(session, ports, reflectionId, choice)),
  ],
  forms: [onForm(REFLECTION_ANSWER, 'mark_done', (session, ports: AnswerPorts, { key, text }) => answerQuestion(session, ports, key, text))],
  typed: { capability: 'mark_done', handle: (session, ports, text, isCommand) => typedAnswer(session, ports, text, isCommand) },
  composers: { reflection: composeScheduledReflection },
  planners: [reflectionPlanner],
});
