import { diagnostic, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { type FactScalar } from '../facts/fact-types.js';
import type { RuleTestCase } from './check-rule-tests.js';
import { loadRuleTests } from './load-rule-tests.js';
import { measureCoverage, type Coverage } from './measure-coverage.js';
import { portableTestFiles } from './portable-tests.js';
import { runRuleTests, type CaseResult } from './run-rule-tests.js';
import type { Project } from '../types.js';
import { loadProject, type LoadOptions } from '../load/load-project.js';
import { ruleInputs, workbench } from '../verdict/workbench.js';
import { append } from '../model/append.js';

export interface RuleTestRun {
  results: CaseResult[];
  coverage: Coverage;
  diagnostics: Diagnostic[];
  files: string[];
}

/**
 * Runs the rule tests of a loaded project (rules/tests/, or `only` of them):
 * each case's facts through its ruleset, and what the cases cover.
 */
export async function testRules(project: Project, only?: readonly string[], options: Pick<LoadOptions, 'cache'> = {}): Promise<RuleTestRun> {
  const { loaded, diagnostics, claimFacts } = await ruleTestContext(project, only, options);
  const results = await runRuleTests(loaded.cases, project.rulesets, project.config, claimFacts);
  return { results, coverage: measureCoverage(results, project.rulesets), diagnostics: sortDiagnostics(diagnostics), files: loaded.files };
}

/**
 * The project's rule tests written to hold in any project (see
 * portableTestFiles): what `init` gives a new project. File name → text.
 */
export async function portableRuleTests(project: Project): Promise<Map<string, string>> {
  const { loaded, claimFacts } = await ruleTestContext(project);
  const facts = new Map<RuleTestCase, Record<string, FactScalar>>();
  for (const testCase of loaded.cases) {
    if (testCase.claim === undefined) continue;
    const found = await claimFacts({ ...testCase, claim: testCase.claim });
    if (found) facts.set(testCase, found);
  }
  const headers = loaded.files.map((path) => {
    const first = loaded.cases.find((c) => c.file === path);
    return { path, ruleset: loaded.headers.get(path)?.ruleset ?? first?.ruleset ?? '', ...(loaded.headers.get(path)?.description ? { description: loaded.headers.get(path)!.description! } : {}) };
  });
  return portableTestFiles(headers, loaded.cases, facts, project.rulesets);
}

/** The rule test files of a project, and the facts of the claims their cases start from. */
async function ruleTestContext(project: Project, only?: readonly string[], options: Pick<LoadOptions, 'cache'> = {}) {
  const bench = workbench(project);
  const { rulesetOf, defaults } = bench;
  const claims = new Map(project.claims.map((c) => [c.id, rulesetOf(c)?.id]));
  const loaded = await loadRuleTests(project.root, { rulesets: project.rulesets, config: project.config, claims, defaults }, only);
  const diagnostics = [...loaded.diagnostics];
  const facts = new Map<string, Record<string, FactScalar>>();
  const claimFacts = async (testCase: RuleTestCase & { claim: string }) => {
    if (!testCase.corpus) {
      let found = facts.get(testCase.claim);
      if (!found) {
        const input = ruleInputs(project, (c) => c.id === testCase.claim, bench)[0];
        if (!input) return skipped(testCase);
        facts.set(testCase.claim, (found = input.facts));
      }
      return found;
    }
    // The project again with the case's corpus, which only this case sees. Its problems are the
    // case's; the project's own were reported when it was first loaded.
    const withCorpus = await loadProject(project.root, { ...options, extra: testCase.corpus });
    const own = withCorpus.diagnostics.filter((d) => d.file === testCase.file && d.severity === 'error');
    append(diagnostics, own);
    const input = withCorpus.project && !own.length ? ruleInputs(withCorpus.project, (c) => c.id === testCase.claim)[0] : undefined;
    if (!input && !own.length) return skipped(testCase);
    return input?.facts;
  };
  // A claim with no usable ruleset (its rules file has errors) has no facts to start from.
  const skipped = (testCase: RuleTestCase & { claim: string }) => {
    diagnostics.push(diagnostic('verify/skipped', testCase, `case "${testCase.name}" was not run: claim "${testCase.claim}" cannot be verified (see the problems with its ruleset)`));
    return undefined;
  };
  return { loaded, diagnostics, claimFacts };
}
