import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/diagnostics.js';
import { countChanges, diffExitCode, diffVerdicts } from '../../src/lock/diff-verdicts.js';
import type { Lock, LockEntry } from '../../src/lock/lock-file.js';
import type { Unloaded } from '../../src/types.js';
import { findUnloaded, outlineOf } from '../../src/validate/find-unloaded.js';
import { memoryProject } from '../helpers/memory-project.js';

/** A recorded verdict; its whole-entry hash plays no part in the comparison. */
const entry = (inputs: Record<string, string>, more: Partial<LockEntry> = {}): LockEntry => ({
  rating: 'true',
  ruleset: 'event',
  rule: 'confirmed',
  citations: ['e1'],
  hash: 'entry-hash',
  inputs,
  ...more,
});

const lockOf = (claims: Record<string, LockEntry>): Lock => ({ claims });
const runOf = (claims: Record<string, LockEntry>): Map<string, LockEntry> => new Map(Object.entries(claims));
const ids = (...list: string[]) => new Set(list);
/** The current input hashes: every input of the run, as the project holds them now. */
const hashesOf = (...entries: Record<string, string>[]) => new Map(entries.flatMap((e) => Object.entries(e)));

const INPUTS = { 'claim:a': 'c1', 'claim:a/asserts': 'as1', 'claim:a/text': 'tx1', config: 'cf1', 'evidence:e1': 'e1', 'ruleset:event': 'rs1', 'rule:event/confirmed': 'r1' };

describe('diffVerdicts without changes', () => {
  it('counts a verdict with the same rating, rule and citations as unchanged, whatever its inputs', () => {
    const after = entry({ ...INPUTS, 'evidence:e1': 'e1-edited' });
    const diff = diffVerdicts(lockOf({ a: entry(INPUTS) }), runOf({ a: after }), ids('a'), hashesOf(after.inputs));
    expect(diff).toEqual({ changed: [], uncompared: [], added: [], removed: [], unchanged: 1 });
    expect(diffExitCode(diff)).toBe(0);
  });
});

describe('diffVerdicts of a changed verdict', () => {
  const change = (after: Partial<LockEntry>) => {
    const now = entry(INPUTS, after);
    return diffVerdicts(lockOf({ a: entry(INPUTS) }), runOf({ a: now }), ids('a'), hashesOf(now.inputs)).changed;
  };

  it('tells a verdict change (rating, rule or ruleset) from a trail change (citations only)', () => {
    expect(change({ rating: 'false' })[0]?.kind).toBe('verdict');
    expect(change({ rule: 'other-rule' })[0]?.kind).toBe('verdict');
    expect(change({ ruleset: 'absence' })[0]?.kind).toBe('verdict');
    expect(change({ citations: ['e1', 'e2'] })[0]?.kind).toBe('trail');
    expect(change({ rule: null })[0]?.kind).toBe('verdict');
  });

  it('gives both sides and the citations gained and lost', () => {
    const [changed] = change({ rating: 'half-true', rule: 'conflicting', citations: ['e2', 'e3'] });
    expect(changed).toEqual({
      id: 'a',
      kind: 'verdict',
      before: { rating: 'true', ruleset: 'event', rule: 'confirmed', citations: ['e1'] },
      after: { rating: 'half-true', ruleset: 'event', rule: 'conflicting', citations: ['e2', 'e3'] },
      causes: [],
      citations: { gained: ['e2', 'e3'], lost: ['e1'] },
    });
  });

  it('counts verdict and trail changes apart, and any change fails the check', () => {
    const before = lockOf({ a: entry(INPUTS), b: entry(INPUTS), c: entry(INPUTS) });
    const run = runOf({ a: entry(INPUTS, { rating: 'false' }), b: entry(INPUTS, { citations: [] }), c: entry(INPUTS, { citations: ['e9'] }) });
    const diff = diffVerdicts(before, run, ids('a', 'b', 'c'), hashesOf(INPUTS));
    expect(diff.changed.map((c) => [c.id, c.kind])).toEqual([['a', 'verdict'], ['b', 'trail'], ['c', 'trail']]);
    expect(countChanges(diff)).toEqual({ verdicts: 1, trails: 2 });
    expect(diffExitCode(diff)).toBe(1);
  });
});

