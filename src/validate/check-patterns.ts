import type { Claim, EventPattern, PatternRelation } from '../types.js';
import { findCycles } from '../model/find-cycles.js';
import { didYouMean } from '../model/suggest.js';

type Path = (string | number)[];

/** The checks of check-references that a pattern's fields need, each returning whether it resolved. */
export interface PatternChecks {
  entity(path: Path, id: string | undefined): boolean;
  term(path: Path, kind: 'actions' | 'channels' | 'topics', id: string | undefined): boolean;
  /** Reports a problem at a path of the claim. */
  report(code: 'ref/unknown-pattern' | 'ref/relation-cycle', path: Path, message: string): void;
}

/**
 * An event assertion's patterns: the main `event` and each named one under
 * `patterns`, their entities and terms, and the relations between them. A
 * relation must name a pattern the assertion defines, and relations must not
 * run in a cycle (a before b before a), which no order of events satisfies.
 */
export function checkPatterns(claim: Claim, checks: PatternChecks): boolean[] {
  const a = claim.asserts;
  if (a.kind !== 'event' && a.kind !== 'absence' && a.kind !== 'timing') return [];
  const names = [...a.patterns.keys()];
  const all: [Path, EventPattern][] = [[['asserts', 'event'], a.event], ...names.map((n): [Path, EventPattern] => [['asserts', 'patterns', n], a.patterns.get(n)!])];
  const results: boolean[] = [];
  for (const [path, p] of all) {
    results.push(
      checks.entity([...path, 'actor'], p.actor),
      checks.entity([...path, 'target'], p.target),
      checks.term([...path, 'action'], 'actions', p.action),
      checks.term([...path, 'channel'], 'channels', p.channel),
      checks.term([...path, 'about'], 'topics', p.about),
    );
    for (const [field, name] of related(p)) {
      if (a.patterns.has(name)) continue;
      const options = names.length ? `; the patterns are ${names.join(', ')}` : '; define it under `asserts.patterns`';
      checks.report('ref/unknown-pattern', [...path, field, 'event'], `unknown pattern "${name}"${didYouMean(name, names)}${options}`);
      results.push(false);
    }
  }
  const cycle = findCycle(a.patterns);
  if (cycle) {
    checks.report('ref/relation-cycle', ['asserts', 'patterns', cycle[0]!], `the patterns relate to each other in a cycle, which no order of events can satisfy: ${[...cycle, cycle[0]].join(' → ')}`);
    results.push(false);
  }
  return results;
}

/** The pattern names a pattern relates to, with the field that names each. */
function related(p: EventPattern): [field: string, name: string][] {
  const out: [string, string][] = [];
  if (p.answers !== undefined) out.push(['answers', p.answers]);
  const relation = (field: string, r: PatternRelation | undefined) => r && out.push([field, r.pattern]);
  relation('after', p.after);
  relation('before', p.before);
  return out;
}

/** A cycle among the named patterns, as the names on it; undefined when there is none. */
function findCycle(patterns: ReadonlyMap<string, EventPattern>): string[] | undefined {
  return findCycles(patterns.keys(), (name) => related(patterns.get(name)!).map(([, n]) => n).filter((n) => patterns.has(n)), 1).cycles[0];
}
