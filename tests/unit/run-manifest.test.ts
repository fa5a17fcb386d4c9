import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { asciiJson } from '../../src/cache/ascii-json.js';
import type { Stats } from 'node:fs';
import { stampOf } from '../../src/load/read-files.js';
import { provedByStats, trustedStamps } from '../../src/cache/unchanged-since.js';
import { hashesOf, inputEntry, parseManifest, RACY_MS, serializeManifest, serializeStamps, stampAt, stampNumbers, tableOf, type InputEntry } from '../../src/cache/run-manifest.js';
import { headsOf, keptHead, summaryOf, type ManifestTable } from '../../src/cache/manifest-table.js';
import { SUMMARY, type KeptClaim } from '../../src/cache/result-store.js';

describe('the run manifest', () => {
  it('is written in ASCII and reads back every string as it was', () => {
    const strings = ['plain', '“curly” — dash', 'emoji 🙂 and a lone \ud800 surrogate', '\u007f delete', 'tab\tnewline\n', '\uffff last'];
    const text = asciiJson({ strings });
    expect(/^[\x20-\x7e]*$/.test(text)).toBe(true);
    expect(JSON.parse(text)).toEqual({ strings });
  });

  it('reads the summary of a table entry in the order it is written', () => {
    const summary = summaryOf([...SUMMARY]);
    expect(Object.keys(summary)).toEqual([...SUMMARY]);
    expect(Object.values(summary)).toEqual([...SUMMARY]);
  });

  it('gives back each kept claim table entry as it was written, and refuses one whose shape is wrong', () => {
    const summary = { id: 'c-1', file: 'claims/a.yaml', line: 3, col: 5, rating: 'true', rating_label: 'True', rule: null, explanation: 'Said “so”.' };
    const kept: KeptClaim = { summary, fields: ['id', 'rating'], diagnostics: [], footprint: undefined, json: undefined, wholeHash: 'abc' };
    const written = serializeManifest(
      { written: 1, inputs: [['claims/a.yaml', 'h', 10, '7', '1000', '1000']], listed: ['claims/a.yaml'], missing: [], claims: 1 },
      {
        heads: headsOf([['c-1', kept, 'abc']]),
        result: { tool: { name: 'factcheck', version: '0' }, scale: [], totals: { claims: 1, by_rating: {} }, diagnostics: [] } as never,
        claimsFiles: { 'claims/a.yaml': { ids: ['c-1'], kept: 'k' } },
      },
    );
    const manifest = parseManifest(joined(written.stamps), () => written.table, () => written.hashes)!;
    const table = tableOf(manifest)!;
    const head = keptHead(table, 'c-1', false, undefined)!;
    // The same fields in the same order: a reused table serialises byte for byte as the original.
    expect(JSON.stringify(head.summary)).toBe(JSON.stringify(summary));
    expect([head.fields, head.wholeHash]).toEqual([['id', 'rating'], 'abc']);
    expect(keptHead(table, 'c-2', false, undefined)).toBeUndefined();
    expect(table.claimsFiles).toEqual({ 'claims/a.yaml': { ids: ['c-1'], kept: 'k' } });
    // A table whose claims files do not hold together is no table.
    const broken = written.table.replace('"kept":"k"', '"kept":1');
    expect(tableOf(parseManifest(joined(written.stamps), () => broken, () => written.hashes)!)).toBeUndefined();
  });

  it('keeps every stamp and path as it was written, and refuses stamps that do not hold together', () => {
    // Stamps as stampOf makes them from the doubles Node gives: times far apart and close together.
    const stamp = (size: number, ino: number, mtimeMs: number, ctimeMs: number) => stampOf({ size, ino, mtimeMs, ctimeMs } as Stats);
    const inputs: InputEntry[] = [
      inputEntry('claims/a b.yaml', 'a'.repeat(64), stamp(8682, 2990081, 1_796_314_289_193.475_1, 1_796_314_289_193.475_2)),
      inputEntry('sources/“quoted” é.txt', 'b'.repeat(64), stamp(0, 2 ** 54, -1, 0)),
      inputEntry('evidence/c.yaml', 'c'.repeat(64), stamp(2 ** 40, 1, 4_102_444_800_000.000_1, 1_764_787_200_123.999_9)),
    ];
    const listed = ['claims/a b.yaml', 'evidence/c.yaml', 'evidence/unread.yaml'];
    const written = serializeManifest({ written: 7, inputs, listed, missing: ['evidence/unread.yaml'], claims: 3 }, EMPTY_TABLE);
    const bytes = joined(written.stamps);
    const manifest = parseManifest(bytes, () => written.table, () => written.hashes)!;
    expect(manifest).toMatchObject({ written: 7, paths: inputs.map(([path]) => path), listed, missing: ['evidence/unread.yaml'], claims: 3 });
    // Each stamp's strings again, digit for digit, as stampOf wrote them.
    expect(inputs.map((_, i) => stampAt(manifest, i))).toEqual(inputs.map(([, , size, ino, mtimeNs, ctimeNs]) => ({ size, ino, mtimeNs, ctimeNs })));
    expect(hashesOf(manifest)).toEqual(inputs.map(([, hash]) => hash));
    // The stamps again, restamped as they are: the same bytes.
    expect(joined(serializeStamps({ ...manifest, stamps: stampNumbers(inputs.map((_, i) => stampAt(manifest, i))) }, manifest.table, manifest.hashes))).toEqual(bytes);

    const head = headOf(bytes);
    const refused = (change: (h: Record<string, unknown>) => void, tail = bytes.subarray(bytes.indexOf(10))) => {
      const h = structuredClone(head);
      change(h);
      return parseManifest(Buffer.concat([Buffer.from(JSON.stringify(h)), tail]), () => written.table, () => written.hashes);
    };
    expect(refused(() => {})).toBeDefined();
    expect(refused((h) => (h.format = 11))).toBeUndefined();
    // Another machine's byte order reads other numbers.
    expect(refused((h) => (h.order = h.order === 'LE' ? 'BE' : 'LE'))).toBeUndefined();
    expect(refused((h) => (h.inputs = 2))).toBeUndefined();
    expect(refused((h) => (h.listed = 4))).toBeUndefined();
    expect(refused((h) => ((h.bytes as number[])[0]! -= 1))).toBeUndefined();
    expect(refused((h) => (h.claims = '3'))).toBeUndefined();
    expect(refused((h) => (h.missing = [1]))).toBeUndefined();
    expect(refused(() => {}, bytes.subarray(bytes.indexOf(10), -1))).toBeUndefined();
    // One path more than the head counts, in the same bytes: a slash made a separator.
    const split = Buffer.from(bytes.subarray(bytes.indexOf(10)));
    split[split.indexOf('/')] = 0;
    expect(refused(() => {}, split)).toBeUndefined();
    expect(refused((h) => ((h.inputs = -1), ((h.bytes as number[])[0] = (h.bytes as number[])[0]! + 32)))).toBeUndefined();
    // A stamp that is no integer (a time must be written out whole).
    const tail = Buffer.from(bytes.subarray(bytes.indexOf(10)));
    tail.writeDoubleLE(0.5, tail.length - 8);
    expect(refused(() => {}, tail)).toBeUndefined();
    expect(parseManifest(Buffer.from('{"format":12'), () => undefined, () => undefined)).toBeUndefined();
    expect(parseManifest(Buffer.from('no json\n'), () => undefined, () => undefined)).toBeUndefined();
  });

  it('reads its table only when asked, and only the table its stamps name', () => {
    const written = serializeManifest({ written: 2, inputs: [], listed: [], missing: [], claims: 0 }, { ...EMPTY_TABLE, heads: { fields: [['id']], claims: [] } });
    expect(headOf(joined(written.stamps))).toMatchObject({ written: 2, table: written.hash });
    // The table after a line naming its SHA-256, which the reader trusts as signed with it.
    const body = written.table.slice(written.table.indexOf('\n') + 1);
    expect(written.table.slice(0, 65)).toBe(`${written.hash}\n`);
    expect(createHash('sha256').update(body).digest('hex')).toBe(written.hash);
    let reads = 0;
    const manifest = parseManifest(joined(written.stamps), () => (reads++, written.table), () => written.hashes)!;
    expect(reads).toBe(0);
    expect(tableOf(manifest)?.heads.fields).toEqual([['id']]);
    expect(tableOf(manifest)).toBe(tableOf(manifest));
    expect(reads).toBe(1);
    // Another run's table (blobs crossed by two runs at once), or one whose shape is wrong: no table, though the stamps still tell what changed.
    const other = serializeManifest({ written: 3, inputs: [], listed: [], missing: [], claims: 0 }, EMPTY_TABLE);
    expect(tableOf(parseManifest(joined(written.stamps), () => other.table, () => written.hashes)!)).toBeUndefined();
    const brokenHash = createHash('sha256').update(body.replace('"claims":[]', '"claims":[[1]]')).digest('hex');
    const broken = `${brokenHash}\n${body.replace('"claims":[]', '"claims":[[1]]')}`;
    const stamps = Buffer.from(joined(written.stamps).toString('latin1').replace(written.hash, brokenHash), 'latin1');
    expect(parseManifest(stamps, () => broken, () => written.hashes)?.written).toBe(2);
    expect(tableOf(parseManifest(stamps, () => broken, () => written.hashes)!)).toBeUndefined();
    expect(tableOf(parseManifest(joined(written.stamps), () => undefined, () => written.hashes)!)).toBeUndefined();
    // A table whose line names another table, or with no such line.
    expect(tableOf(parseManifest(joined(written.stamps), () => `${other.hash}${written.table.slice(64)}`, () => written.hashes)!)).toBeUndefined();
    expect(tableOf(parseManifest(joined(written.stamps), () => body, () => written.hashes)!)).toBeUndefined();
  });

  it('keeps the hashes of its inputs apart, read only when asked, and only those its stamps name', () => {
    const inputs: InputEntry[] = [
      ['claims/a.yaml', 'a'.repeat(64), 10, '7', '1000', '1001'],
      ['sources/b.txt', 'b'.repeat(64), 20, '8', '2000', '2001'],
    ];
    const written = serializeManifest({ written: 4, inputs, listed: ['claims/a.yaml'], missing: [], claims: 0 }, EMPTY_TABLE);
    // The stamps hold no hash: they name the hashes' part by its SHA-256.
    expect(joined(written.stamps).toString('latin1')).not.toContain('a'.repeat(64));
    let reads = 0;
    const manifest = parseManifest(joined(written.stamps), () => written.table, () => (reads++, written.hashes))!;
    expect(manifest.paths.map((_, i) => stampAt(manifest, i))).toEqual([
      { size: 10, ino: '7', mtimeNs: '1000', ctimeNs: '1001' },
      { size: 20, ino: '8', mtimeNs: '2000', ctimeNs: '2001' },
    ]);
    expect(reads).toBe(0);
    expect(hashesOf(manifest)).toEqual(inputs.map(([, hash]) => hash));
    expect(hashesOf(manifest)).toBe(hashesOf(manifest));
    expect(reads).toBe(1);
    // Another run's hashes, one too few, or none: no hashes, though the stamps still tell what changed.
    const other = serializeManifest({ written: 5, inputs: inputs.slice(0, 1), listed: [], missing: [], claims: 0 }, EMPTY_TABLE);
    const body = other.hashes.slice(other.hashes.indexOf('\n') + 1);
    for (const hashes of [other.hashes, `${manifest.hashes}\n${body}`, undefined]) {
      const read = parseManifest(joined(written.stamps), () => written.table, () => hashes)!;
      expect(read.written).toBe(4);
      expect(hashesOf(read)).toBeUndefined();
    }
  });
});

