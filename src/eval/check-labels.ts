import { normaliseQuote } from '../anchor/normalise-text.js';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { Project } from '../types.js';
import { didYouMean } from '../model/suggest.js';
import type { Alternative, EvalSet, Label } from './load-eval-sets.js';
import { append } from '../model/append.js';

/** A label whose names all exist, with the ratings it accepts resolved through the scale. */
export interface CheckedLabel extends Omit<Label, 'at'> {
  /** Rating ids of the scale that the label accepts. */
  accepted: string[];
  /** The label as it heads its row of the confusion matrix: the first rating given, or the FEVER or AVeriTeC label. */
  expected: string;
}

export interface CheckedSet extends Omit<EvalSet, 'labels'> {
  labels: CheckedLabel[];
}

/**
 * Checks the labels' names against the loaded project: ratings and FEVER or
 * AVeriTeC labels against the scale, record ids against the evidence, quoted
 * words against the archived texts, and variants against the set's claims.
 * Each problem at its place in the set's file, with a did-you-mean; a label
 * with a problem is left out of the scoring.
 */
export function checkLabels(sets: readonly EvalSet[], project: Project): { sets: CheckedSet[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ratings = project.config.scale.map((r) => r.id);
  const records = new Set([...project.evidence.keys(), ...project.excludedEvidence.map((r) => r.id)]);
  const texts = [...project.snapshots.values(), ...[...project.evidence.values()].map((r) => r.quote)].map(normaliseQuote);
  const evalIds = new Set(sets.flatMap((s) => s.labels.map((l) => l.claim)));

  const out = sets.map((set) => ({
    ...set,
    labels: set.labels.flatMap((label): CheckedLabel[] => {
      const problems: Diagnostic[] = [];
      let accepted: string[] = [];
      if (label.rating) {
        label.rating.forEach((id, i) => {
          // A path past a scalar locates the scalar itself: one form for a rating and a list of them.
          const where = label.at('expect', 'rating', i);
          if (!ratings.includes(id)) problems.push(diagnostic('rule/unknown-rating', where, `unknown rating "${id}"${didYouMean(id, ratings)}; the scale is ${ratings.join(', ')}`));
        });
        accepted = [...new Set(label.rating)];
      } else {
        const [scheme, value] = label.fever !== undefined ? (['fever', label.fever] as const) : (['averitec', label.averitec!] as const);
        accepted = project.config.scale.filter((r) => r[scheme] === value).map((r) => r.id);
        if (!accepted.length) {
          problems.push(diagnostic('eval/unmapped-label', label.at('expect', scheme), `no rating of the scale maps to ${scheme === 'fever' ? 'FEVER' : 'AVeriTeC'} "${value}": give the ratings instead, or map one to it in factcheck.config.yaml`));
        }
      }
      label.cites.forEach((requirement, i) => {
        requirement.forEach((alternative, j) => {
          const where = label.at('expect', 'cites', i, j);
          const problem = checkAlternative(alternative, records, texts);
          if (problem) problems.push(diagnostic(problem.code, where, problem.message));
        });
      });
      if (label.variant && !evalIds.has(label.variant.of)) {
        problems.push(diagnostic('ref/unknown-claim', label.at('variant', 'of'), `unknown claim "${label.variant.of}"${didYouMean(label.variant.of, evalIds)}: a variant names a claim of the evaluation set`));
      } else if (label.variant?.of === label.claim) {
        problems.push(diagnostic('ref/unknown-claim', label.at('variant', 'of'), `claim "${label.claim}" cannot be a variant of itself`));
      }
      append(diagnostics, problems);
      if (problems.length) return [];
      const { at: _at, ...rest } = label;
      return [{ ...rest, accepted, expected: label.rating?.[0] ?? label.fever ?? label.averitec! }];
    }),
  }));
  return { sets: out, diagnostics };
}

function checkAlternative(alternative: Alternative, records: ReadonlySet<string>, texts: readonly string[]): { code: Diagnostic['code']; message: string } | undefined {
  if ('record' in alternative) {
    if (records.has(alternative.record)) return undefined;
    return { code: 'ref/unknown-evidence', message: `unknown evidence record "${alternative.record}"${didYouMean(alternative.record, records)}` };
  }
  // Words that are in no archived text and no quote can never be cited: a typo in the label.
  const words = normaliseQuote(alternative.quote);
  if (texts.some((t) => t.includes(words))) return undefined;
  return { code: 'quote/not-found', message: `the words "${alternative.quote}" are in no archived snapshot and no evidence quote, so no citation can contain them` };
}
