/** What a response is, from its Content-Type, or from its first bytes when it has none. */
export function mediaOf(contentType: string | null, body: Uint8Array): { ok: true; media: 'html' | 'text'; charset?: string } | { ok: false; found: string } {
  if (contentType === null) {
    const start = new TextDecoder().decode(body.subarray(0, 512)).trimStart().toLowerCase();
    if (start.startsWith('<!doctype html') || start.startsWith('<html')) return { ok: true, media: 'html' };
    return { ok: false, found: 'no Content-Type, and a body that does not start as HTML does' };
  }
  const [type = '', ...params] = contentType.split(';').map((p) => p.trim());
  const charset = params.map((p) => /^charset=["']?([^"']+)["']?$/i.exec(p)?.[1]).find(Boolean);
  const media = type.toLowerCase();
  const found = media === 'text/html' || media === 'application/xhtml+xml' ? 'html' : media === 'text/plain' ? 'text' : undefined;
  if (!found) return { ok: false, found: `Content-Type "${contentType}"` };
  return { ok: true, media: found, ...(charset ? { charset: charset.toLowerCase() } : {}) };
}

/**
 * The page's text, decoded as browsers do: a byte-order mark wins, then the
 * charset the response declared, then the page's own <meta charset> (where
 * UTF-16 means UTF-8: a page that could read its meta tag is not UTF-16),
 * else UTF-8.
 */
export function decodePage(bytes: Uint8Array, media: 'html' | 'text', charset?: string): string {
  const bom = bomOf(bytes);
  if (bom) return new TextDecoder(bom).decode(bytes);
  const meta = media === 'html' ? metaCharset(bytes) : undefined;
  const declared = charset ?? (meta && /^utf-?16/.test(meta) ? 'utf-8' : meta);
  try {
    const decoder = new TextDecoder(declared ?? 'utf-8');
    // The web reads Latin-1 as windows-1252; Node 20's decoder gives C1 controls for 0x80–0x9F instead of “ ” ‘ ’ – € ….
    if (decoder.encoding === 'windows-1252') return decodeWindows1252(bytes);
    return decoder.decode(bytes);
  } catch {
    // A charset TextDecoder does not know: UTF-8, the web's default.
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function bomOf(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** Whether the bytes are UTF-8 text as the loader reads snapshots: valid, with no byte-order mark and no NUL. */
export function isPlainUtf8(bytes: Uint8Array): boolean {
  if (bomOf(bytes) || bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function metaCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
}

/** windows-1252's 0x80–0x9F, by the WHATWG Encoding Standard's index; the rest is Latin-1. Undefined bytes stay as their C1 code points. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return out;
}
