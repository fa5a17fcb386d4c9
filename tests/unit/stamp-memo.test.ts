import { mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { remembered } from '../../src/cache/stamp-memo.js';

const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** Two files, a memo path beside them and a clock ten seconds on, and a counter of how often the value is worked out. */
async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'factcheck-memo-'));
  made.push(dir);
  const files = [join(dir, 'a.js'), join(dir, 'b.js')];
  for (const [i, file] of files.entries()) await writeFile(file, `export const x = ${i};\n`);
  let computed = 0;
  const value = (tag: string) => () => `${tag}-${++computed}`;
  const memo = { path: join(dir, 'memo'), secret: Buffer.alloc(32, 7), now: Date.now() + 10_000 };
  return { dir, files, memo, value, computed: () => computed };
}

describe('remembered', () => {
  it('works the value out once while the files are as they were, and again once one changes', async () => {
    const { files, memo, value, computed } = await setup();
    expect(remembered(files, memo, value('first'))).toBe('first-1');
    expect(remembered(files, memo, value('second'))).toBe('first-1');
    expect(computed()).toBe(1);
    // Same size, new content: the times give it away.
    await writeFile(files[1]!, 'export const x = 9;\n');
    const later = { ...memo, now: Date.now() + 20_000 };
    expect(remembered(files, later, value('third'))).toBe('third-2');
    expect(remembered(files, later, value('fourth'))).toBe('third-2');
    expect(computed()).toBe(2);
  });

  it('remembers nothing while a file was written in the last two seconds', async () => {
    const { dir, files, memo, value, computed } = await setup();
    const now = { ...memo, now: Date.now() };
    expect(remembered(files, now, value('a'))).toBe('a-1');
    expect(remembered(files, now, value('b'))).toBe('b-2');
    expect(computed()).toBe(2);
    expect(await readdir(dir)).not.toContain('memo');
  });

  it('works the value out again after a rewrite in place that keeps the size, the inode and the mtime', async () => {
    const { files, memo, value, computed } = await setup();
    // A whole second, so that utimes can put it back to the nanosecond.
    const then = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
    await utimes(files[0]!, then, then);
    expect(remembered(files, memo, value('a'))).toBe('a-1');
    const before = await stat(files[0]!, { bigint: true });
    await writeFile(files[0]!, 'export const x = 7;\n');
    await utimes(files[0]!, then, then);
    const after = await stat(files[0]!, { bigint: true });
    expect([after.size, after.ino, after.mtimeNs]).toEqual([before.size, before.ino, before.mtimeNs]);
    // Only the ctime tells: utimes cannot set it back.
    expect(remembered(files, { ...memo, now: Date.now() + 10_000 }, value('b'))).toBe('b-2');
    expect(computed()).toBe(2);
  });

  it('remembers nothing while a ctime is recent, however old the mtime, nor for a link, whose target can change under it', async () => {
    const { dir, files, memo, value, computed } = await setup();
    const old = new Date(Date.now() - 3_600_000);
    for (const file of files) await utimes(file, old, old);
    const now = { ...memo, now: Date.now() };
    expect(remembered(files, now, value('a'))).toBe('a-1');
    expect(remembered(files, now, value('b'))).toBe('b-2');
    expect(await readdir(dir)).not.toContain('memo');
    const link = join(dir, 'link.js');
    await symlink(files[0]!, link);
    expect(remembered([link], memo, value('c'))).toBe('c-3');
    expect(remembered([link], memo, value('d'))).toBe('d-4');
    expect(computed()).toBe(4);
  });

  it('believes no memo signed with another key, altered, or for other files, and none when a file is missing', async () => {
    const { dir, files, memo, value, computed } = await setup();
    expect(remembered(files, memo, value('a'))).toBe('a-1');
    const text = await readFile(memo.path, 'utf8');
    expect(remembered(files, { ...memo, secret: Buffer.alloc(32, 8) }, value('b'))).toBe('b-2');
    // Rewritten with the first key's memo again, then with its value altered.
    await writeFile(memo.path, text);
    expect(remembered(files, memo, value('c'))).toBe('a-1');
    await writeFile(memo.path, text.replace('a-1', 'z-9'));
    expect(remembered(files, memo, value('d'))).toBe('d-3');
    expect(remembered([...files, join(dir, 'gone.js')], memo, value('e'))).toBe('e-4');
    expect(remembered([files[0]!], memo, value('f'))).toBe('f-5');
    expect(computed()).toBe(5);
    expect((await stat(memo.path)).mode & 0o077).toBe(0);
  });
});
