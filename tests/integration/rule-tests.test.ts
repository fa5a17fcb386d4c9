import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanProjects, copyBundled, runCli } from '../helpers/project.js';
import { validateJunit } from '../helpers/validate-junit.js';

afterAll(cleanProjects);

async function edit(root: string, path: string, from: string, to: string): Promise<void> {
  const text = await readFile(join(root, path), 'utf8');
  expect(text).toContain(from);
  await writeFile(join(root, path), text.replace(from, to));
}

describe('factcheck test', () => {
  it('passes the bundled cases, which make every rule decide and fail and every condition hold and fail', async () => {
    const run = await runCli(['test', '--coverage', '--format', 'json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.summary.failed).toBe(0);
    expect(out.summary.cases).toBeGreaterThanOrEqual(30);
    expect(out.coverage.gaps).toEqual([]);
    // Every bundled ruleset and rule is there, each decided at least once.
    expect(new Set(out.coverage.rules.map((r: { ruleset: string }) => r.ruleset))).toEqual(new Set(['absence', 'attribution', 'event', 'opinion', 'quantity', 'timing']));
    for (const rule of out.coverage.rules) expect(rule.decided, `${rule.ruleset}/${rule.rule}`).toBeGreaterThan(0);

    const text = await runCli(['test']);
    expect(text.stdout).toMatch(/^rules\/tests\/absence\.yaml\n  ✓ /);
    expect(text.stdout).toMatch(/\n\d+ cases: \d+ passed, 0 failed\n$/);
    expect(text.stderr).toBe('');
  });

  it('fails a case when a rule changes, showing expected against actual with the condition values', async () => {
    const root = await copyBundled();
    await edit(root, 'rules/quantity.yaml', '{ fact: relative_difference, operator: lessThanInclusive, value: 0.1 }', '{ fact: relative_difference, operator: lessThanInclusive, value: 0.01 }');
    const run = await runCli(['test', '--root', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      [
        '  ✗ a contradicted number within 10% is mostly true',
        '      expected: mostly-true by close-but-not-exact',
        '      actual:   mostly-false by off-by-up-to-half',
        '      off-by-up-to-half fired (priority 75) on:',
        '        ✓ contradicting_count greaterThanInclusive 1    actual: 1',
        '        ✓ supporting_count equal 0    actual: 0',
        '        ✓ relative_difference lessThanInclusive 0.5    actual: 0.05',
        '      close-but-not-exact (priority 80) did not fire, failed on:',
        '        ✗ relative_difference lessThanInclusive 0.01    actual: 0.05',
        '      rules/tests/quantity.yaml:12:5',
      ].join('\n'),
    );
    expect(run.stdout).toMatch(/\n\d+ cases: \d+ passed, 1 failed\n$/);

    const junit = await runCli(['test', '--root', root, '--format', 'junit']);
    expect(junit.code).toBe(1);
    await validateJunit(junit.stdout);
    expect(junit.stdout).toContain('failures="1"');
    expect(junit.stdout).toContain('message="expected mostly-true by close-but-not-exact, got mostly-false by off-by-up-to-half"');
    expect(junit.stdout).toContain('relative_difference lessThanInclusive 0.01    actual: 0.05');
  });

  it('reports every problem in a test file at its place, with did-you-mean, and still runs the good cases', async () => {
    const root = await copyBundled();
    await writeFile(
      join(root, 'rules/tests/broken.yaml'),
      [
        'ruleset: quantity',
        'cases:',
        '  - name: good',
        '    facts: { supporting_count: 0, contradicting_count: 0, self_reported_only: false }',
        '    expect: { rating: unproven, rule: no-evidence }',
        '  - name: mistyped fact',
        '    facts: { suporting_count: 1 }',
        '    expect: { rating: "true" }',
        '  - name: mistyped rating and rule',
        '    expect: { rating: mostly-tru, rule: confirmd }',
        '  - name: unknown claim',
        '    claim: trump-jr-whoping-3-responses',
        '    expect: { rating: "true" }',
        '  - name: wrong type',
        '    facts: { supporting_count: "two" }',
        '    expect: { rating: "true" }',
        '  - name: good',
        '    expect: { rating: unproven }',
        '  - name: no expectation',
        '',
      ].join('\n'),
    );
    const run = await runCli(['test', '--root', root, join(root, 'rules/tests/broken.yaml')]);
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^rules\/tests\/broken\.yaml:7:14 +error +rule\/unknown-fact +unknown fact "suporting_count"; did you mean "supporting_count"\?/),
      expect.stringMatching(/^rules\/tests\/broken\.yaml:10:23 +error +rule\/unknown-rating +unknown rating "mostly-tru"; did you mean "mostly-true"\?/),
      expect.stringMatching(/^rules\/tests\/broken\.yaml:10:41 +error +ref\/unknown-rule +ruleset "quantity" has no rule "confirmd"; did you mean "confirmed"\?/),
      expect.stringMatching(/^rules\/tests\/broken\.yaml:12:12 +error +ref\/unknown-claim +unknown claim "trump-jr-whoping-3-responses"; did you mean "trump-jr-whopping-3-responses"\?/),
      expect.stringMatching(/^rules\/tests\/broken\.yaml:15:32 +error +schema\/type +fact "supporting_count" is a number; found/),
      expect.stringMatching(/^rules\/tests\/broken\.yaml:17:11 +error +test\/duplicate-name +a case named "good" is already at line 3/),
      expect.stringMatching(/^rules\/tests\/broken\.yaml:19:5 +error +schema\/required/),
    ]);
    expect(run.stdout).toContain('  ✓ good');
    expect(run.stdout).toContain('1 case: 1 passed, 0 failed');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('loads a case\'s inline corpus with the project for that case only, and reports its problems in the test file', async () => {
    const root = await copyBundled();
    const record = (id: string, value: number, quote = 'But just 15 minutes after it was sent … Donald Trump himself tweeted') => [
      `        - id: ${id}`,
      '          source: the-week-trump-jr-wikileaks',
      '          kind: quantity',
      '          subject: donald-trump',
      '          measure: delay-after-message',
      '          counterpart: wikileaks',
      `          value: ${value}`,
      '          unit: minutes',
      `          quote: ${quote}`,
    ];
    await writeFile(
      join(root, 'rules/tests/corpus.yaml'),
      [
        'ruleset: quantity',
        'cases:',
        '  - name: a record giving another delay makes the evidence conflict',
        '    claim: trump-tweeted-15-minutes-later',
        '    corpus:',
        '      evidence:',
        ...record('delay-twenty', 20),
        '    expect: { rating: half-true, rule: conflicting-evidence }',
        '  - name: without the corpus, the claim is as verified',
        '    claim: trump-tweeted-15-minutes-later',
        '    expect: { rating: "true", rule: confirmed-by-one-report-repeated }',
        '  - name: a misquote in the corpus',
        '    claim: trump-tweeted-15-minutes-later',
        '    corpus:',
        '      evidence:',
        ...record('delay-misquoted', 15, 'But just fifteen minutes after it was sent'),
        '    expect: { rating: "true" }',
        '  - name: a mistyped field in the corpus',
        '    claim: trump-tweeted-15-minutes-later',
        '    corpus:',
        '      evidence:',
        ...record('delay-mistyped', 15).map((line) => line.replace('counterpart:', 'counterprt:')),
        '    expect: { rating: "true" }',
        '',
      ].join('\n'),
    );
    const run = await runCli(['test', '--root', root, join(root, 'rules/tests/corpus.yaml')]);
    expect(run.stdout).toContain('  ✓ a record giving another delay makes the evidence conflict');
    expect(run.stdout).toContain('  ✓ without the corpus, the claim is as verified');
    expect(run.stdout).toContain('2 cases: 2 passed, 0 failed');
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^rules\/tests\/corpus\.yaml:32:18 +error +quote\/not-found +/),
      expect.stringMatching(/^rules\/tests\/corpus\.yaml:43:11 +error +schema\/unknown-field +.*did you mean "counterpart"\?/),
    ]);
    // The corpus is the case's alone: the project itself is unchanged.
    expect((await runCli(['verify', '--root', root])).stdout).toMatch(/^trump-tweeted-15-minutes-later\s+True\s/m);
  });

  it('reports the rules and conditions no case exercises', async () => {
    const root = await copyBundled();
    await rm(join(root, 'rules/tests/opinion.yaml'));
    // Without the case that gives a number within 10%, close-but-not-exact never decides.
    await edit(root, 'rules/tests/quantity.yaml', 'relative_difference: 0.05 }', 'relative_difference: 0.5 }');
    await edit(root, 'rules/tests/quantity.yaml', 'expect: { rating: mostly-true, rule: close-but-not-exact }', 'expect: { rating: mostly-false }');
    const run = await runCli(['test', '--root', root, '--coverage']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  ! opinion/opinion never decides');
    expect(run.stdout).toContain('  ! opinion/opinion never fails');
    expect(run.stdout).toContain('  ! opinion/opinion all[0] (claim_kind equal) never holds');
    expect(run.stdout).toContain('  ! quantity/close-but-not-exact never decides');
    expect(run.stdout).not.toContain('quantity/confirmed ');
  });

  it('never drops a case without a word, nor crashes, when its ruleset is unknown or broken', async () => {
    const root = await copyBundled();
    await writeFile(
      join(root, 'rules/tests/edge.yaml'),
      [
        'ruleset: event',
        'cases:',
        '  - name: an inline claim naming a mistyped ruleset',
        '    claim: inline-opinion',
        '    corpus:',
        '      claims:',
        '        - id: inline-opinion',
        '          text: Very little pick-up by the dishonest media of incredible information provided by Wikileaks. So dishonest! Rigged system!',
        '          claimant: donald-trump',
        '          date: "2016-10-12"',
        '          appearance: donald-trump-tweet-dishonest-media',
        '          ruleset: tming',
        '          asserts: { kind: opinion, reason: A judgement no evidence can settle. }',
        '    expect: { rating: not-checkable }',
        '  - name: a claim whose ruleset has errors',
        '    claim: trump-dishonest-media',
        '    expect: { rating: not-checkable }',
        '',
      ].join('\n'),
    );
    await edit(root, 'rules/opinion.yaml', 'fact: claim_kind,', 'fact: claim_kindx,');
    for (const format of ['text', 'junit']) {
      const run = await runCli(['test', '--root', root, join(root, 'rules/tests/edge.yaml'), '--format', format]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).not.toContain('internal error');
      expect(run.stderr).toMatch(/rules\/tests\/edge\.yaml:12:20 +error +ref\/unknown-ruleset +unknown ruleset "tming"; did you mean "timing"\?/);
      expect(run.stderr).toMatch(/rules\/tests\/edge\.yaml:15:5 +error +verify\/skipped +case "a claim whose ruleset has errors" was not run/);
      if (format === 'junit') {
        await validateJunit(run.stdout);
        // The project's own error (the rules file) shows in the report, not only on stderr.
        expect(run.stdout).toContain('rules/opinion.yaml');
        expect(run.stdout).toMatch(/errors="[1-9]/);
      }
    }
    // The project root means every test file.
    const all = await runCli(['test', '--root', root, root]);
    expect(all.stdout).toContain('rules/tests/quantity.yaml');
  });

  it('refuses an unknown format with a suggestion', async () => {
    const run = await runCli(['test', '--format', 'junt']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('did you mean "junit"');
  });
});
