import type { Diagnostic, Position } from '../diagnostics.js';
import { partsOf } from './hash-inputs.js';
import type { Lock, LockEntry } from './lock-file.js';
import type { InputKind, Unloaded } from '../types.js';
import { byId, compareIds } from '../model/compare.js';

export type { InputKind, Unloaded };

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
  /**
   * `verdict`: the rating or the deciding rule changed, which changes what is
   * published. `trail`: only the citations behind the same verdict did.
   */
  kind: 'verdict' | 'trail';
  /** Where the claim is defined. */
  at?: Position;
  before: Pick<LockEntry, 'rating' | 'ruleset' | 'rule' | 'citations'>;
  after: Pick<LockEntry, 'rating' | 'ruleset' | 'rule' | 'citations'>;
  causes: Cause[];
  citations: { gained: string[]; lost: string[] };
}

/** A recorded verdict that could not be compared, and the input errors that kept it from it. */
export interface Uncompared {
  id: string;
  /** Where the claim is defined, when it loaded. */
  at?: Position;
  because: Blocker[];
}

/** An input of a recorded verdict that did not load, and the error that kept it out. */
export interface Blocker {
  /** The input, as "evidence record july-2017". */
  input: string;
  problem: Diagnostic;
}

export const NOTHING_UNLOADED: Unloaded = { items: new Map(), files: [] };

export interface VerdictDiff {
  /** Claims verified whose verdict, rule or citations differ from the recorded ones. */
  changed: VerdictChange[];
  /** Recorded verdicts that could not be compared while inputs have errors: never reported as changed or gone. */
  uncompared: Uncompared[];
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
  unloaded: Unloaded = NOTHING_UNLOADED,
): VerdictDiff {
  const diff: VerdictDiff = { changed: [], uncompared: [], added: [], removed: [], unchanged: 0 };
  /** The error that kept an input from loading, if one did: a missing input is then not a deletion. */
  const blocker = (key: string): Blocker | undefined => {
    const item = itemKey(key);
    const { kind, name } = describeKey(item);
    const problem = unloaded.items.get(item) ?? (hashes.has(item) ? undefined : unloaded.files.find((f) => f.kind === kind)?.problem);
    return problem && { input: `${kind} ${name}`, problem };
  };
  // Inputs any recorded verdict knew, with a hash they were recorded at: an input none knew is new.
  const known = new Map<string, string>();
  for (const entry of Object.values(lock.claims)) for (const [key, hash] of Object.entries(entry.inputs)) if (!known.has(key)) known.set(key, hash);
  for (const [id, after] of [...current].sort(([a], [b]) => compareIds(a, b))) {
    const before = lock.claims[id];
    if (!before) {
      diff.added.push(id);
      continue;
    }
    if (sameVerdict(before, after)) {
      diff.unchanged++;
      continue;
    }
    // An input the verdict was recorded with that did not load now: the difference may be that alone.
    const blocked = Object.keys(before.inputs).filter((key) => !(key in after.inputs)).flatMap((key) => blocker(key) ?? []);
    if (blocked.length) {
      diff.uncompared.push({ id, because: uniqueBlockers(blocked) });
      continue;
    }
    diff.changed.push({
      id,
      kind: before.rating === after.rating && before.ruleset === after.ruleset && before.rule === after.rule ? 'trail' : 'verdict',
      before: pick(before),
      after: pick(after),
      causes: causes(before, after, known, hashes),
      citations: {
        gained: after.citations.filter((c) => !before.citations.includes(c)),
        lost: before.citations.filter((c) => !after.citations.includes(c)),
      },
    });
  }
  for (const id of Object.keys(lock.claims).sort()) {
    if (current.has(id)) continue;
    // A claim that is there but did not load, or may be in a file that could not be read, is not gone.
    const blocked = blocker(`claim:${id}`);
    if (blocked) diff.uncompared.push({ id, because: [blocked] });
    else if (!existing.has(id)) diff.removed.push(id);
  }
  diff.uncompared.sort(byId);
  return diff;
}

