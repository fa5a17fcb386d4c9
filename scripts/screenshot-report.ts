// Renders the bundled report in Chromium and saves docs/report.png: npm run docs:screenshot.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { main } from '../src/cli/main.js';
import { launch } from '../tests/helpers/browser.js';

const repo = fileURLToPath(new URL('..', import.meta.url));
let html = '';
const code = await main({ argv: ['report', '--format', 'html'], cwd: repo, stdout: (t) => (html += t), stderr: () => {} });
if (code !== 0) throw new Error(`report failed with exit code ${code}`);
const dir = await mkdtemp(join(tmpdir(), 'factcheck-shot-'));
await writeFile(join(dir, 'report.html'), html);

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
await page.goto(`${pathToFileURL(join(dir, 'report.html')).href}#trump-jr-whopping-3-responses`);
// The summary, then the "whopping 3 responses" card with its citation trail.
await page.evaluate(() => window.scrollTo(0, 0));
await page.screenshot({ path: join(repo, 'docs/report.png'), fullPage: false });
await browser.close();
