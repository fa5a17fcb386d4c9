import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRangedBlob, writeRangedBlob } from '../../src/cache/ranged-blob.js';
import { writeBlob } from '../../src/cache/signed-blob.js';

const macWith =
  (secret: string) =>
  (key: string, ...parts: readonly Uint8Array[]) => {
    const mac = createHmac('sha256', secret).update(key);
    for (const part of parts) mac.update(part);
    return mac.digest();
  };
const macOf = macWith('test secret');

const head = Buffer.from('{"format":1,"words":"“naïve”"}', 'utf8');
const parts = ['first part', '', 'ünïcödé', 'x'.repeat(70_000), '{"last":true}'].map((t) => Buffer.from(t, 'utf8'));

function written(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ranged-'));
  writeRangedBlob(dir, 'blob-a', head, parts, macOf);
  return { dir, path: join(dir, 'blob-a.json') };
}

/** The file with one byte changed at `at` (from the end when negative). */
function flipped(path: string, at: number): void {
  const bytes = readFileSync(path);
  const i = at < 0 ? bytes.length + at : at;
  bytes[i] = bytes[i]! ^ 1;
  writeFileSync(path, bytes);
}

describe('ranged blobs', () => {
  it('give back the head and every part as written, each part when asked', () => {
    const { dir } = written();
    const blob = readRangedBlob(dir, 'blob-a', macOf)!;
    expect(blob.head.equals(head)).toBe(true);
    expect(blob.count).toBe(parts.length);
    // In any order, and again.
    for (const i of [4, 0, 3, 1, 2, 0]) expect(blob.part(i)!.equals(parts[i]!)).toBe(true);
    for (const i of [-1, 5, 1.5, NaN]) expect(blob.part(i)).toBeUndefined();
    const none = mkdtempSync(join(tmpdir(), 'ranged-'));
    writeRangedBlob(none, 'blob-b', head, [], macOf);
    expect(readRangedBlob(none, 'blob-b', macOf)!.count).toBe(0);
  });

  it('are not read under another key or secret, nor as the plain blobs that went before', () => {
    const { dir, path } = written();
    copyFileSync(path, join(dir, 'blob-other.json'));
    expect(readRangedBlob(dir, 'blob-other', macOf)).toBeUndefined();
    expect(readRangedBlob(dir, 'blob-a', macWith('another secret'))).toBeUndefined();
    writeBlob(dir, 'blob-plain', '{"format":5}\nshards', macOf);
    expect(readRangedBlob(dir, 'blob-plain', macOf)).toBeUndefined();
    expect(readRangedBlob(dir, 'blob-missing', macOf)).toBeUndefined();
  });

  it('are not read with any byte of the line, head or table changed, cut short or added to', () => {
    const line = readFileSync(written().path).indexOf(10);
    // In the MAC, each number of the line, the head, a part's length and a part's digest.
    const places = [0, line - 1, line - 3, line + 1, line + head.length, line + head.length + 1 + 5, line + head.length + 1 + 36 * 3 + 10];
    for (const at of places) {
      const { dir, path } = written();
      flipped(path, at);
      expect(readRangedBlob(dir, 'blob-a', macOf), `byte ${at}`).toBeUndefined();
    }
    for (const change of [(b: Buffer) => b.subarray(0, b.length - 1), (b: Buffer) => Buffer.concat([b, Buffer.from('x')]), (b: Buffer) => b.subarray(0, line + 10)]) {
      const { dir, path } = written();
      writeFileSync(path, change(readFileSync(path)));
      expect(readRangedBlob(dir, 'blob-a', macOf)).toBeUndefined();
    }
  });

  it('give no part changed since it was written, and every other part', () => {
    const { dir, path } = written();
    flipped(path, -5);
    const blob = readRangedBlob(dir, 'blob-a', macOf)!;
    expect(blob.part(4)).toBeUndefined();
    for (const i of [0, 1, 2, 3]) expect(blob.part(i)!.equals(parts[i]!)).toBe(true);
  });

  it('give no part once the file was replaced after its head was read', async () => {
    const { dir, path } = written();
    const blob = readRangedBlob(dir, 'blob-a', macOf)!;
    const original = readFileSync(path);
    // The same size, other bytes where the parts are: each part fails its digest.
    const other = Buffer.from(original);
    other.fill(0x20, original.length - 100);
    writeFileSync(path, other);
    await new Promise((resolve) => setImmediate(resolve));
    expect(blob.part(4)).toBeUndefined();
    expect(blob.part(0)!.equals(parts[0]!)).toBe(true);
    // Another size: not the blob whose head was read, so no part of it is read again.
    writeFileSync(path, Buffer.concat([original, Buffer.from('more')]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(blob.part(0)).toBeUndefined();
    writeFileSync(path, original);
    expect(blob.part(0)).toBeUndefined();
  });

  it('are not read from anything but a regular file, and never wait on a FIFO', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ranged-'));
    execFileSync('mkfifo', [join(dir, 'blob-fifo.json')]);
    expect(readRangedBlob(dir, 'blob-fifo', macOf)).toBeUndefined();
    mkdirSync(join(dir, 'blob-dir.json'));
    expect(readRangedBlob(dir, 'blob-dir', macOf)).toBeUndefined();
    const { path } = written();
    symlinkSync(path, join(dir, 'blob-link.json'));
    expect(readRangedBlob(dir, 'blob-link', macOf)).toBeUndefined();
  });
});
