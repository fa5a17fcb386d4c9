import { createHmac } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { entryText, readPack, readPackHeader, type Signer } from '../../src/cache/cache-pack.js';
import { PackWriter } from '../../src/cache/pack-writer.js';
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

  it('are refused under another key or context, cut short at any byte, or with a header or trailer changed in any byte', async () => {
    const { path } = await written(entries);
    expect(readPack(path, 'p', 'parse', signer('other'))).toBeUndefined();
    expect(readPack(path, 'p', 'kept', signer('key'))).toBeUndefined();
    const bytes = await readFile(path);
    for (let end = 0; end < bytes.length; end++) {
      await writeFile(path, bytes.subarray(0, end));
      expect(readPack(path, 'p', 'parse', signer('key')), `cut at ${end}`).toBeUndefined();
    }
    const body = entries.reduce((n, [, text]) => n + Buffer.byteLength(text), 0);
    for (let at = body; at < bytes.length; at++) {
      const changed = Buffer.from(bytes);
      changed[at] = changed[at]! ^ 0x01;
      await writeFile(path, changed);
      expect(readPack(path, 'p', 'parse', signer('key')), `byte ${at} changed`).toBeUndefined();
    }
  });

  it('never give an entry changed in any byte, and give the others as written', async () => {
    const { path } = await written(entries);
    const bytes = await readFile(path);
    let start = 0;
    for (const [key, text] of entries) {
      const end = start + Buffer.byteLength(text);
      for (let at = start; at < end; at++) {
        const changed = Buffer.from(bytes);
        changed[at] = changed[at]! ^ 0x01;
        await writeFile(path, changed);
        const pack = readPack(path, 'p', 'parse', signer('key'))!;
        expect(entryText(pack, key), `byte ${at} of ${key} changed`).toBeUndefined();
        for (const [other, same] of entries) if (other !== key) expect(entryText(pack, other)).toBe(same);
      }
      start = end;
    }
  });

  it('read many entries from one read of the file, each still checked', async () => {
    const many: [string, string][] = Array.from({ length: 300 }, (_, i) => [`k${i}`, `entry ${i} `.repeat(i % 7)]);
    const { path } = await written(many);
    const bytes = await readFile(path);
    // The last entry altered: found out even once the pack is read whole.
    const last = many.at(-1)!;
    const at = bytes.indexOf(Buffer.from(last[1])) ;
    const changed = Buffer.from(bytes);
    changed[at] = changed[at]! ^ 0x01;
    await writeFile(path, changed);
    const pack = readPack(path, 'p', 'parse', signer('key'))!;
    for (const [key, text] of many.slice(0, -1)) expect(entryText(pack, key)).toBe(text);
    expect(entryText(pack, last[0])).toBeUndefined();
  });

  it('hold the file open for one turn of the event loop, and give nothing, without waiting, from a pack replaced by a FIFO', async () => {
    const { path } = await written(entries);
    const pack = readPack(path, 'p', 'parse', signer('key'))!;
    expect(entryText(pack, 'a')).toBe('{"value":1}');
    const open = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
    // The reads of one burst share one descriptor, closed once the loop turns.
    expect(entryText(pack, 'b')).toBeDefined();
    if (existsSync('/proc/self/fd')) expect(open()).toHaveLength(1);
    await new Promise((resolve) => setImmediate(resolve));
    if (existsSync('/proc/self/fd')) expect(open()).toEqual([]);
    await rm(path);
    execFileSync('mkfifo', [path]);
    expect(entryText(pack, 'b')).toBeUndefined();
    expect(entryText(pack, 'c')).toBeUndefined();
  });

  it('write nothing when given nothing, and report a missing file as no pack', async () => {
    const dir = await makeTempDir('pack');
    const writer = new PackWriter(join(dir, 'kept-0123456789abcdef.pack'), 'kept', signer('key'));
    expect(writer.finish()).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    expect(readPack(join(dir, 'nothing.pack'), 'p', 'kept', signer('key'))).toBeUndefined();
  });

  it('give their entries from the header alone as a whole read gives them, and nothing when cut short', async () => {
    const lists: [string, string][][] = [entries, [['a', 'x']], [['k', 'y'.repeat(5000)], ['l', '']], [['z', '\n1 ' + 'f'.repeat(64) + '\n']]];
    for (const list of lists) {
      const { path } = await written(list);
      expect(readPackHeader(path, 'p')?.entries).toEqual(readPack(path, 'p', 'parse', signer('key'))!.entries);
    }
    const { dir, path } = await written(entries);
    const bytes = await readFile(path);
    for (let end = 0; end < bytes.length; end++) {
      await writeFile(path, bytes.subarray(0, end));
      expect(readPackHeader(path, 'p'), `cut at ${end}`).toBeUndefined();
    }
    expect(readPackHeader(join(dir, 'nothing.pack'), 'p')).toBeUndefined();
  });

  it('of a family a run never read are pruned from their headers, and merged only once checked', async () => {
    const root = await makeTempDir('prune');
    const secret = Buffer.alloc(32, 2);
    const folder = join(root, '.factcheck-cache/v3');
    const packsOf = async () => (await readdir(folder)).filter((n) => n.startsWith('kept-')).sort();
    // Nine runs, each keeping one entry of its own in a pack of its own.
    const hashes: string[] = [];
    for (let i = 0; i < 9; i++) {
      const { cache } = await openFileCache(root, 'stamp', secret);
      hashes.push(cache!.putContent('kept', `entry ${i}`));
      for (const h of hashes) cache!.keepContent('kept', h);
      await cache!.finish({ blobs: true });
    }
    // Past eight packs they were merged into one, read and checked first.
    expect(await packsOf()).toHaveLength(1);
    // Two more runs: a pack nothing wants is dropped, from its header alone.
    for (const keep of [hashes, hashes.slice(1)]) {
      const { cache } = await openFileCache(root, 'stamp', secret);
      hashes.push(cache!.putContent('kept', `entry ${hashes.length}`));
      for (const h of keep) cache!.keepContent('kept', h);
      cache!.keepContent('kept', hashes.at(-1)!);
      await cache!.finish({ blobs: true });
    }
    // The merged pack is still wanted (entries 1 to 8), the 10th run's entry is not.
    const left = await packsOf();
    expect(left).toHaveLength(2);
    // An entry changed behind the cache's back is never merged: it is lost, not trusted.
    const holder = left.find((name) => readPackHeader(join(folder, name), name)!.entries.has(hashes[0]!))!;
    const changed = join(folder, holder);
    const bytes = await readFile(changed);
    const at = readPackHeader(changed, holder)!.entries.get(hashes[0]!)!.start;
    bytes[at] = bytes[at]! ^ 0x01;
    await writeFile(changed, bytes);
    const wanted = [hashes[0]!, hashes.at(-1)!];
    {
      // Wanting one entry of each pack, in a run that reads and writes none: most bytes are unused, so the packs merge.
      const { cache } = await openFileCache(root, 'stamp', secret);
      for (const h of wanted) cache!.keepContent('kept', h);
      await cache!.finish({ blobs: true });
    }
    expect(await packsOf()).toHaveLength(1);
    const { cache } = await openFileCache(root, 'stamp', secret);
    expect(wanted.map((h) => cache!.getContent('kept', h) !== undefined)).toEqual([false, true]);
  });

  it('read an entry broken in one pack from another that has it whole, whichever is listed first', async () => {
    const root = await makeTempDir('broken');
    const secret = Buffer.alloc(32, 3);
    const folder = join(root, '.factcheck-cache/v3');
    const open = async () => (await openFileCache(root, 'stamp', secret)).cache!;
    const flip = async (name: string) => {
      const bytes = await readFile(join(folder, name));
      bytes[2] = bytes[2]! ^ 0x01;
      await writeFile(join(folder, name), bytes);
    };
    let cache = await open();
    const hash = cache.putContent('kept', 'entry one');
    await cache.finish();
    const [first] = await readdir(folder);
    await flip(first!);
    // The broken copy is a miss: the run that finds it writes the entry again, in a pack of its own.
    cache = await open();
    expect(cache.getContent('kept', hash)).toBeUndefined();
    cache.putContent('kept', 'entry one');
    await cache.finish();
    const second = (await readdir(folder)).find((name) => name !== first)!;
    // Each pack broken in turn, the other whole: a run reads the whole one, whichever it lists first.
    for (const broken of [first!, second]) {
      if (broken === second) {
        await flip(first!);
        await flip(second);
      }
      cache = await open();
      expect(cache.getContent('kept', hash), `${broken} broken`).toBe('entry one');
      await cache.finish();
    }
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
