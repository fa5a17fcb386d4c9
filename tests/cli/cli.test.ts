import { execFile, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { cleanProjects, fromFixture, makeTempDir, REPO, runCli, type CliRun } from '../helpers/project.js';

const BUNDLED_IDS = [
  'euronews-direct-contacts-in-campaign',
  'pence-denies-wikileaks-connection',
  'trump-dishonest-media',
  'trump-jr-committee-selective-leak',
  'trump-jr-link-two-days-later',
  'trump-jr-whopping-3-responses',
  'trump-tweeted-15-minutes-later',
  'week-exchange-window',
  'week-trump-jr-selective-leak-words',
  'week-trump-tweet-words',
  'week-wikileaks-sought-cooperation',
];

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

let empty: string;
let broken: string;
beforeAll(async () => {
  empty = await makeTempDir('empty');
  broken = await fromFixture('broken-project');
});
afterAll(cleanProjects);

interface Scenario {
  name: string;
  args: () => string[];
  exitCode: number;
  check?: (run: CliRun) => void;
}

const scenarios: Scenario[] = [
  {
    name: 'verify prints every bundled claim, then the totals',
    args: () => ['verify'],
    exitCode: 0,
    check: ({ stdout, stderr }) => {
      expect(stderr).toMatch(/^evidence\/euronews-trump-jr-wikileaks\.yaml:\d+:5 {2}warning {2}evidence\/contradiction {2}week-messages-window .* euronews-election-day-message .*\n$/);
      const rows = stdout.split('\n').slice(1, 1 + BUNDLED_IDS.length).map((l) => l.split(/\s{2,}/)[0]);
      expect(rows).toEqual(BUNDLED_IDS);
      expect(stdout).toMatch(/11 claims: .*; 1 warning\n$/);
    },
  },
  {
    name: 'verify with a path verifies only the claims under it',
    args: () => ['verify', 'claims/statements.yaml'],
    exitCode: 0,
    check: ({ stdout }) => expect(stdout).toMatch(/^4 claims: /m),
  },
  {
    name: 'verify with a path that does not exist is a usage error',
    args: () => ['verify', 'claims/nope.yaml'],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr).toContain('does not exist'),
  },
  {
    name: 'verify --format json prints the whole result',
    args: () => ['verify', '--format', 'json'],
    exitCode: 0,
    check: ({ stdout }) => expect(JSON.parse(stdout).claims.map((c: { id: string }) => c.id)).toEqual(BUNDLED_IDS),
  },
  {
    name: 'verify refuses an unknown format',
    args: () => ['verify', '--format', 'jsno'],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr).toContain('did you mean "json"'),
  },
  {
    name: 'verify refuses an unknown option',
    args: () => ['verify', '--formt', 'json'],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr).toContain('unknown option --formt; did you mean "--format"?'),
  },
  {
    name: 'verify outside any project says where it looked',
    args: () => ['verify', '--root', empty],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr).toContain('no factcheck.config.yaml'),
  },
  {
    name: 'explain shows the trail of one claim',
    args: () => ['explain', 'pence-denies-wikileaks-connection'],
    exitCode: 0,
    check: ({ stdout }) => {
      expect(stdout).toContain('Verdict: False');
      expect(stdout).toContain('rule contradicted-before-claim-and-admitted');
      expect(stdout).toContain('> It says Trump Jr exchanged Twitter direct messages with WikiLeaks between 20 September and 12 October 2016.');
      expect(stdout).toContain('Rules that did not fire');
    },
  },
  {
    name: 'explain --format json prints the claim result',
    args: () => ['explain', 'trump-jr-whopping-3-responses', '--format', 'json'],
    exitCode: 0,
    check: ({ stdout }) => expect(JSON.parse(stdout)).toMatchObject({ id: 'trump-jr-whopping-3-responses', rating: 'half-true' }),
  },
  {
    name: 'explain suggests the nearest claim id',
    args: () => ['explain', 'pence-denies-wikileaks-conection'],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr).toContain('did you mean "pence-denies-wikileaks-connection"'),
  },
  { name: 'explain needs a claim id', args: () => ['explain'], exitCode: 2 },
  {
    name: 'lint counts what it checked',
    args: () => ['lint'],
    exitCode: 0,
    check: ({ stdout }) => expect(stdout).toBe('11 claims, 30 evidence records, 9 sources, 14 entities, 6 rulesets; 1 warning\n'),
  },
  {
    name: 'lint --format json lists the diagnostics',
    args: () => ['lint', '--format', 'json'],
    exitCode: 0,
    check: ({ stdout }) => expect(JSON.parse(stdout).diagnostics.map((d: { code: string }) => d.code)).toEqual(['evidence/contradiction']),
  },
  {
    name: 'lint reports every problem of a broken project in one run',
    args: () => ['lint', '--root', broken],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr.trim().split('\n')).toHaveLength(17),
  },
  { name: '--help', args: () => ['--help'], exitCode: 0, check: ({ stdout }) => expect(stdout).toContain('Commands:') },
  { name: 'no command prints help and fails', args: () => [], exitCode: 2, check: ({ stdout }) => expect(stdout).toContain('Usage: factcheck') },
  { name: 'verify --help', args: () => ['verify', '--help'], exitCode: 0, check: ({ stdout }) => expect(stdout).toContain('Exit codes') },
  { name: 'explain --help', args: () => ['explain', '-h'], exitCode: 0, check: ({ stdout }) => expect(stdout).toContain('explain <claim-id>') },
  { name: 'lint --help', args: () => ['lint', '--help'], exitCode: 0, check: ({ stdout }) => expect(stdout).toContain('Usage: factcheck lint') },
  {
    name: '--version prints the package version',
    args: () => ['--version'],
    exitCode: 0,
    check: ({ stdout }) => expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/),
  },
  {
    name: 'an unknown command suggests the nearest',
    args: () => ['verfy'],
    exitCode: 2,
    check: ({ stderr }) => expect(stderr).toContain('did you mean "verify"'),
  },
];

