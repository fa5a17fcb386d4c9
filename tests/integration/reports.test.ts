import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edit, gitProject } from '../helpers/git.js';
import { cleanProjects, fromFixture, makeTempDir, REPO, runCli } from '../helpers/project.js';

afterAll(cleanProjects);

let out: string;
let hostile: string;
beforeAll(async () => {
  out = await makeTempDir('reports');
  hostile = await fromFixture('hostile', { copy: ['sources', 'evidence', 'claims'] });
});

const report = (format: string, ...extra: string[]) => runCli(['report', '--format', format, ...extra]);

describe('factcheck report --format html', () => {
  it('writes one self-contained page, the same bytes every time, with no date unless asked', async () => {
    const a = join(out, 'a.html');
    const b = join(out, 'b.html');
    expect((await report('html', '--out', a)).code).toBe(0);
    expect((await report('html', '--out', b)).code).toBe(0);
    const html = await readFile(a, 'utf8');
    expect(await readFile(b, 'utf8')).toBe(html);
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    // Nothing is fetched: no external script, style, image, font or frame.
    expect(html).not.toMatch(/<(script|img|iframe|link|source|video|audio)\b[^>]*\b(src|href)=/i);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[^&]+&#39;; script-src &#39;sha256-/);
    expect(html.match(/<article class="card"/g)).toHaveLength(11);
    const stamped = await report('html', '--timestamp');
    expect(stamped.stdout).toMatch(/generated \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
  });

  it('shows what each verdict rests on: words in context, sources, and why not another rating', async () => {
    const html = (await report('html')).stdout;
    const card = html.slice(html.indexOf('<article class="card" id="trump-jr-whopping-3-responses"'), html.indexOf('</article>', html.indexOf('id="trump-jr-whopping-3-responses"')));
    expect(card).toContain('<p class="badge r-half-true"><span aria-hidden="true">◐</span> Half true</p>');
    expect(card).toContain('<mark><bdi>“Here is the entire chain of messages with @wikileaks (with my whopping 3 responses)');
    expect(card).toContain('<span class="flag">self-reported</span>');
    expect(card).toContain('<h4>Why not another rating</h4>');
  });

  it('lists changed verdicts at the top once verdicts are recorded', async () => {
    const dir = await gitProject();
    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    const html = (await runCli(['report', '--format', 'html', '--root', dir])).stdout;
    expect(html).toContain('<p>2 verdict changes, 0 trail changes, 0 new, 0 gone, 9 unchanged.</p>');
    expect(html).toContain(
      '<a href="#trump-tweeted-15-minutes-later">trump-tweeted-15-minutes-later</a>: <strong>Verdict changed</strong>: rating True (unchanged); rule quantity/confirmed-by-one-report-repeated → quantity/confirmed; citations lost euronews-trump-tweet-delay. Because: rule quantity/confirmed-by-one-report-repeated edited.',
    );
  });

  it('escapes every piece of user text: scripts, broken-out attributes and javascript: links stay text', async () => {
    const html = (await runCli(['report', '--format', 'html', '--root', hostile])).stdout;
    const body = html.slice(html.indexOf('<body>'));
    // Only the report's own script; no injected tags at all.
    expect(body.match(/<script>/g)).toHaveLength(1);
    expect(body).not.toMatch(/<img|<a href="javascript|onerror=alert\('[a-z]+'\)>/);
    expect(body).toContain('&lt;script&gt;alert(&#39;claim&#39;)&lt;/script&gt; &quot;&gt;&lt;img src=x onerror=alert(&#39;claim&#39;)&gt;');
    expect(body).toContain('&lt;a href=&quot;javascript:alert(&#39;a&#39;)&quot;&gt;click&lt;/a&gt;');
  });

  it('writes atomically, leaving no temporary file, and writes nothing while the input has errors', async () => {
    const dir = await gitProject();
    const target = join(out, 'errors.html');
    expect((await runCli(['report', '--format', 'html', '--out', target, '--root', dir])).code).toBe(0);
    const written = await readFile(target, 'utf8');
    expect((await readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    await edit(dir, 'claims/statements.yaml', 'claimant: mike-pence', 'claimant: mike-pense');
    const run = await runCli(['report', '--format', 'html', '--out', target, '--root', dir]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('not writing a report while the input has 1 error');
    // The report from before stands, untouched.
    expect(await readFile(target, 'utf8')).toBe(written);
  });
});

describe('factcheck report --format md', () => {
  it('puts changed verdicts first, then every claim, with citations as footnotes', async () => {
    const dir = await gitProject();
    await edit(dir, 'rules/quantity.yaml', /(- name: confirmed-by-one-report-repeated\n(?:.*\n){1,2}\s+priority: )45/, '$130');
    const md = (await runCli(['report', '--format', 'md', '--root', dir])).stdout;
    expect(md.indexOf('### Changed verdicts')).toBeLessThan(md.indexOf('### Verdicts'));
    // Each row is headed by the claim's words and who said them, with what was asked and what was checked.
    expect(md).toContain(
      '| “nothing could be further from the truth” — Mike Pence, 12 October 2016<br>*Context:* Asked on Fox News whether the Trump team had any connection with WikiLeaks.<br>`pence-denies-wikileaks-connection` | **False** | *Checked:* A denial that anyone in the Trump team had any contact with WikiLeaks.',
    );
    expect(md).toContain('(entity trump-team).<br>What the claim denies happened from 20 September 2016');
    expect(md).toContain('\n[^2]: `week-messages-window`, The Week, “Donald Trump Jr corresponded with Wikileaks during campaign” (2017): “It says Trump Jr exchanged');
    expect(md).toMatch(/<br>Confirmed by one origin independent of the claim: The Atlantic \(reported by The Week\)\. \[\^1\]\[\^2\] \|/);
  });

  it('escapes user text, so nothing renders as HTML or a link', async () => {
    const md = (await runCli(['report', '--format', 'md', '--root', hostile])).stdout;
    expect(md).toContain('\\<script\\>alert(\'quote\')\\</script\\>');
    expect(md).toContain('\\[click\\](javascript:alert(\'md\'))');
    expect(md).not.toMatch(/[^\\]<script>|[^\\]\[click\]\(/);
  });
});

describe('factcheck report --format claimreview', () => {
  it('gives each claim every field Google requires and recommends, from the scale and the config', async () => {
    const reviews = JSON.parse((await report('claimreview')).stdout);
    expect(reviews).toHaveLength(11);
    for (const review of reviews) {
      // Required by Google's fact-check markup documentation.
      expect(review['@context']).toBe('https://schema.org');
      expect(review['@type']).toBe('ClaimReview');
      expect(review.url).toMatch(/^https:\/\/factcheck\.example\/claims\/[a-z0-9-]+$/);
      expect(typeof review.claimReviewed).toBe('string');
      expect(review.claimReviewed.length).toBeLessThanOrEqual(75);
      expect(review.reviewRating['@type']).toBe('Rating');
      expect(typeof review.reviewRating.alternateName).toBe('string');
      // The rating never goes in claimReviewed.
      expect(review.claimReviewed.toLowerCase()).not.toContain(review.reviewRating.alternateName.toLowerCase());
      // Recommended: author, datePublished, itemReviewed (a Claim with author, datePublished, appearance).
      expect(review.author).toEqual({ '@type': 'Organization', name: 'factcheck sample desk', url: 'https://factcheck.example' });
      expect(review.datePublished).toBe('2026-11-22');
      expect(review.itemReviewed['@type']).toBe('Claim');
      expect(['Person', 'Organization']).toContain(review.itemReviewed.author['@type']);
      expect(review.itemReviewed.datePublished).toMatch(/^\d{4}(-\d{2}(-\d{2})?)?$/);
      expect(review.itemReviewed.appearance['@type']).toBe('CreativeWork');
    }
    const pence = reviews.find((r: { url: string }) => r.url.endsWith('/pence-denies-wikileaks-connection'));
    expect(pence.reviewRating).toMatchObject({ ratingValue: 1, bestRating: 5, worstRating: 1, alternateName: 'False' });
    expect(pence.itemReviewed).toMatchObject({
      author: { '@type': 'Person', name: 'Mike Pence' },
      datePublished: '2016-10-12',
      text: 'nothing could be further from the truth',
      description: 'Asked on Fox News whether the Trump team had any connection with WikiLeaks.',
    });
    // What was checked and the ruling, as the review's text.
    expect(pence.reviewBody).toMatch(/^What was checked: A denial that anyone in the Trump team had any contact with WikiLeaks\. .* Ruling: False\. What the claim denies happened/);
    // Ratings off the true–false line carry their name, and no number.
    const opinion = reviews.find((r: { url: string }) => r.url.endsWith('/trump-dishonest-media'));
    expect(opinion.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Not checkable', name: 'Not checkable', ratingExplanation: expect.any(String) });
  });

  it('writes one file per claim into a folder, or one array into a .json file', async () => {
    const folder = join(out, 'claimreview');
    expect((await report('claimreview', '--out', folder)).code).toBe(0);
    const files = (await readdir(folder)).sort();
    expect(files).toHaveLength(11);
    expect(files).toContain('pence-denies-wikileaks-connection.json');
    const one = JSON.parse(await readFile(join(folder, 'pence-denies-wikileaks-connection.json'), 'utf8'));
    const all = join(out, 'all.json');
    await report('claimreview', '--out', all);
    expect(JSON.parse(await readFile(all, 'utf8'))).toContainEqual(one);
  });

  it('needs a format', async () => {
    expect((await runCli(['report'])).code).toBe(2);
    expect((await runCli(['report', '--format', 'pdf'])).stderr).toContain('formats are html, md, claimreview');
  });
});

describe('the bundled report in docs', () => {
  it('exists and is linked from the README', async () => {
    const readme = await readFile(join(REPO, 'README.md'), 'utf8');
    expect(readme).toContain('(docs/report.png)');
    expect((await stat(join(REPO, 'docs/report.png'))).size).toBeGreaterThan(10_000);
  });
});
