import { Engine } from 'json-rules-engine';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkRules } from '../../src/rules/check-rules.js';
import { isSafePath, resolvePath } from '../../src/rules/resolve-path.js';
import { createRunner } from '../../src/rules/run-rules.js';
import type { Config, Ruleset, RuleSpec } from '../../src/types.js';
import { decide } from '../../src/verdict/decide.js';

const ref = { file: 'rules/r.yaml', path: [] };
const locate = () => ({ file: 'rules/r.yaml', line: 1, col: 1 });

function rule(name: string, priority: number, conditions: RuleSpec['conditions'], rating = 'unproven', explanation = 'x'): RuleSpec {
  return { name, priority, conditions, rating, explanation, ref };
}

function ruleset(...rules: RuleSpec[]): Ruleset {
  return { id: 'r', default_for: [], rules, ref };
}

const config = { scale: [{ id: 'true' }, { id: 'unproven' }], fallback_rating: 'unproven' } as unknown as Config;

afterEach(() => vi.restoreAllMocks());

describe('resolvePath', () => {
  it('walks plain dot paths over own properties', () => {
    expect(resolvePath({ a: { b: 3 } }, '$.a.b')).toBe(3);
    expect(resolvePath({ a: {} }, '$.a.toString')).toBeUndefined();
  });

  it.each(['$[?(@.constructor)]', '$..a', '$.a[0]', '$.__proto__', '$.a.constructor', 'a.b', '$'])('refuses %s', (path) => {
    expect(isSafePath(path)).toBe(false);
    expect(() => resolvePath({ a: { b: 1 } }, path)).toThrow(/unsafe/);
  });

  it('evaluates nothing outside the dot subset, even in a condition that got past the checks', async () => {
    let touched = 0;
    // A fact whose every property read is counted: an evaluated path would read it.
    const probe = () => ({ a: { get probe() { touched++; return 1; } } });
    const paths = ['$[?(@.probe)]', '$..probe', '$.a[?(@ == 1)]', '$.a.probe[(@.length-1)]', "$[?(@.constructor.constructor('return 1')())]"];
    for (const path of paths) {
      const run = createRunner(ruleset(rule('r', 1, { all: [{ fact: 'f', operator: 'equal', value: 1, path }] })));
      await expect(run({ f: probe() as never })).rejects.toThrow(/unsafe condition path/);
    }
    expect(touched).toBe(0);
    // Bare json-rules-engine does evaluate the filter: what the custom resolver prevents.
    const bare = new Engine([{ conditions: { all: [{ fact: 'f', operator: 'equal', value: 1, path: paths[0]! }] }, event: { type: 'x' } }] as never);
    await bare.run({ f: probe() }).catch(() => undefined);
    expect(touched).toBeGreaterThan(0);
  });
});

describe('checkRules', () => {
  it('names unknown facts, operators, ratings and placeholders with suggestions', () => {
    const { diagnostics, broken } = checkRules(
      new Map([
        [
          'r',
          ruleset(
            rule('a', 1, { all: [{ fact: 'suporting_count', operator: 'greaterThan', value: 0 }] }),
            rule('b', 1, { any: [{ fact: 'matching_count', operator: 'greaterThen', value: 0 }] }, 'ture'),
            rule('c', 1, { not: { fact: 'matching_count', operator: 'equal', value: { fact: 'claimd_value' } } }, 'true', 'Seen by {supporting_outlet}.'),
          ),
        ],
      ]),
      config,
      locate,
    );
    expect(broken).toEqual(new Set(['r']));
    expect(diagnostics.map((d) => d.code)).toEqual([
      'rule/unknown-fact',
      'rule/unknown-rating',
      'rule/unknown-operator',
      'rule/unknown-placeholder',
      'rule/unknown-fact',
    ]);
    const messages = diagnostics.map((d) => d.message).join('\n');
    for (const hint of ['"supporting_count"', '"true"', '"greaterThan"', '"supporting_outlets"', '"claimed_value"']) expect(messages).toContain(hint);
  });

  it('checks a threshold that names another fact, and its path', () => {
    const { diagnostics } = checkRules(
      new Map([['r', ruleset(rule('a', 1, { all: [{ fact: 'matching_count', operator: 'equal', value: { fact: 'claimed_value', path: '$[?(@.x)]' } }] }))]]),
      config,
      locate,
    );
    expect(diagnostics.map((d) => d.code)).toEqual(['rule/unsafe-path']);
  });

  it('refuses operator decorators, which are not in the table', () => {
    const { diagnostics } = checkRules(new Map([['r', ruleset(rule('a', 1, { all: [{ fact: 'matching_count', operator: 'not:equal', value: 0 }] }))]]), config, locate);
    expect(diagnostics.map((d) => d.code)).toEqual(['rule/unknown-operator']);
  });

  it('refuses two rulesets that are default for the same kind', () => {
    const a = { ...ruleset(rule('a', 1, { all: [] })), id: 'a', default_for: ['quantity' as const] };
    const b = { ...a, id: 'b' };
    const { diagnostics } = checkRules(new Map([['a', a], ['b', b]]), config, locate);
    expect(diagnostics.map((d) => d.code)).toEqual(['ref/duplicate-id']);
  });
});

