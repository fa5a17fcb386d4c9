import { normalise } from './normalise-text.js';
import type { AnchorHint, Occurrence, PreparedSnapshot } from './anchor-quote.js';

/**
 * Prefix and suffix are compared normalised, so typography never decides
 * between occurrences, and without the space at their edges, which YAML drops.
 */
export function fitsHint(snapshot: PreparedSnapshot, o: Occurrence, hint: AnchorHint): boolean {
  if (hint.prefix === undefined && hint.suffix === undefined) return true;
  const before = normalise(snapshot.text.slice(Math.max(0, o.from - 4 * (hint.prefix?.length ?? 0) - 16), o.from)).text.trimEnd();
  const after = normalise(snapshot.text.slice(o.to, o.to + 4 * (hint.suffix?.length ?? 0) + 16)).text.trimStart();
  const prefix = hint.prefix === undefined ? undefined : normalise(hint.prefix).text.trim();
  const suffix = hint.suffix === undefined ? undefined : normalise(hint.suffix).text.trim();
  return (prefix === undefined || before.endsWith(prefix)) && (suffix === undefined || after.startsWith(suffix));
}

/**
 * The shortest prefix or suffix (whole words) that tells one occurrence from
 * the others; undefined when even long ones cannot (a passage repeated with
 * the same surroundings).
 */
export function disambiguate(snapshot: PreparedSnapshot, target: Occurrence, all: readonly Occurrence[]): AnchorHint | undefined {
  // Records quoting the same words in one snapshot ask the same question: each normalises
  // thousands of slices of it, so thousands of such records took half a minute.
  let known = asked.get(snapshot);
  if (!known) asked.set(snapshot, (known = new Map()));
  const key = `${target.from}:${target.to}|${all.map((o) => `${o.from}:${o.to}`).join(',')}`;
  if (known.has(key)) return known.get(key);
  const hint = search(snapshot, target, all);
  known.set(key, hint);
  return hint;
}

const asked = new WeakMap<PreparedSnapshot, Map<string, AnchorHint | undefined>>();

function search(snapshot: PreparedSnapshot, target: Occurrence, all: readonly Occurrence[]): AnchorHint | undefined {
  const others = all.filter((o) => o !== target);
  // The words around it, split once: a pattern of n words run at each n backtracked through the
  // whole slice, 80 times for each occurrence. Hints are compared normalised, so they are written
  // with white space collapsed.
  const before = snapshot.text.slice(Math.max(0, target.from - 2000), target.from).match(WORDS) ?? [];
  const after = snapshot.text.slice(target.to, target.to + 2000).match(WORDS) ?? [];
  for (let words = 1; words <= 40; words++) {
    // Past the words there are, a hint is the one already tried.
    const prefix = before.slice(-words).join(' ');
    if (words <= before.length && !others.some((o) => fitsHint(snapshot, o, { prefix }))) return { prefix };
    const suffix = after.slice(0, words).join(' ');
    if (words <= after.length && !others.some((o) => fitsHint(snapshot, o, { suffix }))) return { suffix };
  }
  return undefined;
}

const WORDS = /\S+/g;
