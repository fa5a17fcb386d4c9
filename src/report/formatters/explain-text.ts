import type { ClaimResult, ConditionTrail, NeededValue } from '../../types.js';
import { formatPoint } from '../../model/format-date.js';
import { clean, paint, type FormatContext } from './format-context.js';
import { append } from '../../model/append.js';

const ROLE_WORDS = { support: 'supports', contradict: 'contradicts', neutral: 'takes no side', context: 'context' } as const;

/** The full citation trail of one claim, for `factcheck explain`. */
export function formatExplainText(claim: ClaimResult, ctx: FormatContext): string {
  const out: string[] = [];
  // Every piece of user text goes through t(): one line, nothing a terminal would act on.
  const t = (text: string) => clean(text, true);
  const heading = (text: string) => out.push('', paint(ctx, 'bold', text));

  out.push(paint(ctx, 'bold', t(claim.id)), `  “${t(claim.text)}”`);
  out.push(`  ${t(claim.claimant.name)}, ${formatPoint(claim.date)} · ${t(claim.appearance.name)}: ${t(claim.appearance.title)}`);
  if (claim.context) out.push(`  Context: ${t(claim.context)}`);
  if (claim.interpretation) out.push(`  Checked as: ${t(claim.interpretation)}`);
  out.push(`  Asserts (${claim.kind}): ${t(claim.summary)}`);
  if (claim.anchor) out.push(`  Words found at line ${claim.anchor.line} of ${t(claim.anchor.snapshot.path)} (${claim.anchor.match} match${claim.anchor.unicode ? `; ${claim.anchor.unicode.join('; ')}` : ''})`);
  out.push(`  ${t(claim.file)}:${claim.line}:${claim.col}`);

  heading(`Verdict: ${t(claim.rating_label)}`);
  out.push(
    claim.rule === null
      ? `  no rule fired in ruleset ${claim.ruleset}; fallback rating`
      : `  rule ${t(claim.rule)} (ruleset ${t(claim.ruleset)}, priority ${claim.priority})`,
  );
  out.push(`  ${t(claim.explanation)}`);

  if (claim.conditions.length) {
    heading('Conditions');
    for (const c of claim.conditions) append(out, condition(c, ctx, t));
  }

  const decisive = claim.citations.filter((c) => c.decisive).length;
  heading(`Citations (${claim.citations.length}: ${decisive} behind the deciding rule, ${claim.citations.length - decisive} also considered)`);
  if (!claim.citations.length) out.push('  none: no evidence record bears on the claim');
  claim.citations.forEach((c, i) => {
    const marks = [ROLE_WORDS[c.role], c.self_reported ? 'self-reported' : '', c.own_appearance ? "the claim's own source" : '']
      .filter(Boolean)
      .join(', ');
    out.push(`  [${i + 1}] ${t(c.evidence)} (${marks}) · ${c.decisive ? `feeds ${c.facts.join(', ') || 'the explanation'}` : 'considered'}`);
    out.push(`      why: ${t(c.reason)}`);
    out.push(`      ${t(c.summary)}`);
    append(out, clean(c.quote).split('\n').map((line) => `      > ${line}`));
    out.push(
      c.anchor
        ? `      anchored: line ${c.anchor.line} of ${t(c.anchor.snapshot.path)}, characters ${c.anchor.selectors[1].start}–${c.anchor.selectors[1].end} (${c.anchor.match} match${c.anchor.unicode ? `; ${c.anchor.unicode.join('; ')}` : ''})`
        : '      unanchored: the source has no archived snapshot',
    );
    const provenance = [c.publisher ?? c.source_title, c.publisher ? c.source_title : '', c.published].filter(Boolean).join(' — ');
    const via = [c.attributed_to ? `attributed to ${c.attributed_to}` : '', c.origins.length ? `origin: ${c.origins.join(', ')}` : '']
      .filter(Boolean)
      .join('; ');
    out.push(`      ${t(provenance)}${c.url ? ` <${t(c.url)}>` : ''}`);
    if (via) out.push(`      ${t(via)}`);
  });

  if (claim.contradictions.length) {
    heading(`Contradictions in the evidence (${claim.contradictions.length})`);
    for (const c of claim.contradictions) out.push(`  ${t(c.summary)}`);
  }

  if (claim.set_aside.length) {
    heading('Set aside (cannot support the claim)');
    const words = { 'own-appearance': "from the claim's own appearance", 'self-reported': "the claimant's own word", participant: "the subject's own account of its own conduct" };
    for (const s of claim.set_aside) out.push(`  ${t(s.evidence)}: ${s.reasons.map((r) => words[r]).join('; ')}`);
  }

  if (claim.also_fired.length) {
    heading('Also fired, lower priority');
    for (const r of claim.also_fired) out.push(`  ${t(r.rule)} → ${t(r.rating)} (priority ${r.priority})`);
  }

  const near = claim.rules_not_fired.filter((r) => r.would_fire_if.length);
  if (near.length) {
    heading('Near misses (one condition from firing)');
    for (const r of near) {
      // Its rank against the deciding rule, as decide() orders them: above it, firing could change
      // the verdict; whether it would depends too on what the changed fact does to the other rules.
      const rank =
        claim.rule === null || claim.priority === null
          ? 'no rule fired'
          : r.priority > claim.priority || (r.priority === claim.priority && r.rule < claim.rule)
            ? 'ranks above the deciding rule'
            : 'ranks below the deciding rule';
      out.push(`  ${t(r.rule)} → ${t(r.rating)} (priority ${r.priority}, ${rank})`);
      for (const n of r.would_fire_if) out.push(`    if ${t(n.fact)} ${t(describeNeed(n))}; it is ${t(show(n.actual))}`);
    }
  }

  if (claim.rules_not_fired.length) {
    heading('Rules that did not fire');
    for (const r of claim.rules_not_fired) {
      out.push(`  ${t(r.rule)} → ${t(r.rating)} (priority ${r.priority}), failed on:`);
      for (const c of r.failed) append(out, condition(c, ctx, t, '    '));
    }
  }
  return `${out.join('\n')}\n`;
}

function condition(c: ConditionTrail, ctx: FormatContext, t: (s: string) => string, indent = '  '): string[] {
  // Under a `not`, a comparison that fails is what the rule needs.
  const counts = c.passed !== c.negated;
  const mark = counts ? paint(ctx, 'green', '✓') : paint(ctx, 'red', '✗');
  const comparison = t(`${c.fact} ${c.operator} ${show(c.threshold)}`);
  const lines = [`${indent}${mark} ${c.negated ? `not (${comparison})` : comparison}    actual: ${t(show(c.actual))}`];
  if (c.evidence.length) lines.push(`${indent}    evidence: ${t(c.evidence.join(', '))}`);
  return lines;
}

const NEED_WORDS: Record<string, string> = {
  equal: 'were',
  notEqual: 'were anything but',
  lessThan: 'were below',
  lessThanInclusive: 'were at most',
  greaterThan: 'were above',
  greaterThanInclusive: 'were at least',
  in: 'were one of',
  notIn: 'were none of',
  contains: 'contained',
  doesNotContain: 'did not contain',
};

function describeNeed(n: NeededValue): string {
  return `${NEED_WORDS[n.operator] ?? n.operator} ${show(n.value)}`;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
