import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import type { Claim, ConditionNode, Config, DateInfo, Entity, EvidenceRecord, NodeRef, Ruleset, Source } from '../types.js';
import { readAssertion } from './read-assertion.js';
import { readConfig } from './read-config.js';
import { readDate, readPublished, type DateInput } from './read-date.js';
import { readRecord } from './read-record.js';

/** The typed model before cross-file references are checked. */
export interface Model {
  config?: Config;
  entities: Map<string, Entity>;
  sources: Map<string, Source>;
  evidence: Map<string, EvidenceRecord>;
  claims: Claim[];
  rulesets: Map<string, Ruleset>;
}

type Raw = Record<string, any>;

export interface UsableFile {
  file: ParsedFile;
  /** List items that failed the schema: reported already, left out here. */
  skip: ReadonlySet<number>;
}

/** Builds typed objects from schema-checked files, leaving out the items that failed. */
export function buildModel(usable: readonly UsableFile[]): { model: Model; diagnostics: Diagnostic[] } {
  const files = usable.map((u) => u.file);
  const skipped = new Map(usable.map((u) => [u.file.path, u.skip]));
  const diagnostics: Diagnostic[] = [];
  const model: Model = { entities: new Map(), sources: new Map(), evidence: new Map(), claims: [], rulesets: new Map() };
  const claimIds = new Map<string, NodeRef>();
  const byFile = new Map(files.map((f) => [f.path, f]));
  const at = (ref: NodeRef, ...sub: (string | number)[]) => byFile.get(ref.file)!.locate([...ref.path, ...sub]);

  const date = (ref: NodeRef, field: string, input: DateInput | undefined): DateInfo | undefined => {
    if (input === undefined) return undefined;
    const outcome = readDate(input);
    if (outcome.ok) return outcome.date;
    const sub = outcome.field && typeof input === 'object' ? [field, outcome.field] : [field];
    diagnostics.push(diagnostic(outcome.code, at(ref, ...sub), outcome.message));
    return undefined;
  };

  const define = <T extends { id: string; ref: NodeRef }>(map: Map<string, T>, item: T, what: string) => {
    const first = map.get(item.id);
    if (first) {
      const p = at(first.ref);
      diagnostics.push(
        diagnostic('ref/duplicate-id', at(item.ref, 'id'), `${what} id "${item.id}" is already defined at ${p.file}:${p.line}:${p.col}`),
      );
      return;
    }
    map.set(item.id, item);
  };

  for (const file of files) {
    const data = file.value as Raw;
    const skip = skipped.get(file.path)!;
    const ref = (listKey: string, i: number): NodeRef => ({ file: file.path, path: [listKey, i] });
    switch (file.kind) {
      case 'config': {
        model.config = readConfig(data, { file: file.path, path: [] });
        break;
      }
      case 'entities':
        (data.entities as Raw[]).forEach((e, i) => {
          if (skip.has(i)) return;
          define(model.entities, {
            id: e.id,
            name: e.name,
            kind: e.kind,
            aliases: e.aliases ?? [],
            members: e.members ?? [],
            description: e.description,
            ref: ref('entities', i),
          }, 'entity');
        });
        break;
      case 'sources':
        (data.sources as Raw[]).forEach((s, i) => {
          if (skip.has(i)) return;
          const r = ref('sources', i);
          const published = readPublished(s.published);
          if (!published.ok) diagnostics.push(diagnostic(published.code, at(r, 'published'), published.message));
          define(model.sources, {
            id: s.id,
            kind: s.kind,
            title: s.title,
            publisher: s.publisher,
            authors: s.author === undefined ? [] : Array.isArray(s.author) ? s.author : [s.author],
            url: s.url,
            published: published.ok ? published.date : { text: 'unknown', precision: 'unknown' },
            relays: s.relays ?? [],
            snapshot: s.snapshot ? { path: s.snapshot.path, sha256: s.snapshot.sha256 } : undefined,
            note: s.note,
            ref: r,
          }, 'source');
        });
        break;
      case 'evidence':
        (data.evidence as Raw[]).forEach((e, i) => {
          if (skip.has(i)) return;
          const r = ref('evidence', i);
          const before = diagnostics.length;
          const record = readRecord(e, r, (field, input) => date(r, field, input));
          // A record with an unreadable date is reported and left out, never guessed at.
          if (diagnostics.length === before) define(model.evidence, record, 'evidence record');
        });
        break;
      case 'claims':
        (data.claims as Raw[]).forEach((c, i) => {
          if (skip.has(i)) return;
          const r = ref('claims', i);
          const before = diagnostics.length;
          const claimDate = date(r, 'date', c.date);
          const asserts = readAssertion(c.asserts, (field, input) => date({ file: r.file, path: [...r.path, 'asserts'] }, field, input));
          const claim: Claim = {
            id: c.id,
            text: c.text,
            claimant: c.claimant,
            date: claimDate!,
            reviewed: date(r, 'reviewed', c.reviewed),
            appearance: c.appearance,
            quoted_in: c.quoted_in,
            prefix: c.prefix,
            suffix: c.suffix,
            context: c.context,
            interpretation: c.interpretation,
            tags: c.tags ?? [],
            ruleset: c.ruleset,
            asserts,
            ref: r,
          };
          const first = claimIds.get(claim.id);
          if (diagnostics.length > before) {
            return; // reported above; an invalid claim is not verified
          } else if (first) {
            const p = at(first);
            diagnostics.push(diagnostic('ref/duplicate-id', at(r, 'id'), `claim id "${claim.id}" is already defined at ${p.file}:${p.line}:${p.col}`));
          } else {
            claimIds.set(claim.id, r);
            model.claims.push(claim);
          }
        });
        break;
      case 'rules': {
        const r: NodeRef = { file: file.path, path: [] };
        define(model.rulesets, {
          id: data.ruleset,
          description: data.description,
          default_for: data.default_for ?? [],
          rules: (data.rules as Raw[]).map((rule, i) => ({
            name: rule.name,
            description: rule.description,
            priority: rule.priority,
            conditions: rule.conditions as { all: ConditionNode[] },
            rating: rule.event.params.rating,
            explanation: rule.event.params.explanation,
            ref: { file: file.path, path: ['rules', i] },
          })),
          ref: r,
        }, 'ruleset');
        break;
      }
    }
  }
  return { model, diagnostics };
}
