import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureServer, type FixtureServer } from '../helpers/fixture-server.js';

let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterAll(() => server.close());

/** Resolves to 'done' if the promise settles within `ms`, else to 'timed out'. */
async function within(ms: number, promise: Promise<unknown>): Promise<'done' | 'timed out'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)));
  try {
    return await Promise.race([promise.then(() => 'done' as const), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('fixture server', () => {
  it('serves the fictional article as UTF-8 HTML and records the request', async () => {
    const response = await fetch(server.url('/article'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain('<h1>Council approves the new library budget</h1>');
    expect(html).toContain('Riverside’s council voted 7–2');
    expect(server.requests).toContain('/article');
  });

  it('answers 404 for /missing and for unknown paths', async () => {
    for (const path of ['/missing', '/no/such/page']) {
      const response = await fetch(server.url(path));
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('Page not found');
    }
  });

  it('redirects /redirect to /article with a relative Location', async () => {
    const response = await fetch(server.url('/redirect'), { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/article');
    await response.body?.cancel();
  });

  it('serves /revised in the revision asked for', async () => {
    expect(await (await fetch(server.url('/revised'))).text()).toContain('at 6 am on Tuesday');
    server.setRevision(2);
    expect(await (await fetch(server.url('/revised'))).text()).toContain('at 6 am on Wednesday');
    server.setRevision(1);
  });

  it('renders The Week from its seed, with the other headlines outside the article', async () => {
    const html = await (await fetch(server.url('/seed/the-week'))).text();
    const start = html.indexOf('<article');
    const end = html.lastIndexOf('</article>');
    expect(start).toBeGreaterThan(-1);
    expect(html.slice(start, end)).toContain('<h1>Donald Trump Jr corresponded with Wikileaks during campaign</h1>');
    expect(html.slice(start, end)).toContain('<p class="standfirst">Leaked messages reveal WikiLeaks seeking Trump Jr’s cooperation</p>');
    const fda = html.indexOf('The FDA plans to embrace AI agencywide');
    expect(fda).toBeGreaterThan(end);
  });

  it('renders Euronews from its seed, keeping the byline\'s no-break space', async () => {
    const html = await (await fetch(server.url('/seed/euronews'))).text();
    expect(html).toContain('<h1>Trump Jr. was in contact with Wikileaks during 2016 campaign</h1>');
    expect(html).toContain('By\u00a0<span class="author">Natalie Huet</span>');
    expect(html).toContain('<p class="credit">With NBC News and the Associated Press</p>');
  });

  it('lets a client abort /slow, and close() cuts a connection still waiting', async () => {
    const aborted = fetch(server.url('/slow'), { signal: AbortSignal.timeout(200) }).then((response) => response.text());
    await expect(aborted).rejects.toThrow();
    // A server of its own: closing it must not wait out the 30 s of a /slow still pending.
    const own = await startFixtureServer();
    const response = await fetch(own.url('/slow'));
    const body = response.text().catch(() => 'cut');
    expect(await within(2000, own.close())).toBe('done');
    expect(await body).toBe('cut');
  });
});