describe('diffVerdicts naming the causes', () => {
  const causesOf = (before: Record<string, string>, after: Record<string, string>, hashes: Map<string, string>, others: Record<string, LockEntry> = {}) => {
    const diff = diffVerdicts(lockOf({ a: entry(before), ...others }), runOf({ a: entry(after, { citations: ['e1', 'e2'] }) }), ids('a', ...Object.keys(others)), hashes);
    return diff.changed[0]?.causes.map(({ key, kind, name, change, detail }) => ({ key, kind, name, change, ...(detail ? { detail } : {}) }));
  };

  it('names the claim field and the rule that moved, not the whole claim or ruleset', () => {
    const after = { ...INPUTS, 'claim:a': 'c2', 'claim:a/asserts': 'as2', 'claim:a/context': 'cx', 'ruleset:event': 'rs2', 'rule:event/confirmed': 'r2' };
    expect(causesOf(INPUTS, after, hashesOf(after))).toEqual([
      { key: 'claim:a/asserts', kind: 'claim field', name: 'asserts', change: 'edited' },
      { key: 'claim:a/context', kind: 'claim field', name: 'context', change: 'added' },
      { key: 'rule:event/confirmed', kind: 'rule', name: 'event/confirmed', change: 'edited' },
    ]);
  });

  it('names a whole item when no part of it moved: a record, the config, a ruleset\'s own fields', () => {
    const after = { ...INPUTS, config: 'cf2', 'evidence:e1': 'e1-edited', 'ruleset:event': 'rs2' };
    expect(causesOf(INPUTS, after, hashesOf(after))).toEqual([
      { key: 'config', kind: 'config', name: 'factcheck.config.yaml', change: 'edited' },
      { key: 'evidence:e1', kind: 'evidence record', name: 'e1', change: 'edited' },
      { key: 'ruleset:event', kind: 'ruleset', name: 'event', change: 'edited' },
    ]);
  });

  it('tells a new input from one that only bears on the claim now, and one edited since another verdict recorded it', () => {
    const after = { ...INPUTS, 'evidence:brand-new': 'n1', 'entity:known': 'k1', 'source:known-edited': 's2' };
    // Another recorded verdict knew two of them, one at the hash it has now.
    const other = { b: entry({ 'entity:known': 'k1', 'source:known-edited': 's1' }) };
    expect(causesOf(INPUTS, after, hashesOf(after), other)).toEqual([
      { key: 'entity:known', kind: 'entity', name: 'known', change: 'added', detail: 'now bears on the claim' },
      { key: 'evidence:brand-new', kind: 'evidence record', name: 'brand-new', change: 'added', detail: 'new' },
      { key: 'source:known-edited', kind: 'source', name: 'known-edited', change: 'edited', detail: 'now bears on the claim' },
    ]);
  });

  it('tells a deleted input from one that no longer bears on the claim, and one edited so that it does not', () => {
    const before = { ...INPUTS, 'evidence:deleted': 'd1', 'evidence:elsewhere': 'x1', 'evidence:edited-away': 'y1' };
    // The project still holds two of them, one at another hash.
    const hashes = hashesOf(INPUTS, { 'evidence:elsewhere': 'x1', 'evidence:edited-away': 'y2' });
    expect(causesOf(before, INPUTS, hashes)).toEqual([
      { key: 'evidence:deleted', kind: 'evidence record', name: 'deleted', change: 'removed', detail: 'deleted' },
      { key: 'evidence:edited-away', kind: 'evidence record', name: 'edited-away', change: 'edited', detail: 'no longer bears on the claim' },
      { key: 'evidence:elsewhere', kind: 'evidence record', name: 'elsewhere', change: 'removed', detail: 'no longer bears on the claim' },
    ]);
  });
});

