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
  const others = all.filter((o) => o !== target);
  for (let words = 1; words <= 40; words++) {
    const prefix = lastWords(snapshot.text.slice(Math.max(0, target.from - 2000), target.from), words);
    if (prefix.trim() && !others.some((o) => fitsHint(snapshot, o, { prefix }))) return { prefix };
    const suffix = firstWords(snapshot.text.slice(target.to, target.to + 2000), words);
    if (suffix.trim() && !others.some((o) => fitsHint(snapshot, o, { suffix }))) return { suffix };
  }
  return undefined;
}

// Hints are compared normalised, so they are written with white space collapsed.
function lastWords(s: string, n: number): string {
  const match = new RegExp(`(?:\\S+\\s+){0,${n - 1}}\\S*\\s*$`).exec(s);
  return match ? match[0].replace(/\s+/g, ' ').trim() : '';
}

function firstWords(s: string, n: number): string {
  const match = new RegExp(`^\\s*\\S*(?:\\s+\\S+){0,${n - 1}}`).exec(s);
  return match ? match[0].replace(/\s+/g, ' ').trim() : '';
}