/** The item a key belongs to: a claim for its fields, a ruleset for its rules. */
function itemKey(key: string): string {
  if (key.startsWith('claim:')) return key.replace(/\/.*$/, '');
  if (key.startsWith('rule:')) return `ruleset:${key.slice('rule:'.length).replace(/\/.*$/, '')}`;
  return key;
}

/** One blocker per problem: a file that failed to parse keeps out many inputs for one reason. */
function uniqueBlockers(blockers: Blocker[]): Blocker[] {
  const seen = new Map<string, Blocker>();
  for (const b of blockers) {
    const key = `${b.problem.file}:${b.problem.line}:${b.problem.col}:${b.problem.code}`;
    if (!seen.has(key)) seen.set(key, b);
  }
  return [...seen.values()];
}

/** Verdicts are the same when their rating, ruleset, deciding rule and citations are. */
export function sameVerdict(a: Pick<LockEntry, 'rating' | 'ruleset' | 'rule' | 'citations'>, b: Pick<LockEntry, 'rating' | 'ruleset' | 'rule' | 'citations'>): boolean {
  return a.rating === b.rating && a.ruleset === b.ruleset && a.rule === b.rule && a.citations.join('\n') === b.citations.join('\n');
}

/** Inputs added, removed or edited between the verdict as recorded and as it is now; parts (fields, rules) named when they moved. */
function causes(before: LockEntry, after: LockEntry, known: ReadonlyMap<string, string>, hashes: ReadonlyMap<string, string>): Cause[] {
  const was = before.inputs;
  const now = after.inputs;
  const out: Cause[] = [];
  const isPart = (key: string) => key.startsWith('rule:') || (key.startsWith('claim:') && key.includes('/'));
  for (const key of [...new Set([...Object.keys(was), ...Object.keys(now)])].filter((k) => !isPart(k)).sort()) {
    const { kind, name } = describeKey(key);
    if (key in was && key in now) {
      if (was[key] === now[key]) continue;
      const parts = [...new Set([...partsOf(key, Object.keys(was)), ...partsOf(key, Object.keys(now))])].filter((p) => was[p] !== now[p]);
      if (!parts.length) out.push({ key, kind, name, change: 'edited' });
      for (const part of parts) {
        const described = describeKey(part);
        out.push({ key: part, kind: described.kind, name: described.name, change: !(part in was) ? 'added' : !(part in now) ? 'removed' : 'edited' });
      }
    } else if (key in now) {
      // Bears on the claim now. Another verdict may have known it, with other content: then it was edited too.
      const earlier = known.get(key);
      out.push({ key, kind, name, change: earlier !== undefined && earlier !== now[key] ? 'edited' : 'added', detail: earlier === undefined ? 'new' : 'now bears on the claim' });
    } else {
      const current = hashes.get(key);
      out.push({
        key,
        kind,
        name,
        change: current !== undefined && current !== was[key] ? 'edited' : 'removed',
        detail: current === undefined ? 'deleted' : 'no longer bears on the claim',
      });
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

/** Whether a recorded verdict differs, a claim is new or a recorded one is gone. */
export function diffDiffers(diff: VerdictDiff): boolean {
  return diff.changed.length + diff.added.length + diff.removed.length > 0;
}

/** 1 when a recorded verdict differs, a claim is new or a recorded one is gone. */
export function diffExitCode(diff: VerdictDiff): 0 | 1 {
  return diffDiffers(diff) ? 1 : 0;
}

/** How many changes of each kind: what a summary leads with. */
export function countChanges(diff: VerdictDiff): { verdicts: number; trails: number } {
  const verdicts = diff.changed.filter((c) => c.kind === 'verdict').length;
  return { verdicts, trails: diff.changed.length - verdicts };
}
