/** A page as it came: from the network, or from a file saved earlier. */
export interface Capture {
  /** What was asked for: the URL, or the project-relative or absolute file path. */
  requested: string;
  /** The URL the bytes came from after redirects; undefined for a file. */
  url?: string;
  /** HTTP status, redirects taken and response headers; undefined for a file. */
  response?: {
    status: number;
    redirects: { status: number; from: string; to: string }[];
    /** By lower-case name, as received; Set-Cookie left out. */
    headers: Record<string, string>;
  };
  /** ISO 8601, UTC, to the second; undefined for a file. */
  retrieved?: string;
  bytes: Uint8Array;
  media: 'html' | 'text';
  /** The charset the response or the page declares, if any. */
  charset?: string;
}

/** Bounds on one capture: every fetch is bounded in size, time and redirects. */
export interface CaptureLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

export const DEFAULT_LIMITS: CaptureLimits = { maxBytes: 10 * 1024 * 1024, timeoutMs: 30_000, maxRedirects: 5 };

/** The library and version that pick the article out of the page, as the source record names them. */
export const EXTRACTOR = '@mozilla/readability 0.6 on linkedom 0.18';

/** Deeper than any real page nests its elements (they stay well under 100). */
export const MAX_DEPTH = 1000;
