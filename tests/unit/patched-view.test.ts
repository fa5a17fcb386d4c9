import { describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/diagnostics.js';
import { makeView } from '../../src/cache/kept-view.js';
import { patchedView } from '../../src/cache/patched-view.js';
import { textView } from '../../src/cli/print-report.js';
import { PLAIN } from '../../src/report/formatters/format-context.js';
import { runVerify } from '../../src/pipeline.js';
import type { ClaimResult, VerifyResult } from '../../src/types.js';
import { REPO } from '../helpers/project.js';

async function bundledResult(): Promise<VerifyResult> {
  const run = await runVerify(REPO);
  if ('problem' in run || !run.report) throw new Error('the bundled project does not verify');
  return run.report.result;
}

/** The result with the claims at `moved` given another rating, label and reason, and the totals and problems to go with them. */
function movedResult(result: VerifyResult, moved: readonly number[], label: (claim: ClaimResult) => string): VerifyResult {
  const claims = result.claims.map((c, i) =>
    moved.includes(i) ? { ...c, rating: 'other', rating_label: label(c), explanation: `Now: ${c.explanation} ${'and more words '.repeat(i)}` } : c,
  );
  const by_rating = { ...result.totals.by_rating };
  for (const i of moved) {
    by_rating[result.claims[i]!.rating]!--;
    by_rating.other = (by_rating.other ?? 0) + 1;
  }
  const diagnostics = [...result.diagnostics, diagnostic('verify/no-rule-fired', { file: 'claims/x.yaml', line: 1, col: 1 }, 'no rule fired for “x”', 'warning')];
  return { ...result, claims, totals: { ...result.totals, by_rating, warnings: result.totals.warnings + 1 }, diagnostics };
}

describe('a view patched from the kept one', () => {
  const views = [textView(PLAIN, PLAIN), textView({ color: true, width: 60 }, { color: true })];

  it('is the view made whole, byte for byte, whichever rows moved', async () => {
    const result = await bundledResult();
    expect(result.claims.length).toBeGreaterThan(5);
    const widest = result.claims.map((c) => c.rating_label).reduce((a, b) => (b.length > a.length ? b : a));
    for (const view of views) {
      const kept = makeView(view, result);
      expect(kept.bytes.toString('utf8')).toBe(view.make(result));
      const last = result.claims.length - 1;
      for (const moved of [[], [0], [last], [1, 2, 3], [0, last], result.claims.map((_, i) => i)]) {
        // The widest label kept: the layout holds.
        const now = movedResult(result, moved, () => widest);
        const patched = patchedView(view.rows!, { bytes: kept.bytes, rows: kept.rows! }, now, new Set(moved));
        expect(patched?.toString('utf8'), `moved ${moved.join(',')}`).toBe(view.make(now));
      }
    }
  });

  it('is not made when the layout moved or the claims are others', async () => {
    const result = await bundledResult();
    const view = views[1]!;
    const kept = makeView(view, result);
    const rows = { bytes: kept.bytes, rows: kept.rows! };
    // A label wider than every other, or the widest gone: every row reads differently.
    expect(patchedView(view.rows!, rows, movedResult(result, [2], () => 'A rating label wider than any'), new Set([2]))).toBeUndefined();
    const widest = Math.max(...result.claims.map((c) => c.rating_label.length));
    const all = result.claims.map((_, i) => i);
    expect(patchedView(view.rows!, rows, movedResult(result, all, () => 'x'), new Set(all))).toBeUndefined();
    expect(widest).toBeGreaterThan(6);
    expect(patchedView(view.rows!, rows, { ...result, claims: result.claims.slice(1) }, new Set())).toBeUndefined();
  });
});
