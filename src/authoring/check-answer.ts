import { citeWords } from '../anchor/cite-words.js';
import { compatibleUnits, KNOWN_TIME_UNITS } from '../model/units.js';
import type { NodeRef, Project } from '../types.js';
import { readDate, readPublished } from '../validate/read-date.js';
import { didYouMean, suggest } from '../model/suggest.js';

/** A flag's value or a typed answer: flags are strings, except boolean flags given bare. */
export type Answer = string | boolean;

/** What a check makes of an answer: the value to write, or why not. */
export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

/** The answers accepted so far, by flag name: later checks read them (a quote needs its source). */
export type Answers = ReadonlyMap<string, unknown>;

/** A snapshot file named in an answer, read by the CLI: the checks never touch the file system. */
export type SnapshotRead = { ok: true; path: string; sha256: string } | { ok: false; message: string };

/** What checks are made against: the loaded project, and the one piece of IO they need. */
export interface AuthoringContext {
  project: Project;
  /** Reads the snapshot file an answer names, for a source with this id. */
  readSnapshot(answer: string, sourceId: string | undefined): Promise<SnapshotRead>;
}

export type Check = (answer: Answer, answers: Answers, ctx: AuthoringContext) => Checked | Promise<Checked>;

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ID_MAX = 120;
const TEXT_MAX = 20_000;

/** "expected X, found "y"" plus a hint: every refusal says what was expected and what was found. */
export function expected(what: string, found: Answer, hint = ''): Checked {
  return { ok: false, message: `expected ${what}, found ${typeof found === 'string' ? JSON.stringify(found) : 'no value'}${hint}` };
}

function text(answer: Answer): string | undefined {
  return typeof answer === 'string' ? answer.trim() : undefined;
}

/** Free text: not empty, at most the schema's length. */
export const checkText: Check = (answer) => {
  const t = text(answer);
  if (!t) return expected('some text', answer);
  if (t.length > TEXT_MAX) return { ok: false, message: `expected at most ${TEXT_MAX} characters, found ${t.length}` };
  return { ok: true, value: t };
};

function idShape(answer: Answer, what: string): Checked {
  const t = text(answer);
  const example = 'such as "mill-lane-budget"';
  if (t === undefined || !ID.test(t)) {
    const fixed = t === undefined ? '' : slug(t);
    return expected(`${what} of lowercase letters, digits and hyphens, ${example}`, answer, fixed && fixed !== t ? `; did you mean "${fixed}"?` : '');
  }
  if (t.length > ID_MAX) return { ok: false, message: `expected an id of at most ${ID_MAX} characters, found ${t.length}` };
  return { ok: true, value: t };
}

/** A name turned into an id: "Town Council" → "town-council". */
export function slug(words: string): string {
  return words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX);
}

export type ItemType = 'entity' | 'source' | 'evidence' | 'claim';

/** Where an item with this id is already defined, if it is. */
export function definedAt(project: Project, type: ItemType, id: string): string | undefined {
  let ref: NodeRef | undefined;
  if (type === 'entity') ref = project.entities.get(id)?.ref;
  if (type === 'source') ref = project.sources.get(id)?.ref;
  if (type === 'evidence') ref = (project.evidence.get(id) ?? project.excludedEvidence.find((r) => r.id === id))?.ref;
  if (type === 'claim') {
    if (!project.claimIds.has(id)) return undefined;
    ref = project.claims.find((c) => c.id === id)?.ref;
    if (!ref) return 'in the project';
  }
  if (!ref) return undefined;
  const at = project.locate(ref);
  return `at ${at.file}:${at.line}:${at.col}`;
}

/** A new item's id: well formed and not yet used by an item of its type. */
export function checkNewId(type: ItemType): Check {
  return (answer, _answers, { project }) => {
    const shape = idShape(answer, 'an id');
    if (!shape.ok) return shape;
    const id = shape.value as string;
    const at = definedAt(project, type, id);
    return at === undefined ? shape : { ok: false, message: `${type} id "${id}" is already defined ${at}; choose another id` };
  };
}

/** A plain id that names nothing in the project (tags). */
export const checkTag: Check = (answer) => idShape(answer, 'a tag');

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

/** A list answer: comma-separated, each part checked alone. */
export function checkList(each: Check): Check {
  return async (answer, answers, ctx) => {
    const t = text(answer);
    const parts = (t ?? '').split(',').map((p) => p.trim()).filter(Boolean);
    if (!parts.length) return expected('a comma-separated list', answer);
    const values: unknown[] = [];
    for (const part of parts) {
      const checked = await each(part, answers, ctx);
      if (!checked.ok) return { ok: false, message: `${checked.message} (in the list ${JSON.stringify(t)})` };
      values.push(checked.value);
    }
    return { ok: true, value: values };
  };
}

