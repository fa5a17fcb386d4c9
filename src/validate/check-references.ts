import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { compatibleUnits, KNOWN_TIME_UNITS } from '../model/units.js';
import type { Claim, EvidenceRecord, Locator, NodeRef } from '../types.js';
import type { Model } from './build-model.js';
import { checkConfig } from './check-config.js';
import { checkPatterns } from './check-patterns.js';
import { didYouMean, SUGGESTION_CELLS, type SuggestionBudget } from '../model/suggest.js';
import { checkRelayCycles, createRelays, relayed, type Relays } from './check-relays.js';

export interface ReferenceCheck {
  diagnostics: Diagnostic[];
  /** Claims and records with a broken reference: reported, then left out of verification. */
  invalidClaims: Set<string>;
  invalidEvidence: Set<string>;
}

export type Path = (string | number)[];

/** Looks ids up in the model; each lookup reports a miss with a did-you-mean and says whether it resolved. */
export interface Resolver {
  report(code: DiagnosticCode, ref: NodeRef, path: Path, message: string): void;
  entity(ref: NodeRef, path: Path, id: string | undefined): boolean;
  source(ref: NodeRef, path: Path, id: string | undefined): boolean;
  evidence(ref: NodeRef, path: Path, id: string | undefined): boolean;
  term(ref: NodeRef, path: Path, kind: 'actions' | 'measures' | 'channels' | 'topics', id: string | undefined): boolean;
  unit(ref: NodeRef, path: Path, measure: string, value: string): boolean;
}

/** Checks every id that one file uses and another defines, the vocabulary, units and relay chains. */
export function checkReferences(model: Model, locate: Locator): ReferenceCheck {
  const diagnostics: Diagnostic[] = [];
  const ids = createResolver(model, locate, diagnostics);
  checkConfig(model, locate, diagnostics);
  checkEntities(model, ids);
  checkSources(model, ids);
  const relays = createRelays(model);
  const invalidEvidence = new Set([...model.evidence.values()].filter((r) => !checkRecord(model, ids, r, relays)).map((r) => r.id));
  const invalidClaims = new Set(model.claims.filter((c) => !checkClaim(model, ids, c)).map((c) => c.id));
  return { diagnostics, invalidClaims, invalidEvidence };
}

function createResolver(model: Model, locate: Locator, diagnostics: Diagnostic[]): Resolver {
  const vocabulary = model.config?.vocabulary;
  const report: Resolver['report'] = (code, ref, path, message) => {
    diagnostics.push(diagnostic(code, locate(ref, ...path), message));
  };
  // Each unknown id is compared with every id of its kind: one budget for the run bounds that.
  const budget: SuggestionBudget = { cells: SUGGESTION_CELLS };
  const known = (code: DiagnosticCode, what: string, ids: { has(id: string): boolean; keys(): Iterable<string> }) => (ref: NodeRef, path: Path, id: string | undefined): boolean => {
    if (id === undefined || ids.has(id)) return true;
    report(code, ref, path, `unknown ${what} "${id}"${didYouMean(id, ids.keys(), budget)}`);
    return false;
  };
  return {
    report,
    entity: known('ref/unknown-entity', 'entity', model.entities),
    source: known('ref/unknown-source', 'source', model.sources),
    evidence: known('ref/unknown-evidence', 'evidence record', model.evidence),
    term(ref, path, kind, id) {
      if (id === undefined || !vocabulary || vocabulary[kind].has(id)) return true;
      const hint = didYouMean(id, vocabulary[kind].keys()) || `; add it to vocabulary.${kind} in factcheck.config.yaml if it is new`;
      report('ref/unknown-term', ref, path, `unknown ${kind.slice(0, -1)} "${id}"${hint}`);
      return false;
    },
    unit(ref, path, measure, value) {
      const declared = vocabulary?.measures.get(measure)?.unit;
      if (declared === undefined || compatibleUnits(declared, value)) return true;
      const options = [declared, ...(KNOWN_TIME_UNITS.includes(declared) ? KNOWN_TIME_UNITS : [])];
      report('unit/mismatch', ref, path, `measure "${measure}" is counted in ${declared}; found unit "${value}"${didYouMean(value, options)}`);
      return false;
    },
  };
}

function checkEntities(model: Model, ids: Resolver): void {
  for (const e of model.entities.values()) {
    e.members.forEach((m, i) => ids.entity(e.ref, ['members', i], m));
    if (e.members.length && e.kind !== 'group') {
      ids.report('schema/invalid', e.ref, ['members'], `only groups have members; entity "${e.id}" is a ${e.kind}`);
    }
  }
}

function checkSources(model: Model, ids: Resolver): void {
  for (const s of model.sources.values()) {
    ids.entity(s.ref, ['publisher'], s.publisher);
    s.authors.forEach((a, i) => ids.entity(s.ref, ['author', i], a));
    s.relays.forEach((r, i) => ids.source(s.ref, ['relays', i], r));
  }
  checkRelayCycles(model, ids);
}

