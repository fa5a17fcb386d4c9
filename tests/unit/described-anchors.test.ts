import { describe, expect, it } from 'vitest';
import { anchorQuote, prepareSnapshot } from '../../src/anchor/anchor-quote.js';
import { anchorAll } from '../../src/anchor/anchor-records.js';
import { loadProject } from '../../src/pipeline.js';
import { REPO } from '../helpers/project.js';
import type { EvidenceRecord, Source } from '../../src/types.js';

const record = (id: string, quote: string): EvidenceRecord =>
  ({ id, kind: 'statement', speaker: 's', words: quote, source: 'src', quote, dated_by: [], ref: { file: 'evidence/e.yaml', path: [] } }) as unknown as EvidenceRecord;

describe('anchors described when read', () => {
  it('are what anchoring each quote at once gives, on the bundled project', async () => {
    const project = (await loadProject(REPO)).project!;
    let checked = 0;
    for (const r of project.evidence.values()) {
      const text = project.snapshots.get(r.source);
      if (text === undefined) continue;
      const now = anchorQuote(prepareSnapshot(text), r.quote, { ...(r.prefix === undefined ? {} : { prefix: r.prefix }), ...(r.suffix === undefined ? {} : { suffix: r.suffix }) });
      expect(now.ok && now.anchor, r.id).toEqual(project.anchors.records.get(r.id));
      checked++;
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('give the exact words before and after being described, and keep their order', () => {
    // Astral characters and a match only after normalising: the cases describing counts differently.
    const text = 'Intro 😀 line.\nHe said “hello   world” and left.\nThe end, café.';
    const sources = new Map<string, Source>([['src', { id: 'src' } as unknown as Source]]);
    const records = [record('b', 'said "hello world"'), record('a', 'The end, cafe\u0301.'), record('c', 'Intro 😀 line.')];
    const { records: anchors } = anchorAll(records, [], sources, new Map([['src', text]]), () => ({ file: 'e', line: 1, col: 1 }));
    expect([...anchors.keys()]).toEqual(['a', 'b', 'c']);
    const exact = ['a', 'b', 'c'].map((id) => anchors.exact(id));
    const eager = records.map((r) => anchorQuote(prepareSnapshot(text), r.quote));
    for (const [i, id] of ['b', 'a', 'c'].entries()) {
      const now = eager[i]!;
      expect(now.ok && now.anchor, id).toEqual(anchors.get(id));
    }
    expect(['a', 'b', 'c'].map((id) => anchors.exact(id))).toEqual(exact);
    expect(exact).toEqual(['The end, café.', 'said “hello   world”', 'Intro 😀 line.']);
    expect([...anchors.values()].map((a) => a.exact)).toEqual(exact);
    expect(anchors.get('b')!.match).toBe('normalised');
    expect(anchors.get('missing')).toBeUndefined();
  });

  // An anchor not yet read holds plain data: nothing with a scope, which could keep a snapshot's
  // normalised text (many times its size) alive, and nothing a clone or a worker refuses.
  it('are a Map to anything that asks, and clone before and after they are read', () => {
    const text = 'He said “hello   world” and left.';
    const sources = new Map<string, Source>([['src', { id: 'src' } as unknown as Source]]);
    const { records: anchors } = anchorAll([record('a', 'said "hello world"')], [], sources, new Map([['src', text]]), () => ({ file: 'e', line: 1, col: 1 }));
    expect(anchors instanceof Map && Object.prototype.toString.call(anchors)).toBe('[object Map]');
    expect(JSON.stringify(anchors)).toBe('{}');
    expect(() => structuredClone(anchors)).not.toThrow();
    const anchor = anchors.get('a')!;
    expect(structuredClone(anchors).get('a')).toEqual(anchor);
    const seen: string[] = [];
    anchors.forEach(function (this: string[], value, key) {
      this.push(`${key}:${value.exact}`);
    }, seen);
    expect(seen).toEqual(['a:said “hello   world”']);
  });
});
