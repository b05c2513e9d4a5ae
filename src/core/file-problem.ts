// What went wrong with a file, said so that an operator knows what to fix: "no such file or
// folder" rather than "ENOENT", and never a stack trace.
const PROBLEMS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
};

export function fileProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code && PROBLEMS[code]) ?? (error instanceof Error ? error.message.split('\n')[0]! : String(error));
}