describe('createRunner', () => {
  const nested = ruleset(
    rule('nested', 5, {
      all: [
        { fact: 'a', operator: 'equal', value: 1 },
        { any: [{ fact: 'b', operator: 'equal', value: 2 }, { not: { fact: 'c', operator: 'equal', value: 3 } }] },
        { fact: 'a', operator: 'lessThan', value: { fact: 'b' } },
      ],
    }),
    rule('fallback', 1, { all: [] }),
  );

  it('evaluates every condition, nested ones included, so each carries its value', async () => {
    const outcomes = await createRunner(nested)({ a: 1, b: 0, c: 0 });
    const leaves = outcomes.find((o) => o.rule === 'nested')!.leaves;
    expect(leaves.map((l) => [l.path, l.actual, l.passed, l.evaluated])).toEqual([
      ['all[0]', 1, true, true],
      ['all[1].any[0]', 0, false, true],
      ['all[1].any[1].not', 0, false, true],
      ['all[2]', 1, false, true],
    ]);
    expect(leaves[3]!.thresholdValue).toBe(0);
  });

  it('names the conditions that decided a failure, through any and not', async () => {
    const rs = ruleset(
      rule('needs-not', 2, { all: [{ fact: 'a', operator: 'equal', value: 1 }, { not: { fact: 'b', operator: 'equal', value: 2 } }] }),
      rule('needs-any', 1, { any: [{ fact: 'a', operator: 'equal', value: 9 }, { fact: 'b', operator: 'equal', value: 9 }] }),
      rule('has-any', 3, { any: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'equal', value: 9 }] }),
    );
    const outcomes = await createRunner(rs)({ a: 1, b: 2 });
    const by = (name: string) => outcomes.find((o) => o.rule === name)!;
    // "not (b equal 2)" failed because b is 2: the comparison passed, under a not.
    expect(by('needs-not').deciding.map((l) => [l.path, l.passed, l.negated])).toEqual([['all[1].not', true, true]]);
    // An any that failed: every alternative failed.
    expect(by('needs-any').deciding.map((l) => l.path)).toEqual(['any[0]', 'any[1]']);
    // An any that held: only the alternative that held decided it.
    expect(by('has-any').fired).toBe(true);
    expect(by('has-any').deciding.map((l) => l.path)).toEqual(['any[0]']);
  });

  it('decides by priority, then by name', async () => {
    const rs = ruleset(rule('zeta', 5, { all: [] }, 'true'), rule('alpha', 5, { all: [] }, 'unproven'), rule('low', 1, { all: [] }));
    const outcomes = await createRunner(rs)({});
    expect(decide(outcomes)?.rule).toBe('alpha');
  });

  it('gives a table the same firings without the conditions, for any facts', async () => {
    const full = createRunner(nested);
    const firing = createRunner(nested, false);
    for (const facts of [{ a: 1, b: 2, c: 0 }, { a: 1, b: 0, c: 3 }, { a: 0, b: 0, c: 0 }, { a: 1, b: 5, c: 3 }]) {
      const outcomes = await full(facts);
      const firings = await firing(facts);
      expect(firings).toEqual(outcomes.map(({ rule, priority, rating, explanation, fired }) => ({ rule, priority, rating, explanation, fired })));
      expect(firings.every((f) => !('leaves' in f))).toBe(true);
      expect(decide(firings)?.rule).toBe(decide(outcomes)?.rule);
    }
  });

  it('runs the engine once for each combination of the facts its rules read, and never confuses two', async () => {
    const runs = vi.spyOn(Engine.prototype, 'run');
    const rs = ruleset(
      rule('text', 2, { all: [{ fact: 't', operator: 'equal', value: 'null' }] }, 'true'),
      rule('list', 1, { all: [{ fact: 'l', operator: 'contains', value: 'a,b' }] }, 'true'),
      rule('count', 1, { all: [{ fact: 'n', operator: 'greaterThan', value: 0 }] }),
    );
    const shared = createRunner(rs);
    // Values a careless key would take for one another: each must get what a runner of its own gives.
    const cases: Record<string, unknown>[] = [
      { t: 'null', l: ['a,b'], n: 1 },
      { t: null, l: ['a,b'], n: 1 },
      { l: ['a,b'], n: 1 },
      { t: 'null', l: ['a', 'b'], n: 1 },
      { t: 'null', l: 'a,b', n: 1 },
      { t: 'null', l: ['a,b'], n: '1' },
      { t: 'null', l: ['a,b'], n: Number.NaN },
      { t: 'null', l: ['a,b'], n: null },
      { t: 'null', l: ['a,b'], n: true },
    ];
    const alone: unknown[] = [];
    for (const facts of cases) alone.push(await createRunner(rs)(facts as never).catch((e: Error) => e.message));
    const before = runs.mock.calls.length;
    const together = await Promise.all(cases.map((facts) => shared(facts as never).catch((e: Error) => e.message)));
    expect(together).toEqual(alone);
    expect(runs.mock.calls.length - before).toBe(cases.length);
    // The same facts again, and facts that differ only where no rule reads: no new run, the same outcomes.
    const again = await shared({ t: 'null', l: ['a,b'], n: 1, unread: 'anything' } as never);
    expect(runs.mock.calls.length - before).toBe(cases.length);
    expect(again).toBe(together[0]);
    // Shared, so frozen: no claim's reader can change another's.
    expect(() => (again as unknown as { rule: string }[]).push({ rule: 'x' })).toThrow(TypeError);
    expect(() => Object.assign(again[0]!, { fired: false })).toThrow(TypeError);
    expect(() => Object.assign(again[0]!.leaves[0]!, { passed: false })).toThrow(TypeError);
  });

  it('gives the next claim the right outcomes after a run that failed', async () => {
    const rs = ruleset(rule('text', 2, { all: [{ fact: 't', operator: 'equal', value: 'a' }] }, 'true'), rule('count', 1, { all: [{ fact: 'n', operator: 'greaterThan', value: 0 }] }));
    const run = createRunner(rs, false);
    await expect(run({ n: 1 })).rejects.toThrow(/Undefined fact: t/);
    // A failed run left the engine half-way, and the next one skipped the lower-priority rule.
    expect(await run({ t: 'a', n: 2 })).toEqual(await createRunner(rs, false)({ t: 'a', n: 2 }));
    expect((await run({ t: 'a', n: 3 })).map((f) => f.rule)).toEqual(['count', 'text']);
  });

  it('never lets two runs share the engine, however many are in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const original = Engine.prototype.run;
    vi.spyOn(Engine.prototype, 'run').mockImplementation(async function (this: Engine, ...args: Parameters<Engine['run']>) {
      most = Math.max(most, ++inFlight);
      // Yield between evaluation and completion, as an async fact would.
      await new Promise((r) => setTimeout(r, 1));
      try {
        return await original.apply(this, args);
      } finally {
        inFlight--;
      }
    });
    const run = createRunner(nested);
    const inputs = Array.from({ length: 40 }, (_, i) => ({ a: i % 2, b: i % 3, c: i % 4 }));
    const concurrent = await Promise.all(inputs.map((facts) => run(facts)));
    expect(most).toBe(1);
    const sequential = [];
    for (const facts of inputs) sequential.push(await run(facts));
    expect(concurrent).toEqual(sequential);
  });
});

