import { createHash } from 'node:crypto';
import { plainCondition } from '../../verdict/plain-condition.js';
import { ratingLabel, type VerifyReport } from '../../results/verify-report.js';
import type { Citation, ClaimResult, Rating } from '../../types.js';
import { formatPoint } from '../../model/format-date.js';
import { causeSummary, changeTitle, describeChange, diffCounts, uncomparedSummary } from '../formatters/describe-change.js';
import { escapeHtml as e, linkOrText, userText as u } from './escape-html.js';
import { REPORT_SCRIPT } from './report-script.js';
import { reportStyle } from './report-style.js';

export interface ReportContext {
  /** The verdict scale as configured, for colours and symbols. */
  ratings: readonly Rating[];
  organization?: { name: string; url?: string };
  /** ISO time to print, only with --timestamp: by default the report has none, so it is reproducible. */
  timestamp?: string;
}

const SYMBOLS: Record<Rating['averitec'], string> = {
  Supported: '✓',
  Refuted: '✗',
  'Conflicting Evidence/Cherrypicking': '◐',
  'Not Enough Evidence': '?',
};

const ROLE_WORDS: Record<Citation['role'], string> = { support: 'Supports', contradict: 'Contradicts', neutral: 'Takes no side', context: 'Context' };

/** The whole report: one self-contained HTML page with inline CSS and JS and no outside requests. */
export function renderReport(report: VerifyReport, ctx: ReportContext): string {
  const { result } = report;
  const style = reportStyle(ctx.ratings);
  // Only this page's own style and script may run, and nothing may be fetched.
  const csp = `default-src 'none'; style-src '${sha256(style)}'; script-src '${sha256(REPORT_SCRIPT)}'; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = ctx.organization ? `Fact checks: ${ctx.organization.name}` : 'Fact checks';
  const claims = result.claims;
  const option = (value: string, label: string) => `<option value="${e(value)}">${e(label)}</option>`;
  const tags = [...new Set(claims.flatMap((c) => c.tags))].sort();
  const claimants = [...new Map(claims.map((c) => [c.claimant.id, c.claimant.name])).entries()].sort((a, b) => (a[1] < b[1] ? -1 : 1));

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${e(csp)}">
<meta name="generator" content="factcheck ${e(result.tool.version)}">
<title>${e(title)}</title>
<style>${style}</style>
</head>
<body>
<a class="skip" href="#claims">Skip to the claims</a>
<header class="page" role="banner">
<h1>${e(title)}</h1>
<p>${claims.length} claim${claims.length === 1 ? '' : 's'} verified${ctx.timestamp ? ` · generated ${e(ctx.timestamp)}` : ''} · ${problemsLine(report)}</p>
</header>
<nav class="filters" aria-label="Filter the claims">
<form id="filters" role="search">
<label>Rating<select name="rating">${option('', 'All ratings')}${result.scale.map((r) => option(r.id, `${r.label} (${result.totals.by_rating[r.id] ?? 0})`)).join('')}</select></label>
<label>Tag<select name="tag">${option('', 'All tags')}${tags.map((t) => option(t, t)).join('')}</select></label>
<label>Claimant<select name="claimant">${option('', 'All claimants')}${claimants.map(([id, name]) => option(id, name)).join('')}</select></label>
<label>Search<input type="search" name="q" placeholder="Words in claims, reasons, quotes" autocomplete="off"></label>
<button type="reset">Clear</button>
<p id="shown" role="status" aria-live="polite">Showing ${claims.length} of ${claims.length} claims</p>
</form>
</nav>
<main id="main">
<h2 id="summary-heading">At a glance</h2>
<section class="summary" aria-labelledby="summary-heading">
${chartPanel(report)}
${changesPanel(report)}
${contradictionsPanel(claims)}
${fragilePanel(claims)}
</section>
<h2 id="claims">Claims</h2>
${claims.map((c) => card(c, report, ctx)).join('\n')}
</main>
<footer class="page" role="contentinfo">
<p>Made with factcheck ${e(result.tool.version)}${ctx.organization ? ` for ${ctx.organization.url ? linkOrText(ctx.organization.url, ctx.organization.name) : e(ctx.organization.name)}` : ''}. Every quote is shown in its place in the archived source; “unanchored” marks words from a source that is not archived.</p>
</footer>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}

function problemsLine(report: VerifyReport): string {
  const { errors, warnings } = report.result.totals;
  if (!errors && !warnings) return 'no problems in the input';
  return [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(', ') + ' in the input';
}

/** Counts per rating as a bar chart in the scale's colours, each bar labelled with its rating and count. */
function chartPanel(report: VerifyReport): string {
  const { result } = report;
  const max = Math.max(1, ...Object.values(result.totals.by_rating));
  const row = 28;
  const rows = result.scale.map((r, i) => {
    const count = result.totals.by_rating[r.id] ?? 0;
    const width = Math.round((count / max) * 170);
    const y = i * row;
    return `<text x="0" y="${y + 18}">${e(r.label)}</text><rect class="bar-${e(r.id)}" x="130" y="${y + 4}" width="${width}" height="18" rx="2"></rect><text x="${136 + width}" y="${y + 18}">${count}</text>`;
  });
  const described = result.scale.map((r) => `${r.label}: ${result.totals.by_rating[r.id] ?? 0}`).join(', ');
  return `<div class="panel"><h3 id="chart-title">Verdicts by rating</h3>
<svg class="chart" role="img" aria-labelledby="chart-title chart-desc" viewBox="0 0 360 ${result.scale.length * row}"><desc id="chart-desc">${e(described)}</desc>${rows.join('')}</svg></div>`;
}

function changesPanel(report: VerifyReport): string {
  const diff = report.check?.diff;
  if (!diff) return `<div class="panel"><h3>Changes to recorded verdicts</h3><p>No recorded verdicts to compare with (factcheck verify --update records them).</p></div>`;
  const link = (id: string) => `<a href="#${e(id)}">${e(id)}</a>`;
  const items = [
    ...diff.changed.map((c) => `<li>${link(c.id)}: <strong>${e(changeTitle(c))}</strong>: ${e(describeChange(report.result, c))}. Because: ${e(causeSummary(c))}.</li>`),
    ...diff.added.map((id) => `<li>${link(id)}: new, not yet recorded.</li>`),
    ...diff.removed.map((id) => `<li>${e(id)}: recorded, no longer in the project.</li>`),
    ...diff.uncompared.map((u) => `<li>${u.at ? link(u.id) : e(u.id)}: ${e(uncomparedSummary(u))}.</li>`),
  ];
  return `<div class="panel"><h3>Changes to recorded verdicts</h3><p>${e(diffCounts(diff))}.</p>${items.length ? `<ul>${items.join('')}</ul>` : ''}</div>`;
}

function contradictionsPanel(claims: readonly ClaimResult[]): string {
  const unique = new Map<string, { summary: string; claims: string[] }>();
  for (const c of claims) {
    for (const x of c.contradictions) {
      const key = x.records.join(' ');
      const entry = unique.get(key) ?? { summary: x.summary, claims: [] };
      entry.claims.push(c.id);
      unique.set(key, entry);
    }
  }
  const items = [...unique.values()].map((x) => `<li>${u(x.summary)}. Bears on ${x.claims.map((id) => `<a href="#${e(id)}">${e(id)}</a>`).join(', ')}.</li>`);
  // Folded under its count, so that on a phone the claims come soon after the summary.
  return `<details class="panel"><summary><h3>Contradictions in the evidence: ${items.length || 'none'}</h3></summary>${items.length ? `<ul>${items.join('')}</ul>` : '<p>None found.</p>'}</details>`;
}

/** Claims whose support is one origin, or only the claimant's own word. */
function fragilePanel(claims: readonly ClaimResult[]): string {
  const items: string[] = [];
  for (const c of claims) {
    if (c.facts.self_reported_only?.value === true) items.push(`<li><a href="#${e(c.id)}">${e(c.id)}</a>: supported only by ${u(c.claimant.name)}'s own word.</li>`);
    else if ((c.facts.supporting_count?.value as number) > 0 && c.facts.supporting_origins?.value === 1) {
      const origin = (c.facts.supporting_origin_names?.value as string[] | undefined)?.join(', ') ?? 'one origin';
      items.push(`<li><a href="#${e(c.id)}">${e(c.id)}</a>: all independent support traces to one origin, ${u(origin)}.</li>`);
    }
  }
  return `<details class="panel"><summary><h3>Resting on thin support: ${items.length || 'none'}</h3></summary>${items.length ? `<ul>${items.join('')}</ul>` : '<p>None.</p>'}</details>`;
}