describe('CLI scenarios', () => {
  it.each(scenarios)('$name', async ({ args, exitCode, check }) => {
    const run = await runCli(args());
    expect(run.code, run.stderr).toBe(exitCode);
    expect(run.stderr + run.stdout).not.toMatch(STACK_TRACE);
    check?.(run);
  });
});

describe('a broken project', () => {
  it('reports each problem with its code at file:line:col, and still verifies the valid claim', async () => {
    const run = await runCli(['verify', '--root', broken]);
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(STACK_TRACE);
    const found = run.stderr
      .trim()
      .split('\n')
      .map((line) => line.split(/\s{2}/).slice(0, 3).join(' '));
    expect(found).toEqual([
      'claims/bad.yaml:2:5 error schema/required',
      'claims/bad.yaml:4:5 error schema/unknown-field',
      'claims/bad.yaml:10:15 error ref/unknown-entity',
      'claims/bad.yaml:13:14 error ref/unknown-ruleset',
      'claims/bad.yaml:15:5 warning verify/skipped',
      'claims/syntax.yaml:4:5 error yaml/duplicate-key',
      'evidence/records.yaml:11:13 error ref/unknown-source',
      'evidence/records.yaml:14:13 error ref/unknown-term',
      'evidence/records.yaml:22:11 error date/invalid',
      'evidence/records.yaml:29:37 error date/range-order',
      'evidence/records.yaml:36:19 error ref/not-relayed',
      'evidence/records.yaml:44:11 error unit/mismatch',
      'evidence/records.yaml:46:9 error ref/duplicate-id',
      'rules/broken.yaml:7:19 error rule/unknown-fact',
      'sources/sources.yaml:10:16 error ref/unknown-entity',
      'sources/sources.yaml:16:13 error ref/relays-cycle',
      'sources/sources.yaml:28:15 error snapshot/hash-mismatch',
      'sources/sources.yaml:34:13 error file/outside-project',
    ]);
    expect(run.stdout).toMatch(/^still-verified\s+True/m);
    expect(run.stdout).toContain('1 claim: 1 True; 17 errors, 1 warning');
  });
});

describe('JSON output', () => {
  it('matches schemas/result.schema.json', async () => {
    const run = await runCli(['verify', '--format', 'json']);
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    const validate = ajv.compile(JSON.parse(await readFile(join(REPO, 'schemas/result.schema.json'), 'utf8')));
    const valid = validate(JSON.parse(run.stdout));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is byte-identical from run to run', async () => {
    const first = await runCli(['verify', '--format', 'json']);
    const second = await runCli(['verify', '--format', 'json']);
    expect(second.stdout).toBe(first.stdout);
  });

  // Output longer than one string holds (lint's JSON of a million problems, one claim's JSON citing
  // millions of records): Node's limit, not a bug.
  it('too long to build is an error of use, exit 2, with what to do instead', async () => {
    const tooLong = async (argv: string[]) => {
      let stderr = '';
      const code = await main({
        argv,
        cwd: REPO,
        stdout: () => {
          throw new RangeError('Invalid string length');
        },
        stderr: (t) => (stderr += t),
        isTTY: false,
        env: { ...(process.env.XDG_CACHE_HOME ? { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME } : {}) },
      });
      expect(stderr).not.toMatch(/internal error|bug in factcheck/);
      return { code, stderr };
    };
    const verify = await tooLong(['verify', '--format', 'json']);
    expect(verify.code).toBe(2);
    expect(verify.stderr).toMatch(/^factcheck verify: the output is too large to build: .*--shard 1\/4/);
    // --shard is verify's: another command is told what it can do.
    const lint = await tooLong(['lint', '--format', 'json']);
    expect(lint.code).toBe(2);
    expect(lint.stderr).toMatch(/^factcheck lint: the output is too large to build: .*Choose a shorter format, or run it on fewer files\n$/);
  });
});

describe('the installed bin', () => {
  it('runs the built CLI with the same output as the library, and no stack trace on bad input', async () => {
    const exec = promisify(execFile);
    const bin = join(REPO, 'bin', 'factcheck.js');
    const { stdout } = await exec(process.execPath, [bin, 'verify'], { cwd: REPO });
    expect(stdout).toBe((await runCli(['verify'])).stdout);
    const failed = await exec(process.execPath, [bin, 'verify', '--root', broken], { cwd: REPO }).catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr).not.toMatch(STACK_TRACE);
  });

  // 290 KB of JSON into a pipe of 64 KB that is not read for a while: the bin waits for it to drain.
  it('writes JSON into a pipe read slowly, all of it, as the library gives it', async () => {
    const child = spawn(process.execPath, [join(REPO, 'bin', 'factcheck.js'), 'verify', '--format', 'json', '--no-cache'], { cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.stdout.on('data', (c: Buffer) => chunks.push(c)).resume();
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const { stdout } = await runCli(['verify', '--format', 'json', '--no-cache']);
    expect(stdout.length).toBeGreaterThan(128 * 1024);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(stdout);
  });
});