describe('diffVerdicts of claims added and removed', () => {
  it('lists claims without a record as added and recorded claims no longer there as removed, each sorted', () => {
    const lock = lockOf({ kept: entry(INPUTS), 'gone-b': entry(INPUTS), 'gone-a': entry(INPUTS) });
    const run = runOf({ kept: entry(INPUTS), 'new-b': entry(INPUTS), 'new-a': entry(INPUTS) });
    const diff = diffVerdicts(lock, run, ids('kept', 'new-a', 'new-b'), hashesOf(INPUTS));
    expect(diff).toEqual({ changed: [], uncompared: [], added: ['new-a', 'new-b'], removed: ['gone-a', 'gone-b'], unchanged: 1 });
    expect(diffExitCode(diff)).toBe(1);
  });

  it('in a partial run, neither removes nor compares recorded claims that exist but were not verified', () => {
    const lock = lockOf({ verified: entry(INPUTS), 'not-verified': entry(INPUTS), deleted: entry(INPUTS) });
    const diff = diffVerdicts(lock, runOf({ verified: entry(INPUTS) }), ids('verified', 'not-verified'), hashesOf(INPUTS));
    expect(diff).toEqual({ changed: [], uncompared: [], added: [], removed: ['deleted'], unchanged: 1 });
  });
});

