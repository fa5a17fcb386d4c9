/**
 * Whether an error is V8 refusing to build a string past its longest (about
 * 512 million characters), or Node refusing to decode one: a limit met by an
 * input's size, not a bug.
 */
export function exceedsStringLimit(error: unknown): boolean {
  return (error instanceof RangeError && error.message === 'Invalid string length') || (error instanceof Error && (error as { code?: unknown }).code === 'ERR_STRING_TOO_LONG');
}
