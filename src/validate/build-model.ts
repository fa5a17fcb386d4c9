import { diagnostic, type Diagnostic, type Position } from '../diagnostics.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import type { Claim, ConditionNode, Config, DateInfo, Entity, EvidenceRecord, NodeRef, Ruleset, Source } from '../types.js';
import { readAssertion } from './read-assertion.js';
import { readConfig } from './read-config.js';
import { readDate, type DateInput } from './read-date.js';
import { readSource } from './read-source.js';
import { readRecord, type Intern } from './read-record.js';

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

/** What each kind's reader adds to: the model, the problems, and the ways to place and read what it finds. */
interface Builder {
  model: Model;
  diagnostics: Diagnostic[];
  claimIds: Map<string, NodeRef>;
  at(ref: NodeRef, ...sub: (string | number)[]): Position;
  /** A date read from the item at `ref`, or undefined with the problem reported where it stands. */
  date(ref: NodeRef, field: string, input: DateInput | undefined): DateInfo | undefined;
  /** Adds an item to its map, or reports its id as a duplicate at the second definition (its `idKey`, `id` but for a ruleset). */
  define<T extends { id: string; ref: NodeRef }>(map: Map<string, T>, item: T, what: string, idKey?: string): void;
  intern: Intern;
}

/** Builds typed objects from schema-checked files, leaving out the items that failed. */
export function buildModel(usable: readonly UsableFile[]): { model: Model; diagnostics: Diagnostic[] } {
  const builder = createModelBuilder();
  for (const file of usable) builder.add(file);
  return builder.finish();
}

/** buildModel a file at a time, in the files' order: a load builds each file's part as its parse comes in. */
export interface ModelBuilder {
  add(file: UsableFile): void;
  /** The model; with sources deferred, `deferred` builds those asked for, and the model holds no other. */
  finish(): { model: Model; diagnostics: Diagnostic[]; deferred?: DeferredSources };
}

/** Sources read but not yet built: a partial run builds only those its records and claims name. */
export interface DeferredSources {
  /** The ids a source not yet built relays, as it will be built with them. */
  relays(id: string): readonly string[] | undefined;
  /** Builds the sources of these ids not built yet, in the files' order, into the model: its problems go to the diagnostics finish gave. */
  build(ids: ReadonlySet<string>): void;
}

/**
 * `admit`, if given, is asked of each evidence record before it is read:
 * one it refuses is passed over, neither built nor checked (a partial run's,
 * load-project.ts). With `deferSources`, sources are built only when asked
 * for (finish's `deferred`): a partial run at the large bench size keeps
 * about 900 of 12,700.
 */
export function createModelBuilder(admit?: AdmitRecord, deferSources = false): ModelBuilder {
  const byFile = new Map<string, ParsedFile>();
  const b = createBuilder((ref, ...sub) => byFile.get(ref.file)!.locate([...ref.path, ...sub]));
  const pending = new Map<string, { raw: Raw; ref: NodeRef }>();
  const defer = deferSources
    ? (raw: Raw, ref: NodeRef) => {
        const first = pending.get(raw.id);
        // A repeated id is built at once, both times, so that it is reported as a load reports it.
        if (first) {
          pending.delete(raw.id);
          addSource(b, first.raw, first.ref);
        }
        if (first || b.model.sources.has(raw.id)) addSource(b, raw, ref);
        else pending.set(raw.id, { raw, ref });
      }
    : undefined;
  const deferred: DeferredSources = {
    relays: (id) => {
      const raw = pending.get(id)?.raw;
      return raw && ((raw.relays as string[] | undefined) ?? []);
    },
    build(ids) {
      for (const [id, { raw, ref }] of pending) {
        if (!ids.has(id)) continue;
        pending.delete(id);
        addSource(b, raw, ref);
      }
    },
  };
  return {
    add({ file, skip }) {
      byFile.set(file.path, file);
      addFile(b, file, skip, admit, defer);
    },
    finish: () => ({ model: b.model, diagnostics: b.diagnostics, ...(deferSources ? { deferred } : {}) }),
  };
}

export type AdmitRecord = (raw: Readonly<Record<string, unknown>>, file: string) => boolean;

