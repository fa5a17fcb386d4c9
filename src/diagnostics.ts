/**
 * Problems are data: every stage collects diagnostics instead of throwing.
 * Codes are stable; tests and tools match on them, never on message wording.
 */
export const DIAGNOSTIC_CODES = {
  // file system
  'file/unreadable': 'A file could not be read.',
  'file/too-large': 'A file is larger than the size cap.',
  'file/not-utf8': 'A file is not valid UTF-8 text.',
  'file/outside-project': 'A path leads outside the project.',
  'file/missing': 'A file named by another file does not exist.',
  'cache/refused': 'The parse cache folder is not a plain folder in the project, so it is not used.',
  'project/no-config': 'No factcheck.config.yaml was found.',
  'lock/missing': 'There is no lock file of recorded verdicts to check against.',
  'lock/invalid': 'The lock file of recorded verdicts cannot be read.',
  'snapshot/hash-mismatch': 'An archived snapshot no longer has the bytes its source record pins.',
  'quote/not-found': "A quote is not in its source's archived snapshot: a misquote.",
  'quote/wrong-source': "A quote is not in its source's snapshot but is in another source's.",
  'quote/ambiguous': 'A quote occurs more than once in its snapshot and no prefix or suffix picks one.',
  'quote/context-mismatch': 'A quote occurs in its snapshot, but not with the given prefix or suffix.',
  'snapshot/revised': "A source's live copy no longer reads as its latest archived text (lint --live only).",
  'snapshot/unreachable': "A source's url could not be fetched again to compare (lint --live only).",
  'evidence/contradiction': 'Two evidence records disagree.',
  'evidence/too-many-contradictions': 'More records disagree, or would have to be compared, than the contradiction check takes; no claim is verified.',
  'project/no-claims': 'No claims were found to verify.',
  // YAML
  'yaml/syntax': 'The YAML does not parse.',
  'yaml/duplicate-key': 'A mapping has the same key twice.',
  'yaml/tab-indent': 'A tab is used for indentation.',
  'yaml/alias-limit': 'The document expands too many aliases.',
  'yaml/empty': 'The file holds no data.',
  'yaml/tag': 'A value carries a YAML tag; only plain data is accepted.',
  // JSON Schema
  'schema/type': 'A value has the wrong type.',
  'schema/required': 'A required field is missing.',
  'schema/unknown-field': 'A field is not part of the format.',
  'schema/enum': 'A value is not one of the allowed values.',
  'schema/format': 'A value does not have the expected form.',
  'schema/range': 'A number or list is out of range.',
  'schema/invalid': 'A value does not match the format.',
  // model
  'date/invalid': 'A date does not exist or is malformed.',
  'date/range-order': 'A date range ends before it starts.',
  'date/unanchored': 'A date is given relative to a record that has no date.',
  'date/inconsistent': "A record's date disagrees with its order or gap relative to another record.",
  'ref/duplicate-id': 'The same id is defined twice.',
  'ref/unknown-entity': 'An entity id is not in the registry.',
  'ref/unknown-source': 'A source id is not defined.',
  'ref/unknown-evidence': 'An evidence id is not defined.',
  'ref/unknown-ruleset': 'A ruleset id is not defined.',
  'ref/unknown-term': 'A vocabulary term (action, measure, channel, unit) is not defined.',
  'ref/not-relayed': 'relayed_from names a source that the record\'s source does not relay.',
  'ref/relays-cycle': 'Sources relay each other in a cycle.',
  'ref/no-ruleset': 'No ruleset applies to a claim kind.',
  'ref/unknown-claim': 'A claim id is not defined.',
  'ref/unknown-pattern': 'A relation names a pattern that the assertion does not define under `patterns`.',
  'ref/relation-cycle': 'Events are related to each other, or dated by each other, in a cycle.',
  'ref/unknown-rule': 'A rule name is not in its ruleset.',
  'unit/mismatch': 'Units cannot be compared.',
  'config/scale': 'The verdict scale is inconsistent.',
  // rules
  'rule/unknown-fact': 'A rule names a fact that does not exist.',
  'rule/unknown-operator': 'A rule uses an operator that does not exist.',
  'rule/unknown-rating': 'A rule gives a rating that is not on the scale.',
  'rule/unknown-placeholder': 'An explanation names a fact that does not exist.',
  'rule/unsafe-path': 'A condition path is outside the safe subset.',
  'rule/duplicate-name': 'Two rules in one ruleset share a name.',
  // rule tests and evaluation sets
  'test/duplicate-name': 'Two test cases in one file share a name.',
  'eval/unmapped-label': 'An evaluation label gives a FEVER or AVeriTeC label that no rating of the scale maps to.',
  // verification
  'verify/no-rule-fired': 'No rule fired for a claim; the fallback rating was given.',
  'verify/engine-failure': 'The rules engine failed on a claim.',
  'verify/skipped': 'A claim was not verified because something it depends on is invalid.',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** What `verify --check` reports about recorded verdicts, beside the diagnostic codes: SARIF rules, documented with them. */
export const CHECK_RESULTS: Record<string, { text: string; full: string; level: 'error' | 'warning' }> = {
  'verdict/changed': {
    text: 'A recorded verdict changed: its rating or deciding rule differs from the lock file.',
    full: 'The rating or the rule that decided it differs from the one recorded in factcheck.lock.json, so what is published would change. Review the cause, then run factcheck verify --update and commit the lock file.',
    level: 'error',
  },
  'verdict/trail-changed': {
    text: 'The citations behind a recorded verdict changed; its rating and rule did not.',
    full: 'The same rating, by the same rule, now rests on other evidence records than the ones recorded in factcheck.lock.json. Review the trail, then run factcheck verify --update and commit the lock file.',
    level: 'warning',
  },
  'verdict/not-recorded': {
    text: 'A claim has no recorded verdict in the lock file.',
    full: 'The claim is new: run factcheck verify --update and commit factcheck.lock.json to record its verdict.',
    level: 'warning',
  },
  'verdict/gone': {
    text: 'A recorded claim is no longer in the project.',
    full: 'factcheck.lock.json records a verdict for a claim that no file defines any more. Run factcheck verify --update to drop it.',
    level: 'warning',
  },
  'verdict/not-compared': {
    text: 'A recorded verdict could not be compared because an input it depends on has errors.',
    full: 'An input of the recorded verdict (the claim itself, or a record, source, entity or ruleset it read) did not load. Fix the errors named in the message; the verdict is compared again on the next run.',
    level: 'warning',
  },
};

/** Codes reported as warnings: they do not change the exit code. Every other code is an error. */
export const WARNING_CODES: ReadonlySet<DiagnosticCode> = new Set(['cache/refused', 'snapshot/revised', 'snapshot/unreachable', 'evidence/contradiction', 'verify/no-rule-fired', 'verify/skipped']);
export type Severity = 'error' | 'warning';

/** A place in a project file, 1-based. */
export interface Position {
  file: string;
  line: number;
  col: number;
}

export interface Diagnostic extends Position {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
}

export function diagnostic(
  code: DiagnosticCode,
  at: Position,
  message: string,
  severity: Severity = 'error',
): Diagnostic {
  return { file: at.file, line: at.line, col: at.col, code, severity, message };
}

/** Sorts by file, line, column, then code, so output never depends on discovery order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}

/** Locale-independent comparison: the same bytes sort the same way on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
