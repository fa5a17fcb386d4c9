import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerifyResult } from '../../src/types.js';
import { launch, watchedPage } from '../helpers/browser.js';
import { cleanProjects, fromFixture, makeTempDir, REPO, runCli } from '../helpers/project.js';

let browser: Browser;
let reportUrl: string;
let hostileUrl: string;
let result: VerifyResult;
const SCREENSHOTS = join(REPO, 'test-output');

beforeAll(async () => {
  const dir = await makeTempDir('browser');
  await writeFile(join(dir, 'report.html'), (await runCli(['report', '--format', 'html'])).stdout);
  reportUrl = pathToFileURL(join(dir, 'report.html')).href;
  const hostile = await fromFixture('hostile', { copy: ['sources', 'evidence', 'claims'] });
  await writeFile(join(dir, 'hostile.html'), (await runCli(['report', '--format', 'html', '--root', hostile])).stdout);
  hostileUrl = pathToFileURL(join(dir, 'hostile.html')).href;
  result = JSON.parse((await runCli(['verify', '--format', 'json'])).stdout);
  await mkdir(SCREENSHOTS, { recursive: true });
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await cleanProjects();
});

describe('the HTML report in Chromium, opened from file://', () => {
  it('renders every claim with its rating and citations, with no console error and no request', async () => {
    const { page, errors, requests } = await watchedPage(browser);
    await page.goto(reportUrl);
    for (const claim of result.claims) {
      const card = page.locator(`article.card#${claim.id}`);
      await expect(card.locator('.badge').textContent()).resolves.toContain(claim.rating_label);
      expect(await card.locator('ol.citations > li').count()).toBe(claim.citations.length);
      expect(await card.locator('.claim-text').textContent()).toContain(claim.text);
    }
    await page.screenshot({ path: join(SCREENSHOTS, 'report-bundled.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('filters by rating, tag and claimant, searches, keeps the state in the URL, and clears', async () => {
    const { page, errors } = await watchedPage(browser);
    await page.goto(reportUrl);
    const visible = () => page.locator('article.card:visible').count();
    expect(await visible()).toBe(11);

    // Keyboard only: tab to the rating filter and choose with the arrow keys.
    await page.keyboard.press('Tab'); // skip link
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).name)).toBe('rating');
    await page.selectOption('select[name=rating]', 'half-true');
    expect(await visible()).toBe(result.totals.by_rating['half-true']);
    expect(new URL(page.url()).searchParams.get('rating')).toBe('half-true');
    expect(await page.locator('#shown').textContent()).toBe('Showing 2 of 11 claims');

    await page.selectOption('select[name=rating]', '');
    await page.selectOption('select[name=tag]', 'denial');
    expect(await visible()).toBe(1);
    await page.selectOption('select[name=tag]', '');
    await page.selectOption('select[name=claimant]', 'the-week');
    expect(await visible()).toBe(result.claims.filter((c) => c.claimant.id === 'the-week').length);
    await page.selectOption('select[name=claimant]', '');

    // Search covers claims, reasons and cited quotes.
    await page.fill('input[name=q]', 'further from');
    expect(await visible()).toBe(1);
    expect(await page.locator('article.card:visible').getAttribute('id')).toBe('pence-denies-wikileaks-connection');
    await page.fill('input[name=q]', 'whopping');
    // The claim itself, and every claim whose trail quotes his tweet.
    const quoting = result.claims.filter((c) => c.text.includes('whopping') || c.citations.some((x) => x.quote.includes('whopping'))).length;
    expect(quoting).toBeGreaterThanOrEqual(2);
    expect(await visible()).toBe(quoting);
    await page.keyboard.press('Escape');
    expect(await visible()).toBe(11);
    await page.fill('input[name=q]', 'guardian');
    expect(await visible()).toBeGreaterThan(0);
    await page.click('button[type=reset]');
    await page.waitForFunction(() => document.querySelectorAll('article.card:not([hidden])').length === 11);
    expect(errors).toEqual([]);
  });

  it('reads like a published fact check: rating, words, who and when, context, what was checked, ruling, sources, then the trail', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(reportUrl);
    const pence = result.claims.find((c) => c.id === 'pence-denies-wikileaks-connection')!;
    const card = page.locator(`#${pence.id}`);
    // The heading is the claim's words, not its id.
    expect(await card.locator('h3').textContent()).toBe(`“${pence.text}”`);
    expect(await card.locator('.meta').textContent()).toContain('Mike Pence, 12 October 2016, Fox News');
    expect(await card.locator('dl.framing').textContent()).toBe(`Context${pence.context}What was checked${pence.interpretation}`);
    expect(await card.locator('.ruling').textContent()).toBe(`False. ${pence.explanation}`);
    expect(await card.locator('.sources li').count()).toBe(new Set(pence.citations.filter((x) => x.decisive).map((x) => x.source)).size);
    // The trail is there for whoever opens it.
    expect(await card.locator('ol.citations').isVisible()).toBe(false);
    await card.locator('details.trail > summary').click();
    expect(await card.locator('ol.citations').isVisible()).toBe(true);
    // Why not another rating, in words an editor reads: no fact names.
    for (const text of await page.locator('.why-not').allTextContents()) expect(text).not.toMatch(/[a-z]+_[a-z]+/);
    expect(await page.locator('.why-not li').first().textContent()).toMatch(/needed; there (is|are) /);
  });

  it('fits a phone: the first claim within a screen and a half, nothing wider than the screen, the chart whole', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(reportUrl);
    const first = (await page.locator('article.card').first().boundingBox())!;
    expect(first.y).toBeLessThan(844 * 1.5);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const overflow = await page.evaluate(() => {
      const svg = document.querySelector('svg.chart')!.getBoundingClientRect();
      return [...document.querySelectorAll('svg.chart text')].filter((t) => t.getBoundingClientRect().right > svg.right + 0.5).map((t) => t.textContent);
    });
    expect(overflow).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'report-phone.png') });
    await page.close();
  });

  it('restores filters from a shared URL', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${reportUrl}?rating=false`);
    expect(await page.locator('article.card:visible').count()).toBe(1);
    expect(await page.inputValue('select[name=rating]')).toBe('false');
  });

  it('scrolls a deep link to its card, below the sticky filters, even when a filter hid it', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(`${reportUrl}?rating=false#week-exchange-window`);
    const card = page.locator('#week-exchange-window');
    await expect(card.isVisible()).resolves.toBe(true);
    const box = (await card.boundingBox())!;
    const nav = (await page.locator('nav.filters').boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(nav.y + nav.height - 1);
    expect(box.y).toBeLessThan(900);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('week-exchange-window');
    expect(await card.getAttribute('class')).toContain('target');
    await page.screenshot({ path: join(SCREENSHOTS, 'report-deep-link.png') });
  });

  it('keeps text contrast at 4.5:1 and names every rating in words', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(reportUrl);
    const pairs = await page.evaluate(() => {
      const parse = (c: string) => c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number);
      const luminance = (rgb: number[]) => {
        const [r, g, b] = rgb.map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (a: number[], b: number[]) => {
        const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
        return (x! + 0.05) / (y! + 0.05);
      };
      const background = (el: Element): string => {
        for (let n: Element | null = el; n; n = n.parentElement) {
          const bg = getComputedStyle(n).backgroundColor;
          if (bg && bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') return bg;
        }
        return 'rgb(255, 255, 255)';
      };
      const selectors = ['.badge', '.meta', '.source', '.rule', '.ruling', '.framing dd', '.sources li', '.ctx', 'mark', '#shown', 'header.page p', 'nav.filters label', 'a'];
      return selectors.flatMap((sel) =>
        [...document.querySelectorAll(sel)].slice(0, 20).map((el) => ({ sel, text: el.textContent?.trim().slice(0, 20), ratio: ratio(parse(getComputedStyle(el).color), parse(background(el))) })),
      );
    });
    for (const p of pairs) expect(p.ratio, `${p.sel} "${p.text}"`).toBeGreaterThanOrEqual(4.5);
    for (const claim of result.claims) {
      expect((await page.locator(`#${claim.id} .badge`).textContent())?.trim()).toMatch(new RegExp(`${claim.rating_label}$`));
    }
  });

  it('has landmarks and headings, and prints each card whole without the filters', async () => {
    const { page } = await watchedPage(browser);
    await page.goto(reportUrl);
    for (const role of ['banner', 'navigation', 'main', 'contentinfo', 'search']) expect(await page.getByRole(role as 'main').count()).toBeGreaterThan(0);
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('main h2').count()).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.filters').isVisible()).toBe(false);
    expect(await page.locator('article.card').first().evaluate((el) => getComputedStyle(el).breakInside)).toBe('avoid');
  });
});

describe('a report of hostile input', () => {
  it('shows scripts, injected attributes and javascript: links as text, and runs none of them', async () => {
    const { page, errors, requests, dialogs } = await watchedPage(browser);
    await page.goto(hostileUrl);
    const card = page.locator('#hostile-claim');
    expect(await card.locator('.claim-text').textContent()).toContain(`<script>alert('claim')</script> "><img src=x onerror=alert('claim')> <a href="javascript:alert('a')">click</a>`);
    expect(await card.locator('ol.citations').textContent()).toContain(`<script>alert('quote')</script>`);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('a[href^="javascript"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
  });
});
