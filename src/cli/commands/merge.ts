import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { findRoot } from '../../load/find-root.js';
import { lockLines, LOCK_FILE } from '../../lock/lock-file.js';
import { readLock } from '../../lock/read-lock.js';
import { mergeResults, type ResultFile } from '../../results/merge-results.js';
import { reportExitCode, type VerifyReport } from '../../results/verify-report.js';
import { VERIFY_FORMATS } from '../../report/formatters/index.js';
import { printReport, repositoryPaths } from '../print-report.js';
import { validateResult } from '../../validate/compile-schemas.js';
import { COLOR_HELP, FORMAT_OPTION, pickFormat, ROOT_OPTION, type Command } from '../command.js';
import { UsageError } from '../io.js';

export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine the results of a sharded run into one',
  usage: 'factcheck merge <shard.json...> [--format F]',
  details: `Reads the JSON results of every shard of a sharded run
(factcheck verify --shard i/n --format json, with or without --check) and
prints the combined result, in any verify format. The combined JSON is byte
for byte what an unsharded run prints. Shards that do not fit together (a
missing or repeated shard, another version or scale, a claim in two shards)
are refused.

Options:
  -f, --format <f>  text (default), json, junit, github, sarif or md, as for verify
  --root <dir>      the project folder, for paths relative to its repository
                    (default: the nearest folder with a factcheck.config.yaml)
${COLOR_HELP}
  -h, --help        this help

Exit codes: as verify: 0 all verified and as recorded; 1 a verdict differs from the
recorded one; 2 invalid input, shards that do not fit, or bad usage.`,
  options: { ...FORMAT_OPTION, ...ROOT_OPTION },
  async run({ values, positionals }, io, ctx, errCtx) {
    const format = pickFormat(values.format, VERIFY_FORMATS, 'merge');
    if (!positionals.length) throw new UsageError('merge takes the JSON result files of the shards');
    const files: { name: string; result: ResultFile }[] = [];
    for (const name of positionals) {
      let data: unknown;
      try {
        data = JSON.parse(await readFile(resolve(io.cwd, name), 'utf8'));
      } catch (error) {
        throw new UsageError(`${name}: cannot read it as JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      const validate = validateResult();
      if (!validate(data)) throw new UsageError(`${name}: not a factcheck result (${validate.errors?.[0]?.instancePath || '/'} ${validate.errors?.[0]?.message ?? ''})`);
      files.push({ name, result: data as ResultFile });
    }
    const outcome = mergeResults(files);
    if ('problem' in outcome) throw new UsageError(outcome.problem);
    const { diff, ...result } = outcome.merged;
    const root = typeof values.root === 'string' ? resolve(io.cwd, values.root) : await findRoot(io.cwd);
    const report: VerifyReport = { result, ...(diff ? { check: { lockFile: LOCK_FILE, diff, lockLines: root ? await recordedLines(root) : {} } } : {}) };
    await printReport(report, format, io, { ...ctx, ...(root ? (await repositoryPaths(io, root, format)) : {}) }, errCtx);
    return reportExitCode(report);
  },
};

/** Lines of the recorded claims, for annotating gone claims. */
async function recordedLines(root: string): Promise<Record<string, number>> {
  const read = await readLock(root, true).catch(() => undefined);
  if (!read) return {};
  return 'lock' in read && read.lock ? lockLines(read.text) : {};
}
