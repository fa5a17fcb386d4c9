import type { Anchor } from '../types.js';
import type { DescribedText, Occurrence } from './anchor-quote.js';

const SELECTOR_CONTEXT = 32;
const SNIPPET_CONTEXT = 100;

/** An occurrence as an anchor: its selectors, and a snippet cut at whole words for reports. */
export function describe(snapshot: DescribedText, o: Occurrence, match: Anchor['match']): Anchor {
  const { text } = snapshot;
  // Twice the context in UTF-16 units always holds that many code points.
  const before = (n: number) => takeEnd(text.slice(Math.max(0, o.from - 2 * n), o.from), n, snapshot.astral);
  const after = (n: number) => takeStart(text.slice(o.to, o.to + 2 * n), n, snapshot.astral);
  // One string for both: a hundred thousand anchors are held to the end of a run.
  const exact = text.slice(o.from, o.to);
  return {
    exact,
    prefix: before(SELECTOR_CONTEXT),
    suffix: after(SELECTOR_CONTEXT),
    start: snapshot.codePointAt(o.from),
    end: snapshot.codePointAt(o.to),
    match,
    context: {
      prefix: cutAtWord(before(SNIPPET_CONTEXT), 'start', snapshot.astral),
      exact,
      suffix: cutAtWord(after(SNIPPET_CONTEXT), 'end', snapshot.astral),
    },
    line: o.line,
  };
}

/** The last `n` code points of a string. */
function takeEnd(s: string, n: number, astral: boolean): string {
  if (s.length <= n) return s;
  if (!astral) return s.slice(-n);
  return Array.from(s).slice(-n).join('');
}

/** The first `n` code points of a string. */
function takeStart(s: string, n: number, astral: boolean): string {
  if (s.length <= n) return s;
  if (!astral) return s.slice(0, n);
  return Array.from(s).slice(0, n).join('');
}

/** Drops a partial word, and the white space, at the cut edge of a snippet. */
function cutAtWord(s: string, edge: 'start' | 'end', astral: boolean): string {
  const cut = (astral ? Array.from(s).length : s.length) >= SNIPPET_CONTEXT;
  // Scans, not regular expressions: /\s+\S*$/ backtracks over every space of the snippet.
  if (edge === 'start') {
    let i = 0;
    if (cut) {
      const space = s.search(/\s/);
      if (space !== -1) i = space;
    }
    while (i < s.length && /\s/.test(s[i]!)) i++;
    return s.slice(i);
  }
  let end = s.length;
  if (cut) {
    let j = end - 1;
    while (j >= 0 && !/\s/.test(s[j]!)) j--;
    if (j >= 0) end = j;
  }
  while (end > 0 && /\s/.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}
