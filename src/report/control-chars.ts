/**
 * Characters that act instead of showing: C0 and C1 controls (ANSI escapes,
 * BEL), line and paragraph separators, and the bidirectional controls that
 * reorder the text after them (U+202E makes "100 dollars" read backwards).
 * Every output shows them as their code, never raw.
 */
export const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** A control character as \uXXXX, which JSON and YAML double-quoted strings read back as the character. */
export function escapeCode(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** Text with its control characters written as \uXXXX. */
export function showControls(text: string): string {
  return text.replace(CONTROL, escapeCode);
}

/** JSON with control characters escaped too: the same value, safe to print to a terminal. */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(CONTROL, escapeCode);
}
