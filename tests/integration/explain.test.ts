import { describe, expect, it } from 'vitest';
import { loadProject, ruleInputs, verifyProject } from '../../src/pipeline.js';
import { createRunner } from '../../src/rules/run-rules.js';
import type { NeededValue } from '../../src/types.js';
import { REPO, runCli } from '../helpers/project.js';

/** A value that passes the needed comparison: the threshold itself where it counts, one step past it where it must not. */
function satisfying(need: NeededValue): unknown {
  const v = need.value;
  switch (need.operator) {
    case 'equal':
    case 'lessThanInclusive':
    case 'greaterThanInclusive':
      return v;
    case 'lessThan':
      return (v as number) - 1;
    case 'greaterThan':
      return (v as number) + 1;
    case 'notEqual':
      return typeof v === 'boolean' ? !v : typeof v === 'number' ? v + 1 : `${String(v)}-other`;
    case 'in':
      return (v as unknown[])[0];
    case 'contains':
      return [v];
    default:
      return undefined;
  }
}

describe('explain: near misses', () => {
  it('names the rules one condition from firing, with the value that would have fired them', async () => {
    const text = await runCli(['explain', 'trump-jr-whopping-3-responses']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Near misses (one condition from firing)');
    expect(text.stdout).toMatch(/contradicted → false \(priority 70, ranks above the deciding rule\)\n {4}if contradicting_count were at least 1; it is 0/);
    expect(text.stdout).toContain('confirmed → true (priority 40, ranks below the deciding rule)');
    // A rule two conditions away is not a near miss.
    expect(text.stdout.split('Rules that did not fire')[0]).not.toContain('close-but-not-exact');

    const json = JSON.parse((await runCli(['explain', 'trump-jr-whopping-3-responses', '--format', 'json'])).stdout);
    const contradicted = json.rules_not_fired.find((r: { rule: string }) => r.rule === 'contradicted');
    expect(contradicted.would_fire_if).toEqual([{ path: 'all[0]', fact: 'contradicting_count', actual: 0, operator: 'greaterThanInclusive', value: 1 }]);
    expect(json.rules_not_fired.find((r: { rule: string }) => r.rule === 'close-but-not-exact').would_fire_if).toEqual([]);
  });

  it('gives, for every claim of the bundled corpus, values that do fire the rule when put in', async () => {
    const { project } = await loadProject(REPO);
    const verified = await verifyProject(project!);
    let checked = 0;
    for (const input of ruleInputs(project!)) {
      const result = verified.claims.find((c) => c.id === input.claim)!;
      const runner = createRunner(input.ruleset);
      for (const miss of result.rules_not_fired) {
        for (const need of miss.would_fire_if) {
          const value = satisfying(need);
          if (value === undefined) continue;
          const outcomes = await runner({ ...input.facts, [need.fact]: value as never });
          expect(outcomes.find((o) => o.rule === miss.rule)?.fired, `${input.claim}: ${miss.rule} with ${need.fact} = ${JSON.stringify(value)}`).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });
});

describe('explain: what was checked', () => {
  it('shows the claim’s context and how its words were read, in text and in JSON', async () => {
    const text = (await runCli(['explain', 'pence-denies-wikileaks-connection'])).stdout;
    expect(text).toContain('  Context: Asked on Fox News whether the Trump team had any connection with WikiLeaks.');
    expect(text).toContain('  Checked as: A denial that anyone in the Trump team had any contact with WikiLeaks.');
    const json = JSON.parse((await runCli(['explain', 'pence-denies-wikileaks-connection', '--format', 'json'])).stdout);
    expect(json).toMatchObject({ context: expect.stringContaining('Asked on Fox News'), interpretation: expect.stringContaining('A denial') });
  });
});
