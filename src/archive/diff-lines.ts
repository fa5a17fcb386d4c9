/** One line of a diff: kept, removed from the old text, or added in the new. */
export type DiffLine = { op: ' ' | '-' | '+'; text: string };

/** Past this many lines on each side, the table would be too large: the texts are shown as wholly replaced. */
const MAX_LINES = 5000;

/**
 * A diff of two texts' paragraphs by longest common subsequence, as `diff`
 * shows it. Snapshots are one paragraph per line; blank lines between them
 * are layout, not text, and are left out.
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = paragraphs(before);
  const b = paragraphs(after);
  if (a.length > MAX_LINES || b.length > MAX_LINES) return [...a.map((text) => ({ op: '-' as const, text })), ...b.map((text) => ({ op: '+' as const, text }))];
  // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: DiffLine[] = [];
  let [i, j] = [0, 0];
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) out.push({ op: ' ', text: a[i++]! }), j++;
    else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: '-', text: a[i++]! });
    else out.push({ op: '+', text: b[j++]! });
  }
  while (i < a.length) out.push({ op: '-', text: a[i++]! });
  while (j < b.length) out.push({ op: '+', text: b[j++]! });
  return out;
}

function paragraphs(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** The changed lines with `context` kept lines around each, in unified-diff hunks. */
export function formatDiff(lines: readonly DiffLine[], context = 1): string {
  const keep = lines.map((l, i) => l.op !== ' ' || lines.slice(Math.max(0, i - context), i + context + 1).some((n) => n.op !== ' '));
  const out: string[] = [];
  lines.forEach((l, i) => {
    if (keep[i]) out.push(`${l.op} ${l.text}`);
    else if (keep[i - 1]) out.push('  …');
  });
  return out.length ? `${out.join('\n')}\n` : '';
}