const EMPTY_TABLE: ManifestTable = { heads: { fields: [], claims: [] }, result: { diagnostics: [] } as never, claimsFiles: {} };

const joined = (parts: Uint8Array[]) => Buffer.concat(parts);

/** The stamps' first line, as JSON. */
const headOf = (bytes: Buffer) => JSON.parse(bytes.toString('latin1', 0, bytes.indexOf(10))) as Record<string, unknown>;

describe('a stamp trusted by its stats', () => {
  // Whole milliseconds, as a coarse file system gives them: a stamp right on the bound.
  const written = 1_764_787_200_000;
  const statsAt = (ms: number) => ({ size: 5, ino: 9, mtimeMs: ms, ctimeMs: ms }) as Stats;
  const kept = (ms: number) => stampNumbers([stampOf(statsAt(ms))]);

  it('is older than two seconds before the manifest, both its times', () => {
    const bound = trustedStamps(written);
    expect(provedByStats(statsAt(written - RACY_MS - 1), kept(written - RACY_MS - 1), 0, bound)).toBe(true);
    expect(provedByStats(statsAt(written - RACY_MS), kept(written - RACY_MS), 0, bound)).toBe(false);
    expect(provedByStats(statsAt(written), kept(written), 0, bound)).toBe(false);
    // An old modification time does not vouch for a recent change of status.
    const mixed = { ...statsAt(written - 10_000), ctimeMs: written - RACY_MS + 0.5 } as Stats;
    expect(provedByStats(mixed, stampNumbers([stampOf(mixed)]), 0, bound)).toBe(false);
    // Stats that are not the kept stamp's prove nothing, however old.
    expect(provedByStats(statsAt(written - 10_000), kept(written - 10_001), 0, bound)).toBe(false);
  });

  it('is judged within a quarter of a microsecond of the exact bound, now and far ahead', () => {
    for (const ms of [written, 1_700_000_000_123.456, 4_102_444_800_000.25]) {
      const exact = (BigInt(Math.floor(ms)) - BigInt(RACY_MS)) * 1_000_000n;
      expect(Math.abs(Number(BigInt(trustedStamps(ms)) - exact))).toBeLessThanOrEqual(256);
    }
  });
});

