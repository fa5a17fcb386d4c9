import type { Diagnostic } from '../diagnostics.js';
import { RULE_TESTS_FOLDER } from '../load/layout.js';
import { readCheckedFiles } from '../load/read-checked-files.js';
import { checkRuleTests, type RuleTestCase, type TestContext } from './check-rule-tests.js';
import { append } from '../model/append.js';

export interface LoadedRuleTests {
  cases: RuleTestCase[];
  diagnostics: Diagnostic[];
  /** The test files read, in order. */
  files: string[];
  /** Each file's default ruleset and description, as written. */
  headers: Map<string, { ruleset?: string; description?: string }>;
}

/**
 * Reads the rule test files under rules/tests/ (or only `only`, project paths
 * of files or folders there), with the loader's refusals: nothing outside the
 * project, nothing over the size cap, plain YAML data only.
 */
export async function loadRuleTests(root: string, ctx: TestContext, only?: readonly string[]): Promise<LoadedRuleTests> {
  const read = await readCheckedFiles(root, RULE_TESTS_FOLDER, 'rule-tests', only);
  const diagnostics = [...read.diagnostics];
  const cases: RuleTestCase[] = [];
  const headers = new Map<string, { ruleset?: string; description?: string }>();
  for (const { file, schema } of read.files) {
    const value = file.value as { ruleset?: unknown; description?: unknown } | undefined;
    headers.set(file.path, {
      ...(typeof value?.ruleset === 'string' ? { ruleset: value.ruleset } : {}),
      ...(typeof value?.description === 'string' ? { description: value.description } : {}),
    });
    const checked = schema.fileInvalid ? undefined : checkRuleTests(file, schema.invalidItems, ctx);
    // In the file's order, as a reader goes through it.
    append(diagnostics, [...schema.diagnostics, ...(checked?.diagnostics ?? [])].sort((a, b) => a.line - b.line || a.col - b.col));
    append(cases, (checked?.cases ?? []));
  }
  return { cases, diagnostics, files: read.paths, headers };
}
