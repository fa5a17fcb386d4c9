import { join, resolve } from 'node:path';
import { makeFolder, writeFileAtomic } from '../../load/write-atomic.js';
import { assembleResult, checkRecorded, exitCodeOf, loadProject, recordVerdicts, verifyProject } from '../../pipeline.js';
import { LOCK_FILE, lockLines } from '../../lock/lock-file.js';
import type { VerifyReport } from '../../results/verify-report.js';
import { claimReviews, reviewContextOf } from '../../report/formatters/claimreview.js';
import { formatDiagnostics, REPORT_FORMATS, type Publication } from '../../report/formatters/index.js';
import { CACHE_OPTION, COMMON_HELP, FORMAT_OPTION, loadOptions, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { EXIT, UsageError } from '../io.js';
import { locateRoot } from '../open-project.js';
import { readLock } from '../../lock/read-lock.js';


export const reportCommand: Command = {
  name: 'report',
  summary: 'write a verdict report for editors: HTML, Markdown or ClaimReview JSON-LD',
  usage: 'factcheck report --format html|md|claimreview [--out <path>] [--timestamp]',
  details: `Verifies every claim and writes a report. Files are written atomically, and
the same inputs give the same bytes: there is no date in a report unless you
ask for one with --timestamp. When recorded verdicts exist (${LOCK_FILE}), the
report shows which verdicts changed.

  html         one self-contained page (inline CSS and JS, no requests) with a card
               per claim, its citation trail, filters, search and deep links
  md           Markdown for pull requests and wikis: changed verdicts, every claim
               with its rating and reason, citations as footnotes
  claimreview  schema.org ClaimReview JSON-LD: a JSON array with --out file.json,
               or one <claim-id>.json per claim with --out <folder>

Options:
  -f, --format <f>  html, md or claimreview (required)
  -o, --out <path>  where to write; standard output when absent
  --timestamp       print the time of the run in the report, and use today as the
                    ClaimReview datePublished of claims with no reviewed date
${COMMON_HELP}

Exit codes: 0 written; 2 invalid input (nothing is written: a report would leave out
what does not load) or bad usage.`,
  options: { ...ROOT_OPTION, ...FORMAT_OPTION, ...CACHE_OPTION, out: { type: 'string', short: 'o' }, timestamp: { type: 'boolean' } },
  async run({ values }, io, ctx, errCtx) {
    if (values.format === undefined) throw new UsageError('report needs --format html, md or claimreview');
    const format = pickFormat(values.format, REPORT_FORMATS, 'report');
    const root = await locateRoot(io.cwd, values.root as string | undefined);
    const loaded = await loadProject(root, loadOptions(values, io));
    const project = loaded.project;
    if (!project) {
      io.stderr(formatDiagnostics(loaded.diagnostics, errCtx));
      return EXIT.invalid;
    }
    const verification = await verifyProject(project);
    const diagnostics = [...loaded.diagnostics, ...verification.diagnostics];
    let report: VerifyReport = { result: assembleResult(project, verification.claims, diagnostics) };
    const lock = await readLock(root, true);
    if ('lock' in lock && lock.lock) {
      report = { ...report, check: { lockFile: LOCK_FILE, diff: checkRecorded(lock.lock, project, recordVerdicts(project, verification)), lockLines: lockLines(lock.text) } };
    }
    io.stderr(formatDiagnostics(report.result.diagnostics, errCtx));
    const errors = report.result.diagnostics.filter((d) => d.severity === 'error').length;
    if (errors) {
      // Editors would read it as the whole story; the broken files' claims and evidence are not in it.
      io.stderr(`factcheck report: not writing a report while the input has ${errors} error${errors === 1 ? '' : 's'}\n`);
      return EXIT.invalid;
    }

    const config = project.config;
    // The clock is read here, at the edge, and only when asked: by default a report is reproducible.
    const publication: Publication = {
      ratings: config.scale,
      ...(config.organization ? { organization: config.organization } : {}),
      ...(config.claimreview ? { claimreviewUrl: config.claimreview.url } : {}),
      ...(values.timestamp ? { timestamp: new Date().toISOString() } : {}),
    };
    const out = typeof values.out === 'string' ? resolve(io.cwd, values.out) : undefined;
    if (format === 'claimreview' && out && !out.endsWith('.json')) {
      await makeFolder(out);
      const reviews = claimReviews(report, reviewContextOf(publication));
      for (const { id, jsonld } of reviews) await writeFileAtomic(join(out, `${id}.json`), `${JSON.stringify(jsonld, null, 2)}\n`);
      io.stderr(`factcheck report: wrote ${reviews.length} ClaimReview file${reviews.length === 1 ? '' : 's'} in ${values.out}\n`);
      return exitCodeOf(report.result.diagnostics);
    }
    const text = REPORT_FORMATS[format](report, { ...ctx, publication });
    if (out) {
      await writeFileAtomic(out, text);
      io.stderr(`factcheck report: wrote ${values.out}\n`);
    } else {
      io.stdout(text);
    }
    return exitCodeOf(report.result.diagnostics);
  },
};
