import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export type SeedName = 'euronews' | 'the-week';

/** The seed texts, and the bundled snapshots with the same bytes for checkouts without ../shared. */
const SEEDS: Record<SeedName, { seed: string; snapshot: string }> = {
  euronews: { seed: '../shared/seeds/000_176eaa08bec458e4.txt', snapshot: 'evidence/snapshots/euronews-trump-jr-wikileaks.txt' },
  'the-week': { seed: '../shared/seeds/004_276131a4bbb251ca.txt', snapshot: 'evidence/snapshots/the-week-trump-jr-wikileaks.txt' },
};

/**
 * An HTML rendition of a real article, built from its seed text each time it is asked for:
 * the story inside <article>, the furniture the seed text also caught (newsletter boxes, more
 * stories) in the elements the site puts it in. Only what the seed states: no dates, no
 * authors or quotes beyond it, metadata limited to <title>, og:title and og:site_name.
 */
export async function seedPage(name: SeedName): Promise<string> {
  const text = await readSeed(name);
  return name === 'euronews' ? euronews(text) : theWeek(text);
}

async function readSeed(name: SeedName): Promise<string> {
  const { seed, snapshot } = SEEDS[name];
  try {
    return await readFile(join(REPO, seed), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return readFile(join(REPO, snapshot), 'utf8');
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

// Ends a sentence: a line without one is a subheading or a credit, not a paragraph.
const ENDS_SENTENCE = /[.!?…:;"'”’)\]]$/;

/** Euronews: title, headline, "By\u00a0<name>", paragraphs one to a line between blank lines, a credit, "You might also like". */
function euronews(text: string): string {
  const lines = text.split(/\r?\n/);
  const at = lines.findIndex((line) => /^By[\s\u00a0]+\S/.test(line));
  const byline = /^By([\s\u00a0]+)(.+)$/.exec(lines[at] ?? '');
  const headline = lines[at - 1];
  if (at < 1 || !byline || !headline) throw new Error('euronews seed: no headline and byline');
  const [, gap = ' ', author = ''] = byline;
  const body: string[] = [];
  let related: string | undefined;
  let blanks = 0;
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') {
      blanks++;
      continue;
    }
    // More than one blank line: the seed lost an embed there; the site shows an ad or a post.
    if (blanks > 1) body.push('        <div class="ad-slot" aria-hidden="true"></div>');
    blanks = 0;
    if (line === 'You might also like') related = line;
    else if (/^With .+/.test(line) && !ENDS_SENTENCE.test(line)) body.push(`        <p class="credit">${escapeHtml(line)}</p>`);
    else if (!ENDS_SENTENCE.test(line) && line.length < 80) body.push(`        <h2>${escapeHtml(line)}</h2>`);
    else body.push(`        <p>${escapeHtml(line)}</p>`);
  }
  const title = lines[0] ?? headline;
  const sections = ['World', 'Europe', 'Business', 'Travel', 'Culture', 'Green', 'Next', 'Health', 'Video'];
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} | Euronews</title>
  <meta property="og:title" content="${escapeHtml(headline)}">
  <meta property="og:site_name" content="euronews">
  <link rel="stylesheet" href="/static/euronews.css">
  <script src="/static/vendor.js" defer></script>
</head>
<body>
${cookieBanner()}
  <header class="site-header">
    <a class="logo" href="/">euronews</a>
    <nav aria-label="Sections">
      <ul>
${sections.map((s) => `        <li><a href="/${slug(s)}">${s}</a></li>`).join('\n')}
      </ul>
    </nav>
  </header>

  <main id="content">
    <article class="article">
      <header class="article-header">
        <h1>${escapeHtml(headline)}</h1>
        <div class="byline">By${gap}<span class="author">${escapeHtml(author)}</span></div>
      </header>
      <div class="article-body">
${body.join('\n')}
      </div>
    </article>
${related ? `
    <aside class="related" aria-labelledby="related-title">
      <h2 id="related-title">${escapeHtml(related)}</h2>
      <ul>
        <li><a href="/news/world">More world news</a></li>
        <li><a href="/news/europe">More Europe news</a></li>
        <li><a href="/just-in">Just in</a></li>
      </ul>
    </aside>
` : ''}  </main>

${footer('euronews')}
</body>
</html>
`;
}

/** The Week's promotional boxes, by their first line: each takes the next line, and its repeats (the seed has one twice). */
const WEEK_BOXES = new Map([
  ['Subscribe to The Week', 'newsletter subscribe'],
  ["Sign up for The Week's Free Newsletters", 'newsletter'],
  ["Sign up for Today's Best Articles in your inbox", 'newsletter'],
]);

/** The kickers of The Week's story cards, which the seed runs into the strapline. */
const KICKERS = ["Today's Big Question", 'In the Spotlight', 'Instant Opinion', 'The Explainer', 'Talking Point', 'speed read', 'Feature'];

type WeekBlock = { kind: 'p'; text: string } | { kind: 'box'; className: string; lines: string[] };

/** The Week: headline, standfirst, paragraphs one to a line with boxes between them, then story cards after "-" lines. */
function theWeek(text: string): string {
  const lines = text.split(/\r?\n/);
  const [headline, standfirst] = lines;
  if (!headline || !standfirst) throw new Error('the-week seed: no headline and standfirst');
  const blocks: WeekBlock[] = [];
  let i = 2;
  while (i < lines.length && lines[i] !== '-') {
    const line = lines[i++] ?? '';
    if (line.trim() === '') continue;
    const className = WEEK_BOXES.get(line);
    if (!className) {
      blocks.push({ kind: 'p', text: line });
      continue;
    }
    const box = [line];
    const blurb = lines[i];
    while (blurb && lines[i] === blurb) box.push(lines[i++] ?? '');
    blocks.push({ kind: 'box', className, lines: box });
  }
  // The cards: groups between "-" lines, a headline and its kicker line each.
  const cards: string[][] = [];
  for (const line of lines.slice(i)) {
    if (line === '-') cards.push([]);
    else if (line.trim() !== '') cards.at(-1)?.push(line);
  }
  // Boxes after the last paragraph sit below the article; those between paragraphs stay in the body, as on the site.
  const last = blocks.findLastIndex((block) => block.kind === 'p');
  const render = (block: WeekBlock, indent: string) =>
    block.kind === 'p' ? `${indent}<p>${escapeHtml(block.text)}</p>` : newsletterBox(block.className, block.lines, indent);
  const sections = ['News', 'Politics', 'World', 'Business', 'Culture', 'Science', 'Puzzles', 'Newsletters'];
  return `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(headline)} | The Week</title>
  <meta property="og:title" content="${escapeHtml(headline)}">
  <meta property="og:site_name" content="The Week">
  <link rel="stylesheet" href="/static/theweek.css">
  <script src="/static/vendor.js" defer></script>
</head>
<body>
${cookieBanner()}
  <header class="site-header">
    <a class="logo" href="/">The Week</a>
    <nav aria-label="Sections">
      <ul>
${sections.map((s) => `        <li><a href="/${slug(s)}">${s}</a></li>`).join('\n')}
      </ul>
    </nav>
  </header>

  <main id="content">
    <article class="article">
      <header class="article-header">
        <h1>${escapeHtml(headline)}</h1>
        <p class="standfirst">${escapeHtml(standfirst)}</p>
      </header>
      <div class="article-body">
${blocks.slice(0, last + 1).map((block) => render(block, '        ')).join('\n')}
      </div>
    </article>

${blocks.slice(last + 1).map((block) => render(block, '    ')).join('\n')}

    <aside class="more-stories" aria-label="More stories">
      <ul>
${cards.map(storyCard).join('\n')}
      </ul>
    </aside>
  </main>

${footer('The Week')}
</body>
</html>
`;
}

function newsletterBox(className: string, [title = '', ...blurbs]: string[], indent: string): string {
  // The submit button's label is a value, not text, so the box holds only the seed's words.
  return [
    `<aside class="${className}">`,
    `  <p class="newsletter-title">${escapeHtml(title)}</p>`,
    ...blurbs.map((blurb) => `  <p class="newsletter-blurb">${escapeHtml(blurb)}</p>`),
    '  <form action="/newsletters" method="post">',
    '    <input type="email" name="email" placeholder="Your email address"><input type="submit" value="Sign up">',
    '  </form>',
    '</aside>',
  ].map((line) => indent + line).join('\n');
}

function storyCard([headline = '', kickerLine = '']: string[]): string {
  const kicker = KICKERS.find((k) => kickerLine.startsWith(`${k} `));
  const strap = kicker ? `<span class="kicker">${escapeHtml(kicker)}</span> ${escapeHtml(kickerLine.slice(kicker.length + 1))}` : escapeHtml(kickerLine);
  return [
    '        <li class="story-card">',
    `          <h3><a href="/${slug(headline)}">${escapeHtml(headline)}</a></h3>`,
    `          <p class="strap">${strap}</p>`,
    '        </li>',
  ].join('\n');
}

function cookieBanner(): string {
  return `  <div id="cookie-banner" class="cookie-banner" role="dialog" aria-label="Cookie consent">
    <p>We and our partners use cookies to store and access information on your device. <a href="/privacy">Privacy policy</a></p>
    <button type="button">Accept</button> <button type="button">Manage preferences</button>
  </div>`;
}

function footer(site: string): string {
  return `  <footer class="site-footer">
    <nav aria-label="Footer">
      <a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a>
    </nav>
    <p>© ${escapeHtml(site)}. All rights reserved.</p>
  </footer>
  <!-- Must never run: an archiver that executes scripts would capture an empty page. -->
  <script>document.body.innerHTML = '';</script>
  <script src="/static/app.js" defer></script>`;
}
