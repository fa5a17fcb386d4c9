import type { Position } from '../diagnostics.js';
import { partsOf } from './hash-inputs.js';
import type { Lock, LockEntry } from './lock-file.js';

export type InputKind = 'claim' | 'claim field' | 'evidence record' | 'source' | 'entity' | 'rule' | 'ruleset' | 'config';

/** One input that moved a verdict. */
export interface Cause {
  key: string;
  kind: InputKind;
  /** The item's id, and for claim fields the field, as in "asserts". */
  name: string;
  change: 'added' | 'removed' | 'edited';
  /** For added and removed inputs: whether the item itself is new or deleted, or only bears on the claim now or no longer. */
  detail?: 'new' | 'deleted' | 'now bears on the claim' | 'no longer bears on the claim';
  /** Where the item is defined now, when it still exists. */
  at?: Position;
}

export interface VerdictChange {
  id: string;
  /** Where the claim is defined. */
  at?: Position;
  before: Pick<LockEntry, 'rating' | 'ruleset' | 'rule' | 'citations'>;
  after: Pick<LockEntry, 'rating' | 'ruleset' | 'rule' | 'citations'>;
  causes: Cause[];
  citations: { gained: string[]; lost: string[] };
}

export interface VerdictDiff {
  /** Claims verified whose verdict, rule or citations differ from the recorded ones. */
  changed: VerdictChange[];
  /** Claims verified that have no recorded verdict. */
  added: string[];
  /** Recorded claims that no longer exist. */
  removed: string[];
  /** Claims verified that match their record. */
  unchanged: number;
}

/**
 * Compares this run's verdicts with the recorded ones. `existing` is every
 * claim in the project, so that a partial run does not call unverified claims
 * gone. `hashes` covers every current input, to tell a deleted item from one
 * that no longer bears on the claim.
 */
export function diffVerdicts(
  lock: Lock,
  current: ReadonlyMap<string, LockEntry>,
  existing: ReadonlySet<string>,
  hashes: ReadonlyMap<string, string>,
): VerdictDiff {
  const diff: VerdictDiff = { changed: [], added: [], removed: [], unchanged: 0 };
  for (const [id, after] of [...current].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const before = lock.claims[id];
    if (!before) {
      diff.added.push(id);
      continue;
    }
    const same =
      before.rating === after.rating &&
      before.ruleset === after.ruleset &&
      before.rule === after.rule &&
      before.citations.join('\n') === after.citations.join('\n');
    if (same) {
      diff.unchanged++;
      continue;
    }
    diff.changed.push({
      id,
      before: pick(before),
      after: pick(after),
      causes: causes(before, after, lock, hashes),
      citations: {
        gained: after.citations.filter((c) => !before.citations.includes(c)),
        lost: before.citations.filter((c) => !after.citations.includes(c)),
      },
    });
  }
  diff.removed = Object.keys(lock.claims).filter((id) => !existing.has(id)).sort();
  return diff;
}

function causes(before: LockEntry, after: LockEntry, lock: Lock, hashes: ReadonlyMap<string, string>): Cause[] {
  const was = new Set(before.depends);
  const now = new Set(after.depends);
  const out: Cause[] = [];
  for (const key of [...new Set([...was, ...now])].sort()) {
    const { kind, name } = describeKey(key);
    if (was.has(key) && now.has(key)) {
      if (lock.inputs[key] === hashes.get(key)) continue;
      // A claim or ruleset changed: name the fields or rules that did.
      const parts = [...new Set([...partsOf(key, Object.keys(lock.inputs)), ...partsOf(key, hashes.keys())])];
      const changed = parts.filter((p) => lock.inputs[p] !== hashes.get(p));
      if (!changed.length) out.push({ key, kind, name, change: 'edited' });
      for (const part of changed) {
        const described = describeKey(part);
        const change = !(part in lock.inputs) ? 'added' : !hashes.has(part) ? 'removed' : 'edited';
        out.push({ key: part, kind: described.kind, name: described.name, change });
      }
    } else if (now.has(key)) {
      out.push({ key, kind, name, change: 'added', detail: key in lock.inputs ? 'now bears on the claim' : 'new' });
    } else {
      out.push({ key, kind, name, change: 'removed', detail: hashes.has(key) ? 'no longer bears on the claim' : 'deleted' });
    }
  }
  return out;
}

export function describeKey(key: string): { kind: InputKind; name: string } {
  const [prefix, rest = ''] = splitOnce(key, ':');
  switch (prefix) {
    case 'claim': {
      const field = splitOnce(rest, '/')[1];
      return field === undefined ? { kind: 'claim', name: rest } : { kind: 'claim field', name: field };
    }
    case 'evidence':
      return { kind: 'evidence record', name: rest };
    case 'source':
      return { kind: 'source', name: rest };
    case 'entity':
      return { kind: 'entity', name: rest };
    case 'rule':
      return { kind: 'rule', name: rest };
    case 'ruleset':
      return { kind: 'ruleset', name: rest };
    default:
      return { kind: 'config', name: 'factcheck.config.yaml' };
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function pick(entry: LockEntry): VerdictChange['before'] {
  return { rating: entry.rating, ruleset: entry.ruleset, rule: entry.rule, citations: entry.citations };
}

/** 1 when a recorded verdict differs, a claim is new or a recorded one is gone. */
export function diffExitCode(diff: VerdictDiff): 0 | 1 {
  return diff.changed.length || diff.added.length || diff.removed.length ? 1 : 0;
}
