import { CONTROL } from '../control-chars.js';

/**
 * Text for HTML element content and attribute values: nothing in it can open
 * a tag or end an attribute, and a control character shows as its code
 * ([U+202E]) instead of reordering or hiding what follows.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(CONTROL, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}]`);
}

/**
 * Words from the project's files as element content, isolated in <bdi>: a
 * right-to-left name or quote keeps its own direction without reordering the
 * punctuation and words around it.
 */
export function userText(text: string): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/** A URL safe to put in href: http or https only. Anything else (javascript:, data:…) is shown as text, never linked. */
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A link when the URL is safe, otherwise the URL as plain text. */
export function linkOrText(url: string | null | undefined, label: string): string {
  const href = safeHref(url);
  if (href) return `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
  return url ? `<span class="unsafe-url">${escapeHtml(url)}</span>` : '';
}
