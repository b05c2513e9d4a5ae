// Results of one attempt and the change since the previous one. Per dimension: the mean
// of the answered scale questions and how many were answered; a skip is left out, never
// counted as zero. The overall score is the mean of the dimension means, so a factor with
// four statements weighs no more than one with two.
import type { Answer } from './session.js';
import type { QuestionnaireFile } from './schema.js';

export interface DimensionScore {
  key: string;
  mean: number | null;
  answered: number;
  total: number;
}

export interface Score {
  dimensions: DimensionScore[];
  overall: number | null;
}

export function score(q: QuestionnaireFile, answers: ReadonlyMap<string, Answer>): Score {
  const dimensions = q.dimensions.map<DimensionScore>((d) => {
    const questions = q.questions.filter((x) => x.dimension === d.key && x.type === 'scale');
    const values = questions.flatMap((x) => {
      const a = answers.get(x.key);
      return a?.kind === 'scale' ? [a.value] : [];
    });
    return { key: d.key, mean: values.length > 0 ? round(values.reduce((s, v) => s + v, 0) / values.length) : null, answered: values.length, total: questions.length };
  });
  const means = dimensions.flatMap((d) => (d.mean === null ? [] : [d.mean]));
  return { dimensions, overall: means.length > 0 ? round(means.reduce((s, v) => s + v, 0) / means.length) : null };
}

/** Change per dimension where both attempts have a mean; null where one of them has none. */
export function change(previous: Score, current: Score): Map<string, number | null> {
  const before = new Map(previous.dimensions.map((d) => [d.key, d.mean]));
  return new Map(
    current.dimensions.map((d) => {
      const old = before.get(d.key);
      return [d.key, d.mean !== null && old !== null && old !== undefined ? round(d.mean - old) : null];
    }),
  );
}

/** The two dimensions with the lowest means (ties: the questionnaire's order). */
export function weakest(current: Score, count = 2): DimensionScore[] {
  return current.dimensions
    .filter((d) => d.mean !== null)
    .map((d, order) => ({ d, order }))
    .sort((a, b) => a.d.mean! - b.d.mean! || a.order - b.order)
    .slice(0, count)
    .map((x) => x.d);
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
