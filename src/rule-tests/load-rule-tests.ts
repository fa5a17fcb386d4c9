import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LIMITS, RULE_TESTS_FOLDER } from '../load/layout.js';
import { parseYaml } from '../load/parse-yaml.js';
import { listYamlFiles, readProjectText } from '../load/read-files.js';
import { validateSchema } from '../validate/validate-schema.js';
import { checkRuleTests, type RuleTestCase, type TestContext } from './check-rule-tests.js';

export interface LoadedRuleTests {
  cases: RuleTestCase[];
  diagnostics: Diagnostic[];
  /** The test files read, in order. */
  files: string[];
}

/**
 * Reads the rule test files under rules/tests/ (or only `only`, project paths
 * of files or folders there), with the loader's refusals: nothing outside the
 * project, nothing over the size cap, plain YAML data only.
 */
export async function loadRuleTests(root: string, ctx: TestContext, only?: readonly string[]): Promise<LoadedRuleTests> {
  const diagnostics: Diagnostic[] = [];
  let files = await listYamlFiles(root, RULE_TESTS_FOLDER, diagnostics);
  if (only?.length) {
    const wanted = (path: string) => only.some((p) => path === p || path.startsWith(`${p.replace(/\/+$/, '')}/`));
    for (const p of only) {
      if (!files.some((f) => f === p || f.startsWith(`${p.replace(/\/+$/, '')}/`))) {
        diagnostics.push(diagnostic('file/missing', { file: p, line: 1, col: 1 }, `expected rule tests under ${RULE_TESTS_FOLDER}/, found none at "${p}"`));
      }
    }
    files = files.filter(wanted);
  }
  const cases: RuleTestCase[] = [];
  for (const path of files) {
    const read = await readProjectText(root, path, LIMITS.maxFileBytes);
    if (!('text' in read)) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    const parsed = parseYaml({ path, kind: 'rules', text: read.text });
    diagnostics.push(...parsed.diagnostics);
    if (parsed.file.value === undefined) continue;
    const schema = validateSchema(parsed.file, 'rule-tests');
    const checked = schema.fileInvalid ? undefined : checkRuleTests(parsed.file, schema.invalidItems, ctx);
    // In the file's order, as a reader goes through it.
    diagnostics.push(...[...schema.diagnostics, ...(checked?.diagnostics ?? [])].sort((a, b) => a.line - b.line || a.col - b.col));
    cases.push(...(checked?.cases ?? []));
  }
  return { cases, diagnostics, files };
}