describe('near misses', () => {
  const run = async (conditions: RuleSpec['conditions'], facts: Record<string, number>) =>
    (await createRunner(ruleset(rule('r', 10, conditions)))(facts))[0]!;

  it('names the one condition that stood between a rule and firing', async () => {
    const outcome = await run({ all: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'greaterThan', value: 2 }] }, { a: 1, b: 0 });
    expect(outcome.fired).toBe(false);
    expect(outcome.nearMisses.map((l) => l.path)).toEqual(['all[1]']);
  });

  it('has none when two conditions would have to change', async () => {
    const outcome = await run({ all: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'greaterThan', value: 2 }] }, { a: 0, b: 0 });
    expect(outcome.nearMisses).toEqual([]);
  });

  it('offers each alternative of an any, and a condition under a not that passed', async () => {
    const outcome = await run(
      { all: [{ any: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'equal', value: 1 }] }, { not: { fact: 'c', operator: 'equal', value: 1 } }] },
      { a: 0, b: 0, c: 0 },
    );
    expect(outcome.nearMisses.map((l) => l.path)).toEqual(['all[0].any[0]', 'all[0].any[1]']);
    const negated = await run({ all: [{ fact: 'a', operator: 'equal', value: 0 }, { not: { fact: 'c', operator: 'equal', value: 1 } }] }, { a: 0, c: 1 });
    expect(negated.nearMisses).toMatchObject([{ path: 'all[1].not', passed: true, negated: true }]);
  });

  it('has none for a rule that fired', async () => {
    expect((await run({ all: [{ fact: 'a', operator: 'equal', value: 1 }] }, { a: 1 })).nearMisses).toEqual([]);
  });
});
