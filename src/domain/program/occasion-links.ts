// Which test occasion a maturity_test preparation stands for, so that submitting the test
// marks the preparation done: the one the file names (`occasion:`), else the last occasion
// that opens by the preparation's due time — one rule, no guessing between two.
import type { PathSegment } from '../yaml-file.js';
import type { ResolvedModule, ResolvedOccasion } from './validate.js';

export function linkTestsToOccasions(modules: ResolvedModule[], occasions: ResolvedOccasion[], report: (path: PathSegment[], message: string) => void): void {
  modules.forEach((mod) =>
    mod.preparations.forEach((prep) => {
      const m = mod.index;
      const path: PathSegment[] = ['modules', m, 'preparations', prep.position, 'occasion'];
      if (prep.input.kind !== 'maturity_test') {
        if (prep.input.occasion) report(path, 'only a maturity_test preparation has a test occasion');
        return;
      }
      if (prep.input.occasion) {
        if (occasions.some((o) => o.key === prep.input.occasion)) prep.occasionKey = prep.input.occasion;
        else report(path, `"${prep.input.occasion}" is not an occasion of the program's questionnaires (${occasions.map((o) => o.key).join(', ') || 'none'})`);
        return;
      }
      const opened = occasions.filter((o) => o.opensAt <= prep.dueAt).sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime());
      const last = opened.at(-1);
      if (last) prep.occasionKey = last.key;
      else report(['modules', m, 'preparations', prep.position], 'no test occasion opens by its due time: name one with `occasion:`');
    }),
  );
}
