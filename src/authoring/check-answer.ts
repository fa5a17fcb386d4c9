import { didYouMean } from '../model/suggest.js';
import type { Project } from '../types.js';

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

const TEXT_MAX = 20_000;

/** "expected X, found "y"" plus a hint: every refusal says what was expected and what was found. */
export function expected(what: string, found: Answer, hint = ''): Checked {
  return { ok: false, message: `expected ${what}, found ${typeof found === 'string' ? JSON.stringify(found) : 'no value'}${hint}` };
}

/** An answer's text, trimmed; undefined for a boolean flag given bare. */
export function text(answer: Answer): string | undefined {
  return typeof answer === 'string' ? answer.trim() : undefined;
}

/** Free text: not empty, at most the schema's length. */
export const checkText: Check = (answer) => {
  const t = text(answer);
  if (!t) return expected('some text', answer);
  if (t.length > TEXT_MAX) return { ok: false, message: `expected at most ${TEXT_MAX} characters, found ${t.length}` };
  return { ok: true, value: t };
};

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
