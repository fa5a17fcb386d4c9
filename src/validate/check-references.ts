import { diagnostic, type Diagnostic, type DiagnosticCode } from '../diagnostics.js';
import { compatibleUnits, KNOWN_TIME_UNITS } from '../model/units.js';
import type { Claim, EvidenceRecord, Locator, NodeRef } from '../types.js';
import type { Model } from './build-model.js';
import { checkConfig } from './check-config.js';
import { checkPatterns } from './check-patterns.js';
import { findCycles } from '../model/find-cycles.js';
import { didYouMean } from '../model/suggest.js';

export interface ReferenceCheck {
  diagnostics: Diagnostic[];
  /** Claims and records with a broken reference: reported, then left out of verification. */
  invalidClaims: Set<string>;
  invalidEvidence: Set<string>;
}

/** Checks every id that one file uses and another defines, the vocabulary, units and relay chains. */
export function checkReferences(model: Model, locate: Locator): ReferenceCheck {
  const diagnostics: Diagnostic[] = [];
  const invalidClaims = new Set<string>();
  const invalidEvidence = new Set<string>();
  const vocabulary = model.config?.vocabulary;
  const report = (code: DiagnosticCode, ref: NodeRef, path: (string | number)[], message: string) => {
    diagnostics.push(diagnostic(code, locate(ref, ...path), message));
  };

  // Each check returns whether the reference resolved, so callers can mark the item invalid.
  const entity = (ref: NodeRef, path: (string | number)[], id: string | undefined): boolean => {
    if (id === undefined || model.entities.has(id)) return true;
    report('ref/unknown-entity', ref, path, `unknown entity "${id}"${didYouMean(id, model.entities.keys())}`);
    return false;
  };
  const source = (ref: NodeRef, path: (string | number)[], id: string | undefined): boolean => {
    if (id === undefined || model.sources.has(id)) return true;
    report('ref/unknown-source', ref, path, `unknown source "${id}"${didYouMean(id, model.sources.keys())}`);
    return false;
  };
  const term = (ref: NodeRef, path: (string | number)[], kind: 'actions' | 'measures' | 'channels' | 'topics', id: string | undefined): boolean => {
    if (id === undefined || !vocabulary || vocabulary[kind].has(id)) return true;
    const singular = kind.slice(0, -1);
    const hint = didYouMean(id, vocabulary[kind].keys()) || `; add it to vocabulary.${kind} in factcheck.config.yaml if it is new`;
    report('ref/unknown-term', ref, path, `unknown ${singular} "${id}"${hint}`);
    return false;
  };
  const unit = (ref: NodeRef, path: (string | number)[], measure: string, value: string): boolean => {
    const declared = vocabulary?.measures.get(measure)?.unit;
    if (declared === undefined || compatibleUnits(declared, value)) return true;
    const options = [declared, ...(KNOWN_TIME_UNITS.includes(declared) ? KNOWN_TIME_UNITS : [])];
    report('unit/mismatch', ref, path, `measure "${measure}" is counted in ${declared}; found unit "${value}"${didYouMean(value, options)}`);
    return false;
  };

  checkConfig(model, locate, diagnostics);

  for (const e of model.entities.values()) {
    e.members.forEach((m, i) => entity(e.ref, ['members', i], m));
    if (e.members.length && e.kind !== 'group') {
      report('schema/invalid', e.ref, ['members'], `only groups have members; entity "${e.id}" is a ${e.kind}`);
    }
  }

  for (const s of model.sources.values()) {
    entity(s.ref, ['publisher'], s.publisher);
    s.authors.forEach((a, i) => entity(s.ref, ['author', i], a));
    s.relays.forEach((r, i) => source(s.ref, ['relays', i], r));
  }
  for (const cycle of findRelayCycles(model)) {
    const first = model.sources.get(cycle[0]!)!;
    report('ref/relays-cycle', first.ref, ['relays'], `sources relay each other in a cycle: ${[...cycle, cycle[0]].join(' → ')}`);
  }

  for (const r of model.evidence.values()) {
    const ok = [
      source(r.ref, ['source'], r.source),
      entity(r.ref, ['attributed_to'], r.attributed_to),
      source(r.ref, ['relayed_from'], r.relayed_from) && relayed(r),
      evidence(r.ref, ['after', 'record'], r.after?.record),
      evidence(r.ref, ['before', 'record'], r.before?.record),
      ...r.dated_by.map((id, i) => evidence(r.ref, ['dated_by', i], id)),
      ...recordReferences(r),
    ].every(Boolean);
    if (!ok) invalidEvidence.add(r.id);
  }

  for (const c of model.claims) {
    const ok = [
      entity(c.ref, ['claimant'], c.claimant),
      source(c.ref, ['appearance'], c.appearance),
      source(c.ref, ['quoted_in'], c.quoted_in),
      claimRuleset(c),
      ...assertionReferences(c),
    ].every(Boolean);
    if (!ok) invalidClaims.add(c.id);
  }
  return { diagnostics, invalidClaims, invalidEvidence };

  function relayed(r: EvidenceRecord): boolean {
    if (r.relayed_from === undefined || !model.sources.has(r.source)) return true;
    if (r.relayed_from === r.source) {
      report('ref/not-relayed', r.ref, ['relayed_from'], `relayed_from names the record's own source "${r.source}"; leave it out for the source's own reporting`);
      return false;
    }
    const reachable = relayClosure(model, r.source);
    if (reachable.has(r.relayed_from)) return true;
    const options = [...reachable];
    report(
      'ref/not-relayed',
      r.ref,
      ['relayed_from'],
      `source "${r.source}" does not relay "${r.relayed_from}"${options.length ? ` (it relays ${options.join(', ')})` : ' (its `relays` list is empty)'}; add it to the source's relays`,
    );
    return false;
  }

  function recordReferences(r: EvidenceRecord): boolean[] {
    switch (r.kind) {
      case 'event':
        return [
          entity(r.ref, ['actor'], r.actor),
          entity(r.ref, ['target'], r.target),
          term(r.ref, ['action'], 'actions', r.action),
          term(r.ref, ['channel'], 'channels', r.channel),
          evidence(r.ref, ['in_response_to'], r.in_response_to),
          ...r.about.map((t, i) => term(r.ref, ['about', i], 'topics', t)),
        ];
      case 'quantity':
        return [
          entity(r.ref, ['subject'], r.subject),
          entity(r.ref, ['counterpart'], r.counterpart),
          term(r.ref, ['measure'], 'measures', r.measure) && unit(r.ref, ['unit'], r.measure, r.unit),
        ];
      case 'statement':
        return [entity(r.ref, ['speaker'], r.speaker), term(r.ref, ['channel'], 'channels', r.channel)];
      case 'assessment': {
        const topicKnown = !vocabulary || vocabulary.actions.has(r.topic) || vocabulary.measures.has(r.topic);
        if (!topicKnown) {
          report('ref/unknown-term', r.ref, ['topic'], `unknown topic "${r.topic}"${didYouMean(r.topic, [...vocabulary!.actions.keys(), ...vocabulary!.measures.keys()])}; a topic is an action or a measure`);
        }
        return [entity(r.ref, ['assessor'], r.assessor), entity(r.ref, ['subject'], r.subject), entity(r.ref, ['counterpart'], r.counterpart), topicKnown];
      }
    }
  }

  function evidence(ref: NodeRef, path: (string | number)[], id: string | undefined): boolean {
    if (id === undefined || model.evidence.has(id)) return true;
    report('ref/unknown-evidence', ref, path, `unknown evidence record "${id}"${didYouMean(id, model.evidence.keys())}`);
    return false;
  }

  function claimRuleset(c: Claim): boolean {
    if (c.ruleset !== undefined) {
      if (model.rulesets.has(c.ruleset)) return true;
      report('ref/unknown-ruleset', c.ref, ['ruleset'], `unknown ruleset "${c.ruleset}"${didYouMean(c.ruleset, model.rulesets.keys())}`);
      return false;
    }
    const defaults = [...model.rulesets.values()].filter((r) => r.default_for.includes(c.asserts.kind));
    if (defaults.length) return true;
    report('ref/no-ruleset', c.ref, ['asserts', 'kind'], `no ruleset is default_for "${c.asserts.kind}" claims; name one in \`ruleset\` or add "${c.asserts.kind}" to a ruleset's default_for`);
    return false;
  }

  function assertionReferences(c: Claim): boolean[] {
    const a = c.asserts;
    const base = ['asserts'];
    switch (a.kind) {
      case 'quantity': {
        const tolerance = a.comparison !== 'approximately' || a.tolerance !== undefined || a.tolerance_percent !== undefined;
        if (!tolerance) report('schema/required', c.ref, [...base, 'comparison'], '`approximately` needs a `tolerance` or `tolerance_percent`');
        const ordered = a.comparison !== 'between' || a.to! >= a.value;
        if (!ordered) report('schema/range', c.ref, [...base, 'to'], `\`between\` runs from \`value\` up to \`to\`; found ${a.value} to ${a.to}`);
        return [
          ordered,
          entity(c.ref, [...base, 'subject'], a.subject),
          entity(c.ref, [...base, 'counterpart'], a.counterpart),
          term(c.ref, [...base, 'measure'], 'measures', a.measure) && unit(c.ref, [...base, 'unit'], a.measure, a.unit),
          tolerance,
        ];
      }
      case 'event':
      case 'absence':
      case 'timing':
        return checkPatterns(c, {
          entity: (path, id) => entity(c.ref, path, id),
          term: (path, kind, id) => term(c.ref, path, kind, id),
          report: (code, path, message) => report(code, c.ref, path, message),
        });
      case 'attribution':
        return [entity(c.ref, [...base, 'speaker'], a.speaker)];
      case 'opinion':
        return [];
    }
  }
}

/** Every source reachable from `id` through `relays`, excluding `id` itself. */
export function relayClosure(model: Pick<Model, 'sources'>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(model.sources.get(id)?.relays ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next) || next === id) continue;
    seen.add(next);
    stack.push(...(model.sources.get(next)?.relays ?? []));
  }
  return seen;
}

/** Each cycle in the relays graph once, rotated to start at its smallest id. */
function findRelayCycles(model: Model): string[][] {
  return findCycles(model.sources.keys(), (id) => (model.sources.get(id)?.relays ?? []).filter((r) => model.sources.has(r)));
}
