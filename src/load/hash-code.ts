import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';

/** The code files in a folder (its .js and .ts files but declarations), in name order. */
export function codeFiles(dir: string): string[] {
  // A walk of our own: readdirSync's recursive option took 20 ms over dist/'s 700 files, this 3 ms.
  // Like that option, it goes into linked folders, each real folder once.
  const found: string[] = [];
  const seen = new Set<string>();
  const walk = (folder: string, prefix: string) => {
    const real = realpathSync(folder);
    if (seen.has(real)) return;
    seen.add(real);
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && statSync(path, { throwIfNoEntry: false })?.isDirectory());
      if (isDir) walk(path, `${prefix}${entry.name}${sep}`);
      else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(prefix + entry.name);
    }
  };
  walk(dir, '');
  return found.sort();
}

/**
 * A hash of the code in a folder, so that what a build of this code cached is
 * not used by another build that kept the version number.
 */
export function hashCode(dir: string, names: readonly string[] = codeFiles(dir)): string {
  const hash = createHash('sha256');
  for (const name of names) hash.update(`${name}\0`).update(readFileSync(join(dir, name))).update('\0');
  return hash.digest('hex').slice(0, 16);
}
