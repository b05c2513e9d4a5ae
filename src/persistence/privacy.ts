// The program's privacy threshold, from the program file as imported: the fewest people
// an aggregate, a quote or a recurring word may stand for (3 unless the file says more).
export const DEFAULT_MIN_GROUP_SIZE = 3;

export function minGroupSizeOf(source: unknown): number {
  const privacy = (source as { program?: { privacy?: { minGroupSize?: number } } } | null)?.program?.privacy;
  return privacy?.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
}
