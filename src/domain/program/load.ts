// Reading a program file from disk, for the CLI and the demo seed.
import { readFile } from 'node:fs/promises';
import { KohortError } from '../../core/errors.js';
import { fileProblem } from '../../core/file-problem.js';
import { formatIssue, validateProgramText, type ResolvedProgram } from './validate.js';

export async function loadProgramFile(file: string, importedAt: Date): Promise<ResolvedProgram> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new KohortError('not_found', `cannot read ${file}: ${fileProblem(error)}`, { cause: error });
  }
  const result = validateProgramText(text, importedAt);
  if (!result.ok) {
    throw new KohortError('program_invalid', `${file} is not a valid program file:\n${result.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
  }
  return result.program;
}
