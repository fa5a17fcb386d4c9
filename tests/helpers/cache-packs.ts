/**
 * The cache's files as a test sees them, written out here from the layout
 * docs/architecture.md gives rather than through the code under test: packs
 * of entries whose header pins each by its SHA-256 and is signed once, and
 * blobs signed one by one.
 */
import { createHash, createHmac } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheKeyPath } from '../../src/cache/cache-key.js';
import { CACHE_FOLDER } from '../../src/cache/file-cache.js';
import { cacheStamp } from '../../src/pipeline.js';
import { kindOf } from '../../src/load/layout.js';

const FORMAT = 3;
export type Family = 'parse' | 'kept' | 'results';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const machineKey = () => readFile(cacheKeyPath());

/** The key a project file's parse entry is stored under. */
export async function parseKey(dir: string, path: string): Promise<string> {
  const text = await readFile(join(dir, path), 'utf8');
  return sha(`${kindOf(path)!}\0${sha(text)}`);
}

/** Every pack of a family, its entries decoded, and whether it is signed with this machine's key for this build. */
export async function readPacks(dir: string, family: Family): Promise<{ file: string; signed: boolean; entries: Map<string, string> }[]> {
  const folder = join(dir, CACHE_FOLDER);
  const names = (await readdir(folder)).filter((n) => n.startsWith(`${family}-`) && n.endsWith('.pack')).sort();
  const secret = await machineKey();
  const out = [];
  for (const name of names) {
    const bytes = await readFile(join(folder, name));
    const lineStart = bytes.lastIndexOf(0x0a, bytes.length - 2);
    const [length, mac] = bytes.toString('latin1', lineStart + 1, bytes.length - 1).split(' ') as [string, string];
    const headerStart = lineStart - Number(length);
    const header = JSON.parse(bytes.toString('utf8', headerStart, lineStart)) as [string, number, string][];
    const expected = createHmac('sha256', secret).update(`${FORMAT}\n${family}\n${cacheStamp()}\n`).update(bytes.subarray(headerStart, lineStart)).update(`\n${length}`).digest('hex');
    const entries = new Map<string, string>();
    let at = 0;
    let pinned = true;
    for (const [key, size, digest] of header) {
      const entry = bytes.subarray(at, at + size);
      pinned &&= createHash('sha256').update(entry).digest('base64') === digest;
      entries.set(key, entry.toString('utf8'));
      at += size;
    }
    out.push({ file: join(folder, name), signed: mac === expected && pinned && at === headerStart, entries });
  }
  return out;
}

/** Every entry of a family's packs, by key. */
export async function packEntries(dir: string, family: Family): Promise<Map<string, string>> {
  const all = new Map<string, string>();
  for (const pack of await readPacks(dir, family)) for (const [key, text] of pack.entries) all.set(key, text);
  return all;
}

/** Writes a pack, signed with this machine's key for this build unless told otherwise. */
export async function writePack(
  dir: string,
  family: Family,
  entries: Iterable<[string, string]>,
  sign: { secret?: Buffer | string; stamp?: string; name?: string } = {},
): Promise<string> {
  const list = [...entries].map(([key, text]) => [key, Buffer.from(text, 'utf8')] as const);
  const payload = Buffer.concat(list.map(([, b]) => b));
  const header = Buffer.from(JSON.stringify(list.map(([key, b]) => [key, b.length, createHash('sha256').update(b).digest('base64')])), 'utf8');
  const secret = sign.secret ?? (await machineKey());
  const mac = createHmac('sha256', secret)
    .update(`${FORMAT}\n${family}\n${sign.stamp ?? cacheStamp()}\n`)
    .update(header)
    .update(`\n${header.length}`)
    .digest('hex');
  const file = join(dir, CACHE_FOLDER, sign.name ?? `${family}-${sha(`${Math.random()}`).slice(0, 16)}.pack`);
  await writeFile(file, Buffer.concat([payload, header, Buffer.from(`\n${header.length} ${mac}\n`, 'latin1')]));
  return file;
}

/** Removes every pack of a family. */
export async function removePacks(dir: string, family: Family): Promise<void> {
  for (const pack of await readPacks(dir, family)) await rm(pack.file);
}

/** A blob's file in the cache, and the same blob signed anew, as this machine signs them. */
export async function blob(dir: string, name: string) {
  const key = `blob-${sha(`blob\0${name}`)}`;
  const file = join(dir, CACHE_FOLDER, `${key}.json`);
  const secret = await machineKey();
  const sign = (payload: string | Uint8Array) => {
    const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
    return Buffer.concat([Buffer.from(`${createHmac('sha256', secret).update(`${FORMAT}\n${key}\n${cacheStamp()}\n`).update(bytes).digest('hex')}\n`), bytes]);
  };
  // The stamps blob is text, then bytes: read as bytes, and as text only what is text.
  const bytes = async () => {
    const raw = await readFile(file);
    return raw.subarray(raw.indexOf(10) + 1);
  };
  const payload = async () => (await bytes()).toString('utf8');
  return { file, sign, bytes, payload };
}

/**
 * Rewrites the kept table of the last full run, signed, and names the new
 * table in the manifest's stamps, as if a run had kept it: whatever a later
 * run prints of it shows that run reused it.
 */
export async function rewriteKeptTable(dir: string, change: (text: string) => string): Promise<void> {
  const table = await blob(dir, 'run-table');
  // The table follows a line naming its SHA-256.
  const payload = await table.payload();
  const before = payload.slice(payload.indexOf('\n') + 1);
  const after = change(before);
  await writeFile(table.file, table.sign(`${sha(after)}\n${after}`));
  const stamps = await blob(dir, 'run-manifest');
  const bytes = Buffer.from(await stamps.bytes());
  bytes.write(sha(after), bytes.indexOf(sha(before)), 'latin1');
  await writeFile(stamps.file, stamps.sign(bytes));
}
