import { citeWords } from '../anchor/cite-words.js';
import { checkText, expected, text, type Answers, type Check } from './check-answer.js';

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

/** A snapshot file, read (and, from outside the project, copied in) by the CLI. */
export function checkSnapshot(idFlag: string): Check {
  return async (answer, answers, ctx) => {
    const t = text(answer);
    if (!t) return expected('the path of a text file holding the source, byte for byte', answer);
    const read = await ctx.readSnapshot(t, answers.get(idFlag) as string | undefined);
    return read.ok ? { ok: true, value: { path: read.path, sha256: read.sha256 } } : { ok: false, message: read.message };
  };
}
