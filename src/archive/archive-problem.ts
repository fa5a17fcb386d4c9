/**
 * Why a page could not be archived. Data, like every diagnostic: a code, and
 * a message that names the URL or file, what was expected and what was found.
 * Nothing is written when any occurs.
 */
export interface ArchiveProblem {
  code: ArchiveProblemCode;
  message: string;
}

export const ARCHIVE_PROBLEMS = {
  'archive/bad-url': 'the address is not an http or https URL',
  'archive/network': 'the server could not be reached',
  'archive/status': 'the server answered with an error status (4xx or 5xx)',
  'archive/redirect-loop': 'the redirects came back to an address already visited, or went on past the limit',
  'archive/redirect-scheme': 'a redirect pointed to a scheme other than http or https',
  'archive/not-html': 'the response is neither HTML nor plain text',
  'archive/too-large': 'the page is larger than the size limit',
  'archive/timeout': 'the page did not arrive within the time limit',
  'archive/no-text': 'no article text could be extracted from the page',
  'archive/too-complex': 'the page nests its elements deeper than any article does, or takes too long to read as an article',
  'archive/unreadable': 'the file could not be read',
} as const;

export type ArchiveProblemCode = keyof typeof ARCHIVE_PROBLEMS;

export function problem(code: ArchiveProblemCode, message: string): { ok: false; problem: ArchiveProblem } {
  return { ok: false, problem: { code, message } };
}
