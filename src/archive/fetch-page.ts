import { problem, type ArchiveProblem } from './archive-problem.js';
import type { Capture, CaptureLimits } from './capture.js';
import { mediaOf } from './media-type.js';

type Fetched = { ok: true; capture: Capture } | { ok: false; problem: ArchiveProblem };

/**
 * Fetches a page over http or https: redirects followed by hand, so that each
 * is checked (scheme, loops, count); one deadline for the whole capture; the
 * body read up to the size limit and no further. The only network IO of the tool.
 */
export async function fetchPage(address: string, limits: CaptureLimits, now: () => number, fetchImpl: typeof fetch = fetch): Promise<Fetched> {
  let url = parseHttpUrl(address);
  if (!url) return problem('archive/bad-url', `"${address}" is not an http or https URL (archive takes a URL, or an .html or .txt file)`);
  const deadline = AbortSignal.timeout(limits.timeoutMs);
  const late = () => problem('archive/timeout', `${address}: no complete answer within ${limits.timeoutMs / 1000} s; try again, or raise --timeout`);
  const redirects: { status: number; from: string; to: string }[] = [];
  const seen = new Set([url.href]);
  try {
    for (;;) {
      const response = await fetchImpl(url, { redirect: 'manual', signal: deadline, headers: { accept: 'text/html, application/xhtml+xml, text/plain;q=0.9' } });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await response.body?.cancel();
        const next = resolveLocation(location, url);
        if (!next.ok) return problem('archive/redirect-scheme', `${url.href} redirects to "${location}": only http and https are followed; nothing was written`);
        redirects.push({ status: response.status, from: url.href, to: next.url.href });
        if (seen.has(next.url.href)) return problem('archive/redirect-loop', `${address}: the redirects loop (${[...seen, next.url.href].join(' → ')}); nothing was written`);
        if (redirects.length > limits.maxRedirects) return problem('archive/redirect-loop', `${address}: more than ${limits.maxRedirects} redirects; nothing was written`);
        seen.add(next.url.href);
        url = next.url;
        continue;
      }
      // Only a whole page is archived: not a part (206), an empty answer (204, 304) or a redirect with nowhere to go.
      if (response.status !== 200 && response.status !== 203) {
        await response.body?.cancel();
        const why = response.status >= 400 ? '' : response.status === 206 ? ' (part of the page only)' : response.status < 300 ? ' (no page)' : ' (a redirect with no address to follow)';
        return problem('archive/status', `${url.href}: the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${why}; expected 200 with the page; nothing was written`);
      }
      const contentType = response.headers.get('content-type');
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > limits.maxBytes) {
        await response.body?.cancel();
        return tooLarge(url.href, limits, `it declares ${declared} bytes`);
      }
      const body = await readCapped(response, limits.maxBytes);
      if (!body) return tooLarge(url.href, limits, 'it went on past that');
      const media = mediaOf(contentType, body);
      if (!media.ok) return problem('archive/not-html', `${url.href}: expected an HTML or plain-text page; found ${media.found}; nothing was written`);
      // Cookies are the reader's session, not the page: never kept.
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name.toLowerCase() !== 'set-cookie').map(([name, value]) => [name.toLowerCase(), value]));
      return {
        ok: true,
        capture: {
          requested: address,
          url: url.href,
          response: { status: response.status, redirects, headers },
          retrieved: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          bytes: body,
          media: media.media,
          ...(media.charset ? { charset: media.charset } : {}),
        },
      };
    }
  } catch (error) {
    if (deadline.aborted) return late();
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return problem('archive/network', `${url.href}: ${cause?.code ?? cause?.message ?? (error as Error).message}; check the address and the connection; nothing was written`);
  }
}

function tooLarge(url: string, limits: CaptureLimits, found: string) {
  const mib = limits.maxBytes / 1024 / 1024;
  return problem('archive/too-large', `${url}: the page is over the ${Number.isInteger(mib) ? mib : mib.toFixed(3)} MiB limit (${found}); nothing was written`);
}

function parseHttpUrl(address: string): URL | undefined {
  try {
    const url = new URL(address);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

function resolveLocation(location: string, base: URL): { ok: true; url: URL } | { ok: false } {
  try {
    const url = new URL(location, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? { ok: true, url } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/** The body, or undefined as soon as it passes `max` bytes (the rest is never read). */
async function readCapped(response: Response, max: number): Promise<Uint8Array | undefined> {
  if (!response.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}