/**
 * One claim as a published fact check reads: the rating large, the words and
 * who said them where and when, the context and what was checked, the ruling
 * in plain words and its sources; then, for whoever wants it, the whole trail.
 */
function card(c: ClaimResult, report: VerifyReport, ctx: ReportContext): string {
  const rating = ctx.ratings.find((r) => r.id === c.rating);
  const symbol = rating ? SYMBOLS[rating.averitec] : '';
  const searchable = [c.id, c.text, c.claimant.name, c.context ?? '', c.interpretation ?? '', c.explanation, c.rating_label, ...c.tags, ...c.citations.flatMap((x) => [x.quote, x.publisher ?? '', x.source_title])]
    .join(' ')
    .toLowerCase();
  const changed = report.check?.diff.changed.find((x) => x.id === c.id);
  const decisive = c.citations.filter((x) => x.decisive);
  const framing = [c.context ? `<dt>Context</dt><dd>${u(c.context)}</dd>` : '', c.interpretation ? `<dt>What was checked</dt><dd>${u(c.interpretation)}</dd>` : ''].join('');
  return `<article class="card" id="${e(c.id)}" tabindex="-1" aria-labelledby="${e(c.id)}-title" data-rating="${e(c.rating)}" data-tags="${e(c.tags.join(' '))}" data-claimant="${e(c.claimant.id)}" data-text="${e(searchable)}">
<p class="badge r-${e(c.rating)}"><span aria-hidden="true">${symbol}</span> ${e(c.rating_label)}</p>
<h3 id="${e(c.id)}-title" class="claim-text">“${u(c.text)}”</h3>
<p class="meta">${u(c.claimant.name)}, ${e(formatPoint(c.date))}, ${u(c.appearance.name)}: <cite>${u(c.appearance.title)}</cite>${c.appearance.url ? ` · ${linkOrText(c.appearance.url, 'link')}` : ''}</p>
${framing ? `<dl class="framing">${framing}</dl>` : ''}
<p class="ruling"><strong>${e(c.rating_label)}.</strong> ${u(c.explanation)}</p>
${changed ? `<p class="rule"><strong>${e(changeTitle(changed))}:</strong> ${e(describeChange(report.result, changed))}, because ${e(causeSummary(changed))}.</p>` : ''}
${sources(decisive)}
<details class="trail"><summary>The whole trail: ${c.citations.length} record${c.citations.length === 1 ? '' : 's'} considered, rule <code>${e(c.ruleset)}/${e(c.rule ?? '(none fired)')}</code></summary>
<p class="rule">Decided by rule <code>${e(c.ruleset)}/${e(c.rule ?? '(none fired)')}</code>${c.tags.length ? ` · tags: ${c.tags.map((t) => e(t)).join(', ')}` : ''} · claim <a href="#${e(c.id)}">${e(c.id)}</a></p>
<section aria-label="Evidence for ${e(c.id)}"><h4>Evidence (${c.citations.length}${c.citations.some((x) => !x.decisive) ? `: ${decisive.length} the verdict rests on, then the others considered` : ''})</h4>
${c.citations.length ? `<ol class="citations">${c.citations.map(citation).join('')}</ol>` : '<p>No evidence record bears on this claim.</p>'}
</section>
${whyNot(c, report)}
</details>
</article>`;
}

