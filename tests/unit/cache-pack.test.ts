import { createHmac } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryText, PackWriter, readPack, type Signer } from '../../src/cache/cache-pack.js';
import { openFileCache } from '../../src/cache/file-cache.js';
import { cleanProjects, makeTempDir } from '../helpers/project.js';

// The pack folders and the abandoned cache's root: removed however the tests end.
afterAll(cleanProjects);

const signer =
  (secret: string): Signer =>
  (context) =>
    createHmac('sha256', secret).update(`${context}\n`);

async function written(entries: [string, string][]): Promise<{ dir: string; path: string }> {
  const dir = await makeTempDir('pack');
  const path = join(dir, 'parse-0123456789abcdef.pack');
  const writer = new PackWriter(path, 'parse', signer('key'));
  for (const [key, text] of entries) writer.add(key, text);
  expect(writer.finish()?.size).toBe(new Set(entries.map(([key]) => key)).size);
  return { dir, path };
}

describe('cache packs', () => {
  const entries: [string, string][] = [
    ['a', '{"value":1}'],
    ['b', ''],
    ['c', 'naïve “quotes” and\nnewlines\n'],
  ];

  it('read back every entry as written, and leave no temporary file', async () => {
    const { dir, path } = await written(entries);
    const pack = readPack(path, 'p', 'parse', signer('key'))!;
    expect(pack).toBeDefined();
    for (const [key, text] of entries) expect(entryText(pack, key)).toBe(text);
    expect(entryText(pack, 'missing')).toBeUndefined();
    expect(await readdir(dir)).toEqual(['parse-0123456789abcdef.pack']);
  });

  it('keep the first of two entries with one key', async () => {
    const { path } = await written([['a', 'first'], ['a', 'second']]);
    expect(entryText(readPack(path, 'p', 'parse', signer('key'))!, 'a')).toBe('first');
  });

  it('are refused under another key or context, cut short at any byte, or changed in any byte', async () => {
    const { path } = await written(entries);
    expect(readPack(path, 'p', 'parse', signer('other'))).toBeUndefined();
    expect(readPack(path, 'p', 'kept', signer('key'))).toBeUndefined();
    const bytes = await readFile(path);
    for (let end = 0; end < bytes.length; end++) {
      await writeFile(path, bytes.subarray(0, end));
      expect(readPack(path, 'p', 'parse', signer('key')), `cut at ${end}`).toBeUndefined();
    }
    for (let at = 0; at < bytes.length; at++) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x01;
      await writeFile(path, changed);
      expect(readPack(path, 'p', 'parse', signer('key')), `byte ${at} changed`).toBeUndefined();
    }
  });

  it('write nothing when given nothing, and report a missing file as no pack', async () => {
    const dir = await makeTempDir('pack');
    const writer = new PackWriter(join(dir, 'kept-0123456789abcdef.pack'), 'kept', signer('key'));
    expect(writer.finish()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    expect(readPack(join(dir, 'nothing.pack'), 'p', 'kept', signer('key'))).toBeUndefined();
  });

  it('are not started by an entry that comes in after the cache was abandoned', async () => {
    const root = await makeTempDir('abandon');
    const { cache } = await openFileCache(root, 'stamp', Buffer.alloc(32, 1));
    cache!.set('claims', 'a'.repeat(64), '{"value":1}');
    cache!.abandon();
    // A parse that was still on its way when the run stopped.
    cache!.set('claims', 'b'.repeat(64), '{"value":2}');
    await cache!.finish();
    expect(await readdir(join(root, '.factcheck-cache/v3')).catch(() => [])).toEqual([]);
  });
});
