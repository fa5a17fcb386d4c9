import type { FormatContext } from './format-context.js';
import type { ClaimResult } from '../../types.js';

/** One claim's whole trail as JSON, for other tools. */
export function formatExplainJson(claim: ClaimResult, _ctx?: FormatContext): string {
  return `${JSON.stringify(claim, null, 2)}\n`;
}