describe('diffVerdicts with inputs that did not load', () => {
  const at = (file: string, line: number) => ({ file, line, col: 5 });
  const broken = diagnostic('schema/required', at('evidence/a.yaml', 7), 'missing required field `quote`');
  const unreadable = diagnostic('yaml/syntax', { file: 'claims/b.yaml', line: 3, col: 1 }, 'bad indentation');
  const badRules = diagnostic('schema/type', at('rules/event.yaml', 12), '`priority`: expected a number');

  it('does not compare a verdict whose changed inputs include one that did not load', () => {
    const lock = lockOf({ a: entry(INPUTS) });
    // e1 did not load, so the verdict lost its citation: that is no change of the verdict.
    const { 'evidence:e1': _e1, ...rest } = INPUTS;
    const run = runOf({ a: entry(rest, { rating: 'unproven', rule: null, citations: [] }) });
    const unloaded: Unloaded = { items: new Map([['evidence:e1', broken]]), files: [] };
    const diff = diffVerdicts(lock, run, ids('a'), hashesOf(rest), unloaded);
    expect(diff).toEqual({ changed: [], uncompared: [{ id: 'a', because: [{ input: 'evidence record e1', problem: broken }] }], added: [], removed: [], unchanged: 0 });
    expect(diffExitCode(diff)).toBe(0);
  });

  it('blames a rule that did not load on its ruleset, and one problem once however many inputs it kept out', () => {
    const before = { ...INPUTS, 'evidence:e2': 'e2', 'evidence:e3': 'e3' };
    const after = { 'claim:a': 'c1', 'claim:a/asserts': 'as1', 'claim:a/text': 'tx1', config: 'cf1' };
    const unloaded: Unloaded = { items: new Map([['evidence:e1', broken], ['evidence:e2', broken], ['evidence:e3', broken], ['ruleset:event', badRules]]), files: [] };
    const diff = diffVerdicts(lockOf({ a: entry(before) }), runOf({ a: entry(after, { citations: [] }) }), ids('a'), hashesOf(after), unloaded);
    expect(diff.uncompared).toEqual([
      {
        id: 'a',
        because: [
          { input: 'evidence record e1', problem: broken },
          { input: 'ruleset event', problem: badRules },
        ],
      },
    ]);
  });

  it('does not call a recorded claim gone when it did not load, or when a claims file could not be read at all', () => {
    const lock = lockOf({ 'broken-claim': entry(INPUTS), 'in-unread-file': entry(INPUTS), 'really-gone': entry(INPUTS) });
    const unloaded: Unloaded = { items: new Map([['claim:broken-claim', broken]]), files: [{ kind: 'claim', problem: unreadable }] };
    const diff = diffVerdicts(lock, runOf({}), ids(), hashesOf(INPUTS), unloaded);
    // With a claims file unread, any recorded claim not loaded may be in it: none is called gone.
    expect(diff).toEqual({
      changed: [],
      uncompared: [
        { id: 'broken-claim', because: [{ input: 'claim broken-claim', problem: broken }] },
        { id: 'in-unread-file', because: [{ input: 'claim in-unread-file', problem: unreadable }] },
        { id: 'really-gone', because: [{ input: 'claim really-gone', problem: unreadable }] },
      ],
      added: [],
      removed: [],
      unchanged: 0,
    });
  });

  it('still compares when the input loaded, whatever file of its kind could not be read', () => {
    const lock = lockOf({ a: entry({ ...INPUTS, 'evidence:e2': 'e2' }) });
    const unloaded: Unloaded = { items: new Map(), files: [{ kind: 'evidence record', problem: unreadable }] };
    // e2 is there, at the hash it was recorded with: it only no longer bears on the claim.
    const run = runOf({ a: entry(INPUTS, { citations: [] }) });
    const diff = diffVerdicts(lock, run, ids('a'), hashesOf(INPUTS, { 'evidence:e2': 'e2' }), unloaded);
    expect(diff.uncompared).toEqual([]);
    expect(diff.changed[0]?.causes).toEqual([{ key: 'evidence:e2', kind: 'evidence record', name: 'e2', change: 'removed', detail: 'no longer bears on the claim' }]);
    // Missing now, with an evidence file unread: it may be in that file.
    const missing = diffVerdicts(lock, run, ids('a'), hashesOf(INPUTS), unloaded);
    expect(missing.changed).toEqual([]);
    expect(missing.uncompared).toEqual([{ id: 'a', because: [{ input: 'evidence record e2', problem: unreadable }] }]);
  });

  it('leaves an unchanged verdict unchanged, whatever did not load', () => {
    const unloaded: Unloaded = { items: new Map([['evidence:e1', broken]]), files: [{ kind: 'claim', problem: unreadable }] };
    const diff = diffVerdicts(lockOf({ a: entry(INPUTS) }), runOf({ a: entry({ 'claim:a': 'c1' }) }), ids('a'), hashesOf(INPUTS), unloaded);
    expect(diff).toEqual({ changed: [], uncompared: [], added: [], removed: [], unchanged: 1 });
  });

  it('takes what did not load from the project\'s files: a broken item, and a file that does not parse', () => {
    const project = memoryProject({
      'claims/a.yaml': `claims:
  - { id: loads, text: words, claimant: alice, date: "2016", appearance: s1, asserts: { kind: opinion, reason: a judgement } }
  - { id: no-text, claimant: alice, date: "2016", appearance: s1, asserts: { kind: opinion, reason: a judgement } }
`,
      'claims/b.yaml': 'claims:\n  - id: x\n   text: misaligned\n',
    });
    const unloaded = findUnloaded(project.parsed.values(), project.diagnostics, (key) => key === 'claim:loads');
    // A load keeps only each file's outline once the model has it: that tells the same.
    const outlined = [...project.parsed.values()].map((f) => ({ ...f, value: outlineOf(f.kind, f.value) }));
    expect(findUnloaded(outlined, project.diagnostics, (key) => key === 'claim:loads')).toEqual(unloaded);
    const lock = lockOf({ loads: entry(INPUTS), 'no-text': entry(INPUTS), x: entry(INPUTS) });
    const diff = diffVerdicts(lock, runOf({ loads: entry(INPUTS) }), ids('loads'), hashesOf(INPUTS), unloaded);
    expect(diff.removed).toEqual([]);
    expect(diff.uncompared.map((u) => [u.id, u.because.map((b) => [b.input, b.problem.file, b.problem.line, b.problem.col, b.problem.code])])).toEqual([
      ['no-text', [['claim no-text', 'claims/a.yaml', 3, 5, 'schema/required']]],
      ['x', [['claim x', 'claims/b.yaml', 3, 1, 'yaml/syntax']]],
    ]);
  });
});
