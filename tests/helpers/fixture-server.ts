import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedPage } from './seed-pages.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'archive');
const HTML = 'text/html; charset=utf-8';
// Node stamps each answer with the current second; a fixed one keeps two fetches of a page alike however the clock falls.
const DATE = 'Tue, 01 Dec 2026 06:40:00 GMT';

// 64 KiB of 64-byte paragraphs: the filler for the pages too large to keep.
const PARAGRAPH = '<p>Filler, repeated until the page is larger than the limit.</p>';
const CHUNK = Buffer.from(PARAGRAPH.repeat(1024));
const HUGE_HEAD = '<!doctype html><html><head><title>Huge</title></head><body>\n';
const HUGE_TAIL = '\n</body></html>\n';
const DECLARED = 50_000_000;

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

export interface FixtureServer {
  /** http://127.0.0.1:<port>, no trailing slash. */
  origin: string;
  url(path: string): string;
  /** Which revision /revised serves: 1 (the default) or 2, see tests/fixtures/archive/revised.md. */
  setRevision(n: 1 | 2): void;
  /** The request target (path and query) of every request, in order of arrival. */
  requests: string[];
  /** Stops listening, cuts open connections and clears pending timers; safe to call twice. */
  close(): Promise<void>;
}

/** A local site for the archive tests, on a random port of 127.0.0.1; the routes are listed in `route` below. */
export async function startFixtureServer(): Promise<FixtureServer> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let revision: 1 | 2 = 1;
  let closing: Promise<void> | undefined;

  // Whole bodies go with their length, as a static server sends them.
  const send = (res: ServerResponse, status: number, headers: Record<string, string | number>, body: string | Buffer = '') => {
    res.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const file = async (res: ServerResponse, name: string, type: string | undefined, status = 200) => {
    const body = await readFile(join(FIXTURES, name));
    send(res, status, type ? { 'content-type': type } : {}, body);
  };
  const redirect = (res: ServerResponse, status: number, location: string) =>
    send(res, status, { location, 'content-type': HTML }, `<!doctype html><title>Moved</title><p>Moved to <a href="${location}">${location}</a>.</p>\n`);

  /** Writes head, `filler` bytes of paragraphs and tail, waiting for the client to drain; stops when it goes away. */
  const pump = (res: ServerResponse, head: string, filler: number, tail: string) => {
    let gone = false;
    res.on('close', () => (gone = true));
    // A client that hangs up mid-write is the point of these routes, not a failure.
    res.on('error', () => {});
    let left = filler;
    const next = () => {
      while (!gone && left > 0) {
        const chunk = left >= CHUNK.length ? CHUNK : CHUNK.subarray(0, left);
        left -= chunk.length;
        if (!res.write(chunk)) return void res.once('drain', next);
      }
      if (!gone) res.end(tail);
    };
    res.write(head);
    next();
  };

  async function route(path: string, res: ServerResponse, head: boolean): Promise<void> {
    switch (path) {
      case '/article': return file(res, 'article.html', HTML);
      case '/furniture': return file(res, 'furniture.html', HTML);
      case '/plain.txt': return file(res, 'plain.txt', 'text/plain; charset=utf-8');
      case '/missing': return file(res, 'not-found.html', HTML, 404);
      case '/broken': return send(res, 500, { 'content-type': HTML }, '<!doctype html><title>Server error</title><h1>Something went wrong</h1>\n');
      case '/redirect': return redirect(res, 302, '/article');
      case '/redirect-chain': return redirect(res, 301, '/redirect');
      case '/loop-a': return redirect(res, 302, '/loop-b');
      case '/loop-b': return redirect(res, 302, '/loop-a');
      case '/to-ftp': return redirect(res, 302, 'ftp://example.org/file');
      case '/to-file': return redirect(res, 302, 'file:///etc/passwd');
      case '/huge':
        // No content-length: the limit must hold while reading, not only on the declared size.
        res.writeHead(200, { 'content-type': HTML });
        return head ? void res.end() : pump(res, HUGE_HEAD, 30 * 1024 * 1024, HUGE_TAIL);
      case '/huge-declared':
        res.writeHead(200, { 'content-type': HTML, 'content-length': DECLARED });
        return head ? void res.end() : pump(res, HUGE_HEAD, DECLARED - HUGE_HEAD.length - HUGE_TAIL.length, HUGE_TAIL);
      case '/slow': {
        res.writeHead(200, { 'content-type': HTML });
        if (head) return void res.end();
        // Headers now, so that the client is left waiting on the body.
        res.flushHeaders();
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.end('<!doctype html><title>Slow</title><p>At last.</p>\n');
        }, 30_000);
        timers.add(timer);
        res.on('close', () => {
          clearTimeout(timer);
          timers.delete(timer);
        });
        return;
      }
      case '/image.png': return send(res, 200, { 'content-type': 'image/png' }, PNG);
      // Odd answers that are not errors, and text in another charset.
      case '/empty-200': return send(res, 200, { 'content-type': HTML }, '');
      case '/no-content': return send(res, 204, {}, '');
      case '/partial': return send(res, 206, { 'content-type': HTML, 'content-range': 'bytes 0-99/8042' }, '<!doctype html><html><body><p>The first hundred bytes of a page…</p></body></html>');
      case '/latin1.txt': return send(res, 200, { 'content-type': 'text/plain; charset=iso-8859-1' }, Buffer.from('Le caf\xe9 a ferm\xe9 ses portes.\n', 'latin1'));
      case '/no-content-type': return file(res, 'no-content-type.html', undefined);
      case '/empty': return file(res, 'empty.html', HTML);
      case '/revised': return file(res, `revised-${revision}.html`, HTML);
      case '/seed/euronews': return send(res, 200, { 'content-type': HTML }, await seedPage('euronews'));
      case '/seed/the-week': return send(res, 200, { 'content-type': HTML }, await seedPage('the-week'));
      default: return file(res, 'not-found.html', HTML, 404);
    }
  }

  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    res.sendDate = false;
    res.setHeader('date', DATE);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { allow: 'GET, HEAD' });
    const path = new URL(req.url ?? '/', 'http://fixture.invalid').pathname;
    route(path, res, req.method === 'HEAD').catch((error: Error) => {
      if (res.headersSent) res.destroy(error);
      else send(res, 500, { 'content-type': 'text/plain; charset=utf-8' }, `fixture server: ${error.message}\n`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path) => origin + (path.startsWith('/') ? path : `/${path}`),
    setRevision: (n) => void (revision = n),
    requests,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        // server.close waits for open connections (keep-alive, /slow, /huge): cut them.
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
