import type { VerifyResult } from '../../types.js';

/** The whole result as JSON, described by schemas/result.schema.json. */
export function formatVerifyJson(result: VerifyResult): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}
