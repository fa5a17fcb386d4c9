import { isAbsolute, relative, sep } from 'node:path';

/**
 * A path as a project path ("claims/a.yaml", POSIX separators), or undefined
 * when it is not inside the root: the one test of "is this inside the
 * project?" that every reader and writer uses. The root itself is "".
 */
export function insideRoot(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split(sep).join('/');
}
