// Group and cohort figures for facilitators. Each person's dimension mean is one value;
// a figure is shown only when at least `minGroupSize` people answered that dimension, so
// nobody's answers can be read out of a small group's mean.
import { score } from './score.js';
import type { Answer } from './session.js';
import type { QuestionnaireFile } from './schema.js';

export interface Cell {
  /** People with at least one answer in the dimension. */
  n: number;
  /** Null when hidden (fewer than the threshold) or nobody answered. */
  mean: number | null;
  /** Standard deviation (population) of the people's means: how far apart the group is. */
  spread: number | null;
}

export function aggregate(q: QuestionnaireFile, people: ReadonlyMap<string, Answer>[], minGroupSize: number): Map<string, Cell> {
  const perPerson = people.map((answers) => score(q, answers));
  return new Map<string, Cell>(
    q.dimensions.map((d): [string, Cell] => {
      const values = perPerson.flatMap((s) => {
        const mean = s.dimensions.find((x) => x.key === d.key)?.mean;
        return mean === null || mean === undefined ? [] : [mean];
      });
      if (values.length === 0 || values.length < minGroupSize) return [d.key, { n: values.length, mean: null, spread: null }];
      const mean = values.reduce((a, b) => a + b, 0) / values.length;
      const spread = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / values.length);
      return [d.key, { n: values.length, mean: round(mean), spread: round(spread) }];
    }),
  );
}

/** Change of a shown mean between two occasions; null unless both are shown. */
export function cellChange(before: Cell | undefined, after: Cell | undefined): number | null {
  return before?.mean != null && after?.mean != null ? round(after.mean - before.mean) : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
