/**
 * The library's composition: each stage lives in its folder, and this file
 * only puts them in order. Load (load/), verify each claim (verdict/),
 * assemble the result (results/), then, as asked, record or compare the
 * verdicts (lock/), reuse what holds (cache/), select what a change moves
 * (incremental/) or run the rules' test cases (rule-tests/).
 */
import { loadProject } from './load/load-project.js';
import { assembleResult } from './results/assemble-result.js';
import type { VerifyResult } from './types.js';
import { verifyProject, type VerifyOptions } from './verdict/verify-project.js';

export { VERSION } from './version.js';
export { cacheStamp } from './cache/cache-stamp.js';
export { loadProject, type LoadOptions } from './load/load-project.js';
export { verifyProject, type VerifyOptions, type ProjectVerification } from './verdict/verify-project.js';
export { dependencyIndex, ruleInputs } from './verdict/workbench.js';
export { assembleResult } from './results/assemble-result.js';
export { exitCodeOf } from './exit-codes.js';
export { recordVerdicts, staleClaims, checkRecorded, type RecordedVerdicts } from './lock/record-verdicts.js';
export { selectChangedClaims } from './incremental/select-changed-claims.js';
export { verifyWithCache, type CachedVerifyOptions, type CachedVerification } from './cache/verify-with-cache.js';
export { testRules, portableRuleTests, type RuleTestRun } from './rule-tests/test-rules.js';
export { runVerify, type RunOptions, type VerifyRun } from './run-verify.js';
export { claimsChangedSince } from './incremental/changed-since.js';
export { readLock, type LockRead } from './lock/read-lock.js';

/** Loads and verifies a project in one call: the library's main entry point. */
export async function verify(root: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const loaded = await loadProject(root);
  const verified = loaded.project ? await verifyProject(loaded.project, options) : { claims: [], diagnostics: [] };
  return assembleResult(loaded.project, verified.claims, [...loaded.diagnostics, ...verified.diagnostics]);
}