/** Whether every reference of an evidence record resolves (every one is checked, so each miss is reported). */
function checkRecord(model: Model, ids: Resolver, r: EvidenceRecord, relays: Relays): boolean {
  return [
    ids.source(r.ref, ['source'], r.source),
    ids.entity(r.ref, ['attributed_to'], r.attributed_to),
    ids.source(r.ref, ['relayed_from'], r.relayed_from) && relayed(model, ids, r, relays),
    ids.evidence(r.ref, ['after', 'record'], r.after?.record),
    ids.evidence(r.ref, ['before', 'record'], r.before?.record),
    ...r.dated_by.map((id, i) => ids.evidence(r.ref, ['dated_by', i], id)),
    ...recordReferences(model, ids, r),
  ].every(Boolean);
}

function checkClaim(model: Model, ids: Resolver, c: Claim): boolean {
  return [
    ids.entity(c.ref, ['claimant'], c.claimant),
    ids.source(c.ref, ['appearance'], c.appearance),
    ids.source(c.ref, ['quoted_in'], c.quoted_in),
    claimRuleset(model, ids, c),
    ...assertionReferences(ids, c),
  ].every(Boolean);
}

function recordReferences(model: Model, ids: Resolver, r: EvidenceRecord): boolean[] {
  const vocabulary = model.config?.vocabulary;
  switch (r.kind) {
    case 'event':
      return [
        ids.entity(r.ref, ['actor'], r.actor),
        ids.entity(r.ref, ['target'], r.target),
        ids.term(r.ref, ['action'], 'actions', r.action),
        ids.term(r.ref, ['channel'], 'channels', r.channel),
        ids.evidence(r.ref, ['in_response_to'], r.in_response_to),
        ...r.about.map((t, i) => ids.term(r.ref, ['about', i], 'topics', t)),
      ];
    case 'quantity':
      return [
        ids.entity(r.ref, ['subject'], r.subject),
        ids.entity(r.ref, ['counterpart'], r.counterpart),
        ids.term(r.ref, ['measure'], 'measures', r.measure) && ids.unit(r.ref, ['unit'], r.measure, r.unit),
      ];
    case 'statement':
      return [ids.entity(r.ref, ['speaker'], r.speaker), ids.term(r.ref, ['channel'], 'channels', r.channel)];
    case 'assessment': {
      const topicKnown = !vocabulary || vocabulary.actions.has(r.topic) || vocabulary.measures.has(r.topic);
      if (!topicKnown) {
        ids.report('ref/unknown-term', r.ref, ['topic'], `unknown topic "${r.topic}"${didYouMean(r.topic, [...vocabulary!.actions.keys(), ...vocabulary!.measures.keys()])}; a topic is an action or a measure`);
      }
      return [ids.entity(r.ref, ['assessor'], r.assessor), ids.entity(r.ref, ['subject'], r.subject), ids.entity(r.ref, ['counterpart'], r.counterpart), topicKnown];
    }
  }
}

function claimRuleset(model: Model, ids: Resolver, c: Claim): boolean {
  if (c.ruleset !== undefined) {
    if (model.rulesets.has(c.ruleset)) return true;
    ids.report('ref/unknown-ruleset', c.ref, ['ruleset'], `unknown ruleset "${c.ruleset}"${didYouMean(c.ruleset, model.rulesets.keys())}`);
    return false;
  }
  if ([...model.rulesets.values()].some((r) => r.default_for.includes(c.asserts.kind))) return true;
  ids.report('ref/no-ruleset', c.ref, ['asserts', 'kind'], `no ruleset is default_for "${c.asserts.kind}" claims; name one in \`ruleset\` or add "${c.asserts.kind}" to a ruleset's default_for`);
  return false;
}

function assertionReferences(ids: Resolver, c: Claim): boolean[] {
  const a = c.asserts;
  const base = ['asserts'];
  switch (a.kind) {
    case 'quantity': {
      const tolerance = a.comparison !== 'approximately' || a.tolerance !== undefined || a.tolerance_percent !== undefined;
      if (!tolerance) ids.report('schema/required', c.ref, [...base, 'comparison'], '`approximately` needs a `tolerance` or `tolerance_percent`');
      const ordered = a.comparison !== 'between' || a.to! >= a.value;
      if (!ordered) ids.report('schema/range', c.ref, [...base, 'to'], `\`between\` runs from \`value\` up to \`to\`; found ${a.value} to ${a.to}`);
      return [
        ordered,
        ids.entity(c.ref, [...base, 'subject'], a.subject),
        ids.entity(c.ref, [...base, 'counterpart'], a.counterpart),
        ids.term(c.ref, [...base, 'measure'], 'measures', a.measure) && ids.unit(c.ref, [...base, 'unit'], a.measure, a.unit),
        tolerance,
      ];
    }
    case 'event':
    case 'absence':
    case 'timing':
      return checkPatterns(c, {
        entity: (path, id) => ids.entity(c.ref, path, id),
        term: (path, kind, id) => ids.term(c.ref, path, kind, id),
        report: (code, path, message) => ids.report(code, c.ref, path, message),
      });
    case 'attribution':
      return [ids.entity(c.ref, [...base, 'speaker'], a.speaker)];
    case 'opinion':
      return [];
  }
}
