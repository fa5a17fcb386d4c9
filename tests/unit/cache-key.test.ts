import { chmod, chown, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheKeyPath, loadCacheKey } from '../../src/cache/cache-key.js';
import { cacheStamp } from '../../src/cache/cache-stamp.js';
import { codeFiles, hashCode } from '../../src/load/hash-code.js';
import { cleanProjects, makeTempDir, REPO } from '../helpers/project.js';

// The cache homes, projects and code folders below: removed however the tests end.
afterAll(cleanProjects);

describe('the cache key', () => {
  it('lives in the user cache folder, and is made once, private, even by runs racing to make it', async () => {
    const home = await makeTempDir('xdg');
    const path = cacheKeyPath({ XDG_CACHE_HOME: home });
    expect(path).toBe(join(home, 'factcheck', 'cache-key'));
    const keys = await Promise.all([1, 2, 3, 4, 5].map(() => loadCacheKey(path)));
    expect(keys[0]).toHaveLength(32);
    for (const key of keys) expect(key!.equals(keys[0]!)).toBe(true);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await loadCacheKey(path))!.equals(await readFile(path))).toBe(true);
  });

  it('is not used when it is damaged or cannot be made', async () => {
    const home = await makeTempDir('xdg');
    const path = join(home, 'factcheck', 'cache-key');
    await mkdir(join(home, 'factcheck'));
    await writeFile(path, 'short');
    expect(await loadCacheKey(path)).toBeUndefined();
    // A folder that cannot be made, even by root: its parent is a file.
    await writeFile(join(home, 'a-file'), '');
    expect(await loadCacheKey(join(home, 'a-file', 'factcheck', 'cache-key'))).toBeUndefined();
  });

  it('is not trusted inside the project, readable by others, or owned by someone else', async () => {
    const project = await makeTempDir('project');
    // An XDG_CACHE_HOME pointing into the project: a pull request could supply the key.
    expect(await loadCacheKey(cacheKeyPath({ XDG_CACHE_HOME: join(project, '.cache') }), project)).toBeUndefined();
    await expect(stat(join(project, '.cache'))).rejects.toThrow();
    const home = await makeTempDir('xdg');
    const path = cacheKeyPath({ XDG_CACHE_HOME: home });
    expect(await loadCacheKey(path, project)).toHaveLength(32);
    await chmod(path, 0o644);
    expect(await loadCacheKey(path, project)).toBeUndefined();
    await chmod(path, 0o600);
    expect(await loadCacheKey(path, project)).toHaveLength(32);
    if (process.getuid?.() === 0) {
      await chown(path, 1234, 1234);
      expect(await loadCacheKey(path, project)).toBeUndefined();
    }
  });

  it('ignores a relative XDG_CACHE_HOME, as the XDG spec says to', () => {
    expect(cacheKeyPath({ XDG_CACHE_HOME: 'relative' })).not.toContain('relative');
  });
});

describe('hashCode', () => {
  it('changes with any code file, and only with code files', async () => {
    const dir = await makeTempDir('code');
    await mkdir(join(dir, 'load'));
    await writeFile(join(dir, 'a.js'), 'export const a = 1;');
    await writeFile(join(dir, 'load', 'b.js'), 'export const b = 2;');
    const first = hashCode(dir);
    await writeFile(join(dir, 'notes.txt'), 'not code');
    await writeFile(join(dir, 'a.d.ts'), 'export declare const a: number;');
    expect(hashCode(dir)).toBe(first);
    await writeFile(join(dir, 'load', 'b.js'), 'export const b = 3;');
    expect(hashCode(dir)).not.toBe(first);
  });

  it('lists code in linked folders, as readdir\'s recursive listing did, and each real folder once', async () => {
    const dir = await makeTempDir('code');
    const elsewhere = await makeTempDir('code');
    await mkdir(join(dir, 'sub'));
    await writeFile(join(dir, 'sub', 'a.js'), 'export const a = 1;');
    await writeFile(join(elsewhere, 'b.js'), 'export const b = 2;');
    await symlink(elsewhere, join(dir, 'linked'));
    // A link back up: followed once, never round and round.
    await symlink(dir, join(dir, 'sub', 'up'));
    expect(codeFiles(dir)).toEqual([join('linked', 'b.js'), join('sub', 'a.js')]);
    const first = hashCode(dir);
    await writeFile(join(elsewhere, 'b.js'), 'export const b = 3;');
    expect(hashCode(dir)).not.toBe(first);
  });

  it('stamps the cache with all of factcheck\'s code, not one folder of it', () => {
    // Run from source here: src/ as a whole, so a change to parsing or verifying makes new entries.
    expect(cacheStamp().split(':')[1]).toBe(hashCode(join(REPO, 'src')));
  });
});