function addFile(b: Builder, file: ParsedFile, skip: ReadonlySet<number>, admit: AdmitRecord | undefined, defer?: (raw: Raw, ref: NodeRef) => void): void {
  const data = file.value as Raw;
  // A loop, not flatMap: an array made for each of 100,000 items, most of them passed over in a
  // partial run, was a fifth of taking its files in.
  const each = (listKey: string, take: (raw: Raw, ref: NodeRef) => void, pass?: (raw: Raw) => boolean) => {
    const list = data[listKey] as Raw[];
    for (let i = 0; i < list.length; i++) {
      const raw = list[i]!;
      if (!skip.has(i) && (!pass || pass(raw))) take(raw, { file: file.path, path: [listKey, i] });
    }
  };
  switch (file.kind) {
    case 'config':
      b.model.config = readConfig(data, { file: file.path, path: [] });
      break;
    case 'entities':
      each('entities', (raw, ref) => b.define(b.model.entities, readEntity(raw, ref), 'entity'));
      break;
    case 'sources':
      each('sources', defer ?? ((raw, ref) => addSource(b, raw, ref)));
      break;
    case 'evidence':
      each('evidence', (raw, ref) => addRecord(b, raw, ref), admit && ((raw) => admit(raw, file.path)));
      break;
    case 'claims':
      each('claims', (raw, ref) => addClaim(b, raw, ref));
      break;
    case 'rules':
      b.define(b.model.rulesets, readRuleset(data, file.path), 'ruleset', 'ruleset');
      break;
  }
}

function createBuilder(at: Builder['at']): Builder {
  const diagnostics: Diagnostic[] = [];
  // A hundred thousand records name the same few thousand entities, measures, units and dates:
  // each parsed copy of one is tens of bytes held to the end of the run, so records share one.
  // Dates are never changed once read (a resolved date is a new object), so one can be shared.
  const strings = new Map<string, string>();
  const dates = new Map<string, DateInfo>();
  return {
    model: { entities: new Map(), sources: new Map(), evidence: new Map(), claims: [], rulesets: new Map() },
    diagnostics,
    claimIds: new Map(),
    at,
    date(ref, field, input) {
      if (input === undefined) return undefined;
      const known = typeof input === 'string' ? dates.get(input) : undefined;
      if (known) return known;
      const outcome = readDate(input);
      if (outcome.ok) {
        if (typeof input === 'string') dates.set(input, outcome.date);
        return outcome.date;
      }
      const sub = outcome.field && typeof input === 'object' ? [field, outcome.field] : [field];
      diagnostics.push(diagnostic(outcome.code, at(ref, ...sub), outcome.message));
      return undefined;
    },
    intern(value) {
      if (typeof value !== 'string') return value;
      const known = strings.get(value);
      if (known !== undefined) return known as typeof value;
      strings.set(value, value);
      return value;
    },
    define(map, item, what, idKey = 'id') {
      const first = map.get(item.id);
      if (!first) {
        map.set(item.id, item);
        return;
      }
      const p = at(first.ref);
      diagnostics.push(diagnostic('ref/duplicate-id', at(item.ref, idKey), `${what} id "${item.id}" is already defined at ${p.file}:${p.line}:${p.col}`));
    },
  };
}

function readEntity(e: Raw, ref: NodeRef): Entity {
  return { id: e.id, name: e.name, kind: e.kind, aliases: e.aliases ?? [], members: e.members ?? [], description: e.description, ref };
}

function addSource(b: Builder, s: Raw, ref: NodeRef): void {
  b.define(b.model.sources, readSource(s, ref, (code, message) => b.diagnostics.push(diagnostic(code, b.at(ref, 'published'), message))), 'source');
}

function addRecord(b: Builder, e: Raw, ref: NodeRef): void {
  const before = b.diagnostics.length;
  const record = readRecord(e, ref, (field, input) => b.date(ref, field, input), b.intern);
  // A record with an unreadable date is reported and left out, never guessed at.
  if (b.diagnostics.length === before) b.define(b.model.evidence, record, 'evidence record');
}

function addClaim(b: Builder, c: Raw, ref: NodeRef): void {
  const before = b.diagnostics.length;
  const claimDate = b.date(ref, 'date', c.date);
  const asserts = readAssertion(c.asserts, (field, input) => b.date({ file: ref.file, path: [...ref.path, 'asserts'] }, field, input));
  const claim: Claim = {
    id: c.id,
    text: c.text,
    claimant: c.claimant,
    date: claimDate!,
    reviewed: b.date(ref, 'reviewed', c.reviewed),
    appearance: c.appearance,
    quoted_in: c.quoted_in,
    prefix: c.prefix,
    suffix: c.suffix,
    context: c.context,
    interpretation: c.interpretation,
    tags: c.tags ?? [],
    ruleset: c.ruleset,
    asserts,
    ref,
  };
  if (b.diagnostics.length > before) return; // reported above; an invalid claim is not verified
  const first = b.claimIds.get(claim.id);
  if (first) {
    const p = b.at(first);
    b.diagnostics.push(diagnostic('ref/duplicate-id', b.at(ref, 'id'), `claim id "${claim.id}" is already defined at ${p.file}:${p.line}:${p.col}`));
    return;
  }
  b.claimIds.set(claim.id, ref);
  b.model.claims.push(claim);
}

function readRuleset(data: Raw, path: string): Ruleset {
  return {
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
      ref: { file: path, path: ['rules', i] },
    })),
    ref: { file: path, path: [] },
  };
}
