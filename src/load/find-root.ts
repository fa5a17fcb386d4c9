import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CONFIG_FILE } from './layout.js';

/** The nearest folder at or above `start` that holds a factcheck.config.yaml. */
export async function findRoot(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    if (await isFile(join(dir, CONFIG_FILE))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
