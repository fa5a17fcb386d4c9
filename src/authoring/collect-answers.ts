import type { Answer, AuthoringContext } from './check-answer.js';
import { listIds } from './check-project-refs.js';
import { isRequired, type Field, type ItemSpec } from './item-fields.js';
import type { Choice } from './pick-choice.js';

/** The flags given on the command line, by name (without "--"). */
export type Given = Readonly<Record<string, Answer | undefined>>;

export type Collected = { ok: true; answers: Map<string, unknown> } | { ok: false; problems: string[] };

/** The field's flag as typed: --id. */
export function flagOf(field: Field): string {
  return `--${field.flag}`;
}

/**
 * Every answer from flags alone, as when nothing can be asked. All problems
 * come back at once: each invalid flag with what was expected and found,
 * every missing required flag in one line, and flags the item does not have.
 */
export async function collectFromFlags(spec: ItemSpec, given: Given, ctx: AuthoringContext): Promise<Collected> {
  const answers = new Map<string, unknown>();
  const problems: string[] = [];
  const missing: string[] = [];
  let undecided = false;
  for (const field of spec.fields) {
    const applies = field.applies ? field.applies(answers) : true;
    const value = given[field.flag];
    if (applies === undefined) {
      undecided = true;
      continue;
    }
    if (!applies) {
      if (value !== undefined) problems.push(`${flagOf(field)} does not apply to ${describe(spec, answers)}`);
      continue;
    }
    if (value === undefined) {
      const fallback = field.fallback?.(answers, ctx.project);
      if (fallback !== undefined) answers.set(field.flag, fallback);
      else if (isRequired(field, answers)) missing.push(flagOf(field));
      continue;
    }
    const checked = await field.check(value, answers, ctx);
    if (checked.ok) answers.set(field.flag, checked.value);
    else {
      problems.push(`${flagOf(field)}: ${checked.message}`);
      // A discriminator that failed leaves its dependants undecided, not missing.
      if (field.flag === spec.discriminator) undecided = true;
    }
  }
  if (missing.length) {
    const then = undecided && !answers.has(spec.discriminator) ? ` (and then the flags of the ${spec.type} kind chosen)` : '';
    problems.unshift(`missing ${missing.join(', ')}${then}`);
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers };
}

function describe(spec: ItemSpec, answers: ReadonlyMap<string, unknown>): string {
  const kind = answers.get(spec.discriminator);
  const plural = spec.type === 'entity' ? 'entities' : spec.type === 'evidence' ? 'evidence records' : `${spec.type}s`;
  return typeof kind === 'string' ? `${kind} ${plural}` : plural;
}

/** How an interactive session talks to the user: injected, so tests script it. */
export interface Prompter {
  /**
   * Asks one question; undefined when input ends. `choices` are what the
   * field offers, for a terminal to filter as the user types and complete on Tab.
   */
  ask(question: string, choices?: readonly Choice[]): Promise<string | undefined>;
  /** Shows a line: a list of candidates, or why an answer was refused. */
  say(line: string): void;
}

/**
 * Answers from the flags given, then from the user for each field still
 * missing, in turn. Every answer is checked as it is given; a refused one is
 * asked again with the reason. Optional fields worth asking are asked too,
 * and Enter skips them. Ends early (cancelled) when input ends.
 */
export async function collectInteractively(spec: ItemSpec, given: Given, ctx: AuthoringContext, prompter: Prompter): Promise<Collected | { ok: false; cancelled: true }> {
  const answers = new Map<string, unknown>();
  for (const field of spec.fields) {
    // The kind is asked before the fields it decides, so by now every field is decided.
    if (field.applies && !field.applies(answers)) {
      if (given[field.flag] !== undefined) prompter.say(`${flagOf(field)} does not apply to ${describe(spec, answers)}; left out`);
      continue;
    }
    const value = given[field.flag];
    if (value !== undefined) {
      const checked = await field.check(value, answers, ctx);
      if (checked.ok) {
        answers.set(field.flag, checked.value);
        continue;
      }
      prompter.say(`${flagOf(field)}: ${checked.message}`);
    }
    const required = isRequired(field, answers);
    const fallback = field.fallback?.(answers, ctx.project);
    const offered = fallback ?? field.suggested?.(answers);
    if (!required && !field.ask && value === undefined) {
      if (fallback !== undefined) answers.set(field.flag, fallback);
      continue;
    }
    const candidates = field.candidates ? [...field.candidates(ctx.project)].map((c): Choice => (typeof c === 'string' ? { id: c } : c)) : [];
    if (candidates.length) prompter.say(`  ${field.label.toLowerCase()}: ${listIds(candidates.map((c) => c.id), 20)}`);
    const notes = [field.hint, required || offered !== undefined ? '' : 'optional, Enter skips'].filter(Boolean);
    const question = `${field.label}${notes.length ? ` (${notes.join('; ')})` : ''}${offered !== undefined ? ` [${offered}]` : ''}: `;
    for (;;) {
      const typed = await prompter.ask(question, candidates.length ? candidates : undefined);
      if (typed === undefined) return { ok: false, cancelled: true };
      const answer = typed.trim() === '' ? offered : typed;
      if (answer === undefined) {
        if (!required) break;
        prompter.say(`  ${field.label} is required`);
        continue;
      }
      const checked = await field.check(answer, answers, ctx);
      if (checked.ok) {
        answers.set(field.flag, checked.value);
        break;
      }
      prompter.say(`  ${checked.message}`);
    }
  }
  return { ok: true, answers };
}
