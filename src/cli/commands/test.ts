import { exitCodeOf, loadProject, testRules, type RuleTestRun } from '../../pipeline.js';
import { formatDiagnostics, TEST_FORMATS } from '../../report/formatters/index.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { EXIT } from '../io.js';
import { locateRoot, projectPaths } from '../open-project.js';

export const testCommand: Command = {
  name: 'test',
  summary: "run the rules' test cases (rules/tests/)",
  usage: 'factcheck test [paths...] [--format text|json|junit] [--coverage]',
  details: `Runs the rule test cases in rules/tests/*.yaml: each case gives facts, or a
claim of the project with some facts changed, and the rating and deciding rule
it expects. Prints a line per case; for a failure, what was expected and what
came out, with the conditions of the rule that decided and of the rule that
was expected. Paths limit the run to those test files or folders.

Options:
  -f, --format <f>  text (default), json, or junit (JUnit XML for CI)
  --coverage        also report the rules that no case fires or no case keeps
                    from firing, and the conditions no case sees hold or fail
${COMMON_HELP}

Exit codes: 0 every case passed; 1 a case failed; 2 invalid project or test
files, or bad usage; 3 internal error.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION, coverage: { type: 'boolean' } },
  async run({ values, positionals }, io, ctx, errCtx) {
    const format = pickFormat(values.format, TEST_FORMATS, 'test');
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    // The project root (".") means every test; anything else narrows the run to that file or folder.
    const only = projectPaths(root, io.cwd, positionals, 'a test file or folder');
    const options = loadOptions(values, io);
    const loaded = await loadProject(root, options);
    // The project's errors stop the tests; its warnings (contradictions in the evidence) are verify's business.
    const projectErrors = loaded.diagnostics.filter((d) => d.severity === 'error');
    io.stderr(formatDiagnostics(projectErrors, errCtx));
    const run: RuleTestRun = loaded.project
      ? await testRules(loaded.project, only, options)
      : { results: [], coverage: { rules: [], gaps: [] }, diagnostics: [], files: [] };
    io.stderr(formatDiagnostics(run.diagnostics, errCtx));
    // JUnit and JSON carry the project's errors too: a CI report must not look green when the input is broken.
    const reported = { ...run, diagnostics: [...projectErrors, ...run.diagnostics] };
    const coverage = Boolean(values.coverage);
    io.stdout(TEST_FORMATS[format](reported, { ...ctx, coverage }));
    const invalid = exitCodeOf([...loaded.diagnostics, ...run.diagnostics]);
    if (invalid) return invalid;
    return run.results.some((r) => !r.passed) ? EXIT.changed : EXIT.ok;
  },
};
