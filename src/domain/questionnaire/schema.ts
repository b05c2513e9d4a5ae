// The questionnaire file (YAML): dimensions and questions with texts in Swedish and
// English. Validated like program files: unknown keys are refused, and references
// (a question's dimension, unique keys) are checked with their line numbers.
import { z } from 'zod';

const key = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes, e.g. "ap-kartlagda"');
const words = z.string().trim().min(1, 'must not be empty');
/** Every text a participant sees exists in both languages. */
export const bilingual = z.strictObject({ sv: words, en: words });

const option = z.strictObject({ key, label: bilingual });

const question = z.strictObject({
  key,
  /** Scale and choice questions count towards a dimension; a free-text question needs none. */
  dimension: key.optional(),
  type: z.enum(['scale', 'choice', 'text']).default('scale'),
  text: bilingual,
  skippable: z.boolean().default(true),
  /** A scale question's own step labels (five), instead of the questionnaire's. */
  labels: z.array(bilingual).length(5, 'a scale has five steps: give five labels').optional(),
  options: z.array(option).min(2, 'a choice needs at least two options').max(10).optional(),
  maxLength: z.number().int().min(1).max(2000).optional(),
});

export const questionnaireFileSchema = z.strictObject({
  key,
  version: z.number().int().min(1),
  title: bilingual,
  intro: bilingual.optional(),
  scale: z.strictObject({ labels: z.array(bilingual).length(5, 'a scale has five steps: give five labels') }),
  dimensions: z.array(z.strictObject({ key, title: bilingual, suggestion: bilingual })).min(1),
  questions: z.array(question).min(1),
});

export type QuestionnaireFile = z.infer<typeof questionnaireFileSchema>;
export type Question = QuestionnaireFile['questions'][number];
export type Dimension = QuestionnaireFile['dimensions'][number];
