import { normalise, type Normalised } from './normalise-text.js';
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
  // Each other occurrence's surroundings normalised once, as wide as the longest hint tried needs.
  const widths = { before: window(before.slice(-40).join(' ')), after: window(after.slice(0, 40).join(' ')) };
  const surroundings = new Map<Occurrence, Surroundings>();
  const fits = (o: Occurrence, hint: AnchorHint, wanted: string): boolean => {
    let around = surroundings.get(o);
    if (!around) surroundings.set(o, (around = surround(snapshot, o, widths)));
    return fitsAround(around, o, hint, wanted) ?? fitsHint(snapshot, o, hint);
  };
  for (let words = 1; words <= 40; words++) {
    // Past the words there are, a hint is the one already tried.
    const prefix = before.slice(-words).join(' ');
    if (words <= before.length) {
      const wanted = normalise(prefix).text.trim();
      if (!others.some((o) => fits(o, { prefix }, wanted))) return { prefix };
    }
    const suffix = after.slice(0, words).join(' ');
    if (words <= after.length) {
      const wanted = normalise(suffix).text.trim();
      if (!others.some((o) => fits(o, { suffix }, wanted))) return { suffix };
    }
  }
  return undefined;
}

/** How much of the snapshot fitsHint normalises beside an occurrence for a hint. */
const window = (hint: string) => 4 * hint.length + 16;

/** An occurrence's surroundings normalised, each as wide as the widest window asked of it. */
interface Surroundings {
  before: Normalised;
  /** Where `before` starts in the snapshot, and where its text ends without trailing space. */
  start: number;
  end: number;
  after: Normalised;
  /** How far past the occurrence `after` was taken from, and where its text starts without leading space. */
  reach: number;
  lead: number;
}

function surround(snapshot: PreparedSnapshot, o: Occurrence, widths: { before: number; after: number }): Surroundings {
  const start = Math.max(0, o.from - widths.before);
  const before = normalise(snapshot.text.slice(start, o.from));
  const after = normalise(snapshot.text.slice(o.to, o.to + widths.after));
  return { before, start, end: before.text.trimEnd().length, after, reach: widths.after, lead: after.text.length - after.text.trimStart().length };
}

/** Past a slice's cut edge, what normalising it alone gives is what the wider text gave; at the edge, a split space run or surrogate pair may differ by a few characters. */
const EDGE = 16;

/**
 * fitsHint from the surroundings normalised once: a narrower slice normalises to the wider one's
 * characters from the same place on, but at its cut edge. Undefined when the hint reaches near
 * that edge, where only normalising the slice itself can tell.
 */
function fitsAround(s: Surroundings, o: Occurrence, hint: AnchorHint, wanted: string): boolean | undefined {
  if (hint.prefix !== undefined) {
    const from = Math.max(0, o.from - window(hint.prefix));
    if (from < s.start) return undefined;
    const first = firstFrom(s.before.from, from - s.start);
    return s.end - first >= wanted.length + EDGE ? s.before.text.endsWith(wanted, s.end) : undefined;
  }
  if (hint.suffix === undefined) return undefined;
  const width = window(hint.suffix);
  if (width > s.reach) return undefined;
  const past = firstFrom(s.after.from, width);
  return past - s.lead >= wanted.length + EDGE ? s.after.text.startsWith(wanted, s.lead) : undefined;
}

/** The first index whose offset is at least `at`, in offsets that never decrease. */
function firstFrom(offsets: Int32Array, at: number): number {
  let [lo, hi] = [0, offsets.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const WORDS = /\S+/g;