/** One of a fixed set of words. */
export function checkChoice(choices: readonly string[]): Check {
  return (answer) => {
    const t = text(answer);
    if (t !== undefined && choices.includes(t)) return { ok: true, value: t };
    return expected(`one of ${choices.join(', ')}`, answer, t ? didYouMean(t, choices) : '');
  };
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

/** A plain decimal number: 380000, 2.5, -3. */
export const checkNumber: Check = (answer) => {
  const t = text(answer);
  if (t !== undefined && /^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(t)) return { ok: true, value: Number(t) };
  const plain = t?.replace(/[,_\s]/g, '');
  const hint = plain && plain !== t && /^-?\d+(?:\.\d+)?$/.test(plain) ? `; did you mean ${plain}?` : '';
  return expected('a number such as 380000 or 2.5 (no thousands separators or units)', answer, hint);
};

export const checkNonNegative: Check = (answer, answers, ctx) => {
  const n = checkNumber(answer, answers, ctx) as Checked;
  if (n.ok && (n.value as number) < 0) return expected('a number of 0 or more', answer);
  return n;
};

export const checkYesNo: Check = (answer) => {
  if (typeof answer === 'boolean') return { ok: true, value: answer };
  const t = answer.trim().toLowerCase();
  if (['y', 'yes', 'true'].includes(t)) return { ok: true, value: true };
  if (['n', 'no', 'false'].includes(t)) return { ok: true, value: false };
  return expected('yes or no', answer);
};

export const checkUrl: Check = (answer) => {
  const t = text(answer);
  if (t !== undefined && /^https?:\/\/[^\s]+$/.test(t)) return { ok: true, value: t };
  return expected('an http or https URL, such as "https://example.org/article"', answer);
};

const DATE_WORDS = 'a date written YYYY-MM-DD, YYYY-MM or YYYY, such as "2024-03-04"';

/** A date at the precision the text gives, or a range written FROM..TO. */
export const checkDate: Check = (answer) => {
  const t = text(answer);
  if (t === undefined || t === '') return expected(`${DATE_WORDS}, or a range FROM..TO`, answer);
  const range = /^(.+?)\s*\.\.\s*(.+)$/.exec(t);
  if (range) {
    const read = readDate({ from: range[1]!, to: range[2]! });
    if (!read.ok) return expected(`a range FROM..TO of two dates, each YYYY-MM-DD, YYYY-MM or YYYY`, answer, `: ${read.message}`);
    return { ok: true, value: { from: range[1]!, to: range[2]! } };
  }
  const read = readDate(t);
  if (!read.ok) return expected(`${DATE_WORDS}, or a range FROM..TO`, answer, /^\d{4}/.test(t) ? `: ${read.message}` : '');
  return { ok: true, value: t };
};

/** A length of time: a number and minutes, hours, days or weeks ("15 minutes", "2 days"). */
export const checkDuration: Check = (answer) => {
  const t = text(answer);
  if (t !== undefined && /^[0-9]+(\.[0-9]+)? (minute|minutes|hour|hours|day|days|week|weeks)$/.test(t)) return { ok: true, value: t };
  return expected('a duration such as "15 minutes" or "2 days"', answer);
};

/** `within` or `throughout`, for a date given as a range FROM..TO (`dateFlag`). */
export function checkSpan(dateFlag: string): Check {
  return (answer, answers) => {
    const t = text(answer);
    if (t !== 'within' && t !== 'throughout') return expected('within or throughout', answer);
    const date = answers.get(dateFlag);
    if (date === null || typeof date !== 'object') return { ok: false, message: `--span goes with a range: give --${dateFlag} as FROM..TO` };
    return { ok: true, value: t };
  };
}

/** A single date, no range (when a claim was made, when a check was published). */
export const checkDay: Check = (answer) => {
  const t = text(answer);
  const read = t ? readDate(t) : undefined;
  if (t && read?.ok) return { ok: true, value: t };
  return expected(DATE_WORDS, answer, t && read && !read.ok && /^\d{4}/.test(t) ? `: ${read.message}` : '');
};

/** When a source was published: a date or "unknown". */
export const checkPublished: Check = (answer) => {
  const t = text(answer);
  const read = t ? readPublished(t) : undefined;
  if (t && read?.ok) return { ok: true, value: t };
  return expected(`${DATE_WORDS}, or "unknown"`, answer, t && read && !read.ok && /^\d{4}/.test(t) ? `: ${read.message}` : '');
};

/**
 * Words that must be in an archived source: found once, they are written as
 * the snapshot has them (typography included). A source with no usable
 * snapshot takes them as given: its citations are unanchored.
 */
export function checkWordsIn(sourceOf: (answers: Answers) => string | undefined, what: string): Check {
  return (answer, answers, ctx) => {
    const { project } = ctx;
    const t = text(answer);
    if (!t) return expected(`${what}, word for word`, answer);
    const source = sourceOf(answers);
    if (source === undefined || !project.snapshots.has(source)) return checkText(answer, answers, ctx);
    const found = citeWords(project, source, t);
    if (!found.ok) return { ok: false, message: found.message };
    if (found.occurrences.length + found.inseparable.length > 1) {
      const lines = [...found.occurrences.map((o) => o.anchor.line), ...found.inseparable].sort((a, b) => a - b);
      return { ok: false, message: `these words occur ${lines.length} times in ${source} (lines ${lines.join(', ')}); quote more words, so that they occur once` };
    }
    return { ok: true, value: found.occurrences[0]!.anchor.exact };
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

/** A snapshot file, read (and, from outside the project, copied in) by the CLI. */
export function checkSnapshot(idFlag: string): Check {
  return async (answer, answers, ctx) => {
    const t = text(answer);
    if (!t) return expected('the path of a text file holding the source, byte for byte', answer);
    const read = await ctx.readSnapshot(t, answers.get(idFlag) as string | undefined);
    return read.ok ? { ok: true, value: { path: read.path, sha256: read.sha256 } } : { ok: false, message: read.message };
  };
}
