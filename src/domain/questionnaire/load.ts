// Reads and checks questionnaire files. Programs name a questionnaire by key
// (`questionnaire: default`); the files live in programs/questionnaires/<key>.yaml.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { KohortError } from '../../core/errors.js';
import { fromRoot } from '../../project-root.js';
import { formatIssue, parseYamlFile, type FileIssue, type PathSegment } from '../yaml-file.js';
import { questionnaireFileSchema, type QuestionnaireFile } from './schema.js';

export const QUESTIONNAIRES_DIR = fromRoot('programs', 'questionnaires');

export type QuestionnaireResult = { ok: true; questionnaire: QuestionnaireFile } | { ok: false; issues: FileIssue[] };

export function validateQuestionnaireText(text: string): QuestionnaireResult {
  const parsed = parseYamlFile(text, questionnaireFileSchema, 'programs/questionnaires/default.yaml is a complete example');
  if (!parsed.ok) return parsed;
  const file = parsed.data;
  const issues: FileIssue[] = [];
  const report = (at: PathSegment[], message: string) => issues.push({ path: at, message, line: parsed.locate(at) });
  const dimensions = new Set<string>();
  file.dimensions.forEach((d, i) => {
    if (dimensions.has(d.key)) report(['dimensions', i, 'key'], `"${d.key}" is used twice`);
    dimensions.add(d.key);
  });
  const keys = new Set<string>();
  const counted = new Map<string, number>();
  file.questions.forEach((q, i) => {
    if (keys.has(q.key)) report(['questions', i, 'key'], `"${q.key}" is used twice`);
    keys.add(q.key);
    if (q.type === 'choice' && !q.options) report(['questions', i, 'options'], 'a choice question needs options');
    if (q.type !== 'choice' && q.options) report(['questions', i, 'options'], 'only a choice question has options');
    if (q.type !== 'scale' && q.labels) report(['questions', i, 'labels'], 'only a scale question has labels');
    if (q.type !== 'text' && q.maxLength) report(['questions', i, 'maxLength'], 'only a text question has a maximum length');
    if (q.type === 'scale' && !q.dimension) report(['questions', i, 'dimension'], 'a scale question belongs to a dimension');
    if (q.dimension && !dimensions.has(q.dimension)) report(['questions', i, 'dimension'], `no dimension "${q.dimension}"; known: ${[...dimensions].join(', ')}`);
    if (q.dimension && q.type === 'scale') counted.set(q.dimension, (counted.get(q.dimension) ?? 0) + 1);
  });
  file.dimensions.forEach((d, i) => {
    if (!counted.has(d.key)) report(['dimensions', i], `dimension "${d.key}" has no scale question`);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, questionnaire: file };
}

const cache = new Map<string, QuestionnaireFile>();

/** The questionnaire with this key, read once; a broken or missing file is an error naming it. */
export function loadQuestionnaire(key: string, dir = QUESTIONNAIRES_DIR): QuestionnaireFile {
  const cacheKey = `${dir}:${key}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(key)) throw new KohortError('not_found', `no questionnaire "${key}"`);
  const file = path.join(dir, `${key}.yaml`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new KohortError('not_found', `no questionnaire "${key}" (${file})`, { cause: error });
  }
  const result = validateQuestionnaireText(text);
  if (!result.ok) throw new KohortError('questionnaire_invalid', `${file} is not a valid questionnaire:\n${result.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  if (result.questionnaire.key !== key) throw new KohortError('questionnaire_invalid', `${file} has key "${result.questionnaire.key}"; it must match the file name`);
  cache.set(cacheKey, result.questionnaire);
  return result.questionnaire;
}
