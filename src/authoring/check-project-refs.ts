import { compatibleUnits, KNOWN_TIME_UNITS } from '../model/units.js';
import type { Project } from '../types.js';
import { didYouMean, suggest } from '../model/suggest.js';
import { checkChoice, expected, text, type Check, type Checked } from './check-answer.js';

/** Up to `max` ids listed, for prompts and hints. */
export function listIds(ids: Iterable<string>, max = 12): string {
  const all = [...ids].sort();
  if (!all.length) return 'none yet';
  return all.length <= max ? all.join(', ') : `${all.slice(0, max).join(', ')}, … (${all.length - max} more)`;
}

/**
 * An entity, by id, or by a name or alias that only one entity has (the id
 * is written). Unknown ones get the nearest id, or the list when it is short.
 */
export const checkEntity: Check = (answer, _answers, { project }) => {
  const t = text(answer);
  if (t === undefined || t === '') return expected('an entity id', answer);
  if (project.entities.has(t)) return { ok: true, value: t };
  const lower = t.toLowerCase();
  const named = [...project.entities.values()].filter((e) => [e.name, ...e.aliases].some((n) => n.toLowerCase() === lower));
  if (named.length === 1) return { ok: true, value: named[0]!.id };
  return expected('an entity id', answer, refHint(t, project.entities.keys(), 'entity'));
};

export const checkSource: Check = (answer, _answers, { project }) => {
  const t = text(answer);
  if (t === undefined || t === '') return expected('a source id', answer);
  if (project.sources.has(t)) return { ok: true, value: t };
  return expected('a source id', answer, refHint(t, project.sources.keys(), 'source'));
};

/** An evidence record of the project, by id (a record a new one is dated against or by). */
export const checkRecord: Check = (answer, _answers, { project }) => {
  const t = text(answer);
  if (t === undefined || t === '') return expected('an evidence id', answer);
  if (project.evidence.has(t)) return { ok: true, value: t };
  return expected('an evidence id', answer, refHint(t, project.evidence.keys(), 'evidence'));
};

function refHint(word: string, ids: Iterable<string>, what: 'entity' | 'source' | 'evidence'): string {
  const all = [...ids];
  const near = suggest(word, all);
  if (near !== undefined) return `; did you mean "${near}"?`;
  const plural = { entity: 'entities', source: 'sources', evidence: 'evidence records' }[what];
  return `; the ${plural} are ${listIds(all)} (add one with factcheck new ${what})`;
}

/** A term from the config's vocabulary. */
export function checkTerm(kind: 'actions' | 'measures' | 'channels' | 'topics'): Check {
  const singular = kind.slice(0, -1);
  return (answer, _answers, { project }) => {
    const t = text(answer);
    const terms = project.config.vocabulary[kind];
    if (t !== undefined && terms.has(t)) return { ok: true, value: t };
    const hint = (t ? didYouMean(t, terms.keys()) : '') || `; the ${kind} are ${listIds(terms.keys())} (add new ones to vocabulary.${kind} in factcheck.config.yaml)`;
    return expected(`${/^[aeiou]/.test(singular) ? 'an' : 'a'} ${singular} from the vocabulary`, answer, hint);
  };
}

/** An assessment's topic: an action or a measure. */
export const checkTopic: Check = (answer, _answers, { project }) => {
  const t = text(answer);
  const { actions, measures } = project.config.vocabulary;
  if (t !== undefined && (actions.has(t) || measures.has(t))) return { ok: true, value: t };
  const all = [...actions.keys(), ...measures.keys()];
  return expected('an action or measure from the vocabulary', answer, (t ? didYouMean(t, all) : '') || `; they are ${listIds(all)}`);
};

/** The unit of a quantity: the one its measure is counted in, or a time unit that converts into it. */
export function checkUnit(measureFlag: string): Check {
  return (answer, answers, { project }) => {
    const t = text(answer);
    if (!t) return expected('a unit, such as "messages"', answer);
    const measure = answers.get(measureFlag);
    const declared = typeof measure === 'string' ? project.config.vocabulary.measures.get(measure)?.unit : undefined;
    if (declared === undefined || compatibleUnits(declared, t)) return { ok: true, value: t };
    const options = [declared, ...(KNOWN_TIME_UNITS.includes(declared) ? KNOWN_TIME_UNITS : [])];
    return expected(`the unit measure "${measure as string}" is counted in (${options.join(', ')})`, answer, didYouMean(t, options));
  };
}

/** The kind of a claim: one that a ruleset is default_for, unless the claim names its ruleset. */
export function checkClaimKind(kinds: readonly string[]): Check {
  return (answer, answers, ctx) => {
    const chosen = checkChoice(kinds)(answer, answers, ctx) as Checked;
    if (!chosen.ok || answers.has('ruleset')) return chosen;
    const covered = rulesetKinds(ctx.project);
    if (covered.has(chosen.value as string)) return chosen;
    return {
      ok: false,
      message: `no ruleset in rules/ is default_for "${chosen.value as string}" claims (the rulesets cover ${[...covered].sort().join(', ') || 'no kind'}); add one, or name one with --ruleset`,
    };
  };
}

export function rulesetKinds(project: Project): Set<string> {
  return new Set([...project.rulesets.values()].flatMap((r) => r.default_for));
}

export const checkRuleset: Check = (answer, _answers, { project }) => {
  const t = text(answer);
  if (t !== undefined && project.rulesets.has(t)) return { ok: true, value: t };
  return expected('a ruleset id', answer, (t ? didYouMean(t, project.rulesets.keys()) : '') || `; the rulesets are ${listIds(project.rulesets.keys())}`);
};