/** The sources the ruling rests on, each once: who published what, when, with a link when there is one. */
function sources(decisive: readonly Citation[]): string {
  const seen = new Map<string, Citation>();
  for (const x of decisive) if (!seen.has(x.source)) seen.set(x.source, x);
  if (!seen.size) return '<p class="sources">Sources: none; no evidence record bears on this claim.</p>';
  const items = [...seen.values()].map(
    (x) => `<li>${u(x.publisher ?? x.source_title)}${x.publisher ? `, <cite>${u(x.source_title)}</cite>` : ''}, ${e(x.published)}${x.url ? ` · ${linkOrText(x.url, 'link')}` : ''}${x.unanchored ? ' (not archived)' : ' (archived)'}</li>`,
  );
  return `<section class="sources" aria-label="Sources"><h4>Sources</h4><ul>${items.join('')}</ul></section>`;
}

function citation(x: Citation): string {
  const words = x.anchor
    ? `<span class="ctx">…${u(x.anchor.context.prefix)}</span><mark>${u(x.anchor.context.exact)}</mark><span class="ctx">${u(x.anchor.context.suffix)}…</span>`
    : `<mark>${u(x.quote)}</mark>`;
  const flags = [x.decisive ? '' : 'considered', x.unanchored ? 'unanchored' : '', x.self_reported ? 'self-reported' : '', x.own_appearance ? "claim's own source" : '']
    .filter(Boolean)
    .map((f) => `<span class="flag">${e(f)}</span>`)
    .join('');
  const origin = x.origins.length && !(x.origins.length === 1 && x.origins[0] === x.publisher) ? ` · origin: ${x.origins.map(u).join(', ')}` : '';
  return `<li class="citation role-${e(x.role)}"><p class="role"><strong>${e(ROLE_WORDS[x.role])}</strong> · ${u(x.summary)}</p>
<p class="reason">Why: ${u(x.reason)}</p>
<blockquote class="quote"><p>${words}</p></blockquote>
<p class="source">${u(x.publisher ?? x.source_title)}${x.publisher ? `, <cite>${u(x.source_title)}</cite>` : ''}, ${e(x.published)}${x.url ? ` · ${linkOrText(x.url, 'link')}` : ''}${origin}${x.anchor ? ` · line ${x.anchor.line} of the archived text` : ''}${flags}</p></li>`;
}

/** The nearest rule that did not fire with another rating, and the conditions that stopped it. */
function whyNot(c: ClaimResult, report: VerifyReport): string {
  const nearest = [...c.rules_not_fired]
    .filter((r) => r.rating !== c.rating && r.failed.length > 0)
    .sort((a, b) => a.failed.length - b.failed.length || b.priority - a.priority || (a.rule < b.rule ? -1 : 1))[0];
  if (!nearest) return '';
  const label = ratingLabel(report.result, nearest.rating);
  const conditions = nearest.failed.slice(0, 3).map((t) => `<li>${u(plainCondition(t))}</li>`).join('');
  return `<section class="why-not" aria-label="Why not another rating for ${e(c.id)}"><h4>Why not another rating</h4><p>Not ${e(label)}: its rule (<code>${e(nearest.rule)}</code>) needs</p><ul>${conditions}</ul></section>`;
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text).digest('base64')}`;
}
