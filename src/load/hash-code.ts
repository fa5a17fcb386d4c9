import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A hash of the code in a folder (its .js and .ts files, in name order), so
 * that what a build of this code cached is not used by another build that
 * kept the version number.
 */
export function hashCode(dir: string): string {
  const hash = createHash('sha256');
  const names = (readdirSync(dir, { recursive: true }) as string[]).filter((n) => /\.(js|ts)$/.test(n) && !n.endsWith('.d.ts')).sort();
  for (const name of names) hash.update(`${name}\0`).update(readFileSync(join(dir, name))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
