/** Text for HTML element content and attribute values: nothing in it can open a tag or end an attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
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
