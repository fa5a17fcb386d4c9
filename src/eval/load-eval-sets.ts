import type { Diagnostic, Position } from '../diagnostics.js';
import { EVAL_FOLDER } from '../load/layout.js';
import type { ParsedFile } from '../load/parse-yaml.js';
import { readCheckedFiles } from '../load/read-checked-files.js';
import { append } from '../model/append.js';

/** One alternative of a citation requirement: a record id, or words a cited quote must contain. */
export type Alternative = { record: string } | { quote: string };

/** How a contrast variant differs from its base claim. */
export const VARIANT_CHANGES = [
  'negated',
  'changed-number',
  'changed-date',
  'swapped-roles',
  'reversed-order',
  'overgeneralised',
  'wrong-speaker',
  'wrong-channel',
  'exaggerated',
] as const;
export type VariantChange = (typeof VARIANT_CHANGES)[number];

/** A claim's label as written: not yet checked against the scale or the evidence. */
export interface Label extends Position {
  claim: string;
  /** The set (file) it belongs to. */
  set: string;
  rating?: string[];
  fever?: string;
  averitec?: string;
  /** Each requirement is a list of alternatives; one of each must be cited. */
  cites: Alternative[][];
  why: string;
  variant?: { of: string; change: VariantChange };
  /** Where to report a problem with a part of the label. */
  at(...path: (string | number)[]): Position;
}

export interface EvalSet {
  file: string;
  description?: string;
  min_score?: number;
  /** Statements the set leaves out because the format cannot express them yet. */
  notes: { source?: string; statement: string; reason: string }[];
  labels: Label[];
}

export interface LoadedEvalSets {
  sets: EvalSet[];
  /** The sets' claims, entities and sources, as files to load with the project, positioned in the set's file. */
  corpus: ParsedFile[];
  diagnostics: Diagnostic[];
}

/** An evaluation file as its schema describes it. */
interface EvalFile {
  description?: string;
  min_score?: number;
  notes?: { source?: string; statement: string; reason: string }[];
  entities?: Record<string, unknown>[];
  sources?: Record<string, unknown>[];
  claims: (Record<string, unknown> & { id: string; expect: RawExpect; variant?: { of: string; change: VariantChange } })[];
}

type RawAlternative = string | { quote: string };
interface RawExpect {
  rating?: string | string[];
  fever?: string;
  averitec?: string;
  cites?: (RawAlternative | RawAlternative[])[];
  why: string;
}

/** Fields of an evaluation claim that are its label, not the claim. */
const LABEL_FIELDS = new Set(['expect', 'variant']);

/**
 * Reads the evaluation sets under eval/ (or only `only` of them). A file that
 * fails its schema as a whole is left out; a broken item in it is left out
 * and the rest kept, as the loader does with project files.
 */
export async function loadEvalSets(root: string, only?: readonly string[]): Promise<LoadedEvalSets> {
  const read = await readCheckedFiles(root, EVAL_FOLDER, 'eval', only);
  const diagnostics = [...read.diagnostics];
  const sets: EvalSet[] = [];
  const corpus: ParsedFile[] = [];
  for (const { file, schema } of read.files) {
    append(diagnostics, schema.diagnostics);
    // A broken min_score, description or notes leaves the claims usable: their problems are found too.
    const fatal = ['', 'claims', 'entities', 'sources'];
    if (fatal.some((field) => schema.invalidFields.has(field))) continue;
    const data = file.value as EvalFile;
    const field = <K extends keyof EvalFile>(key: K) => (schema.invalidFields.has(key) ? undefined : data[key]);
    const broken = (list: string) => schema.invalidIn.get(list) ?? new Set<number>();
    for (const list of ['entities', 'sources', 'claims'] as const) {
      const items = (data[list] ?? []).map((item, i) => [item, i] as const).filter(([, i]) => !broken(list).has(i));
      if (items.length) corpus.push(corpusFile(file, list, items));
    }
    const labels = data.claims.flatMap((claim, i) => (broken('claims').has(i) ? [] : [readLabel(file, claim, i)]));
    sets.push({
      file: file.path,
      ...(field('description') !== undefined ? { description: data.description! } : {}),
      ...(field('min_score') !== undefined ? { min_score: data.min_score! } : {}),
      notes: (field('notes') ?? []).filter((_, i) => !broken('notes').has(i)),
      labels,
    });
  }
  return { sets, corpus, diagnostics };
}

function readLabel(file: ParsedFile, claim: EvalFile['claims'][number], index: number): Label {
  const at = (...path: (string | number)[]) => file.locate(['claims', index, ...path]);
  const { expect } = claim;
  const alternative = (a: RawAlternative): Alternative => (typeof a === 'string' ? { record: a } : { quote: a.quote });
  return {
    ...at(),
    claim: claim.id,
    set: file.path,
    ...(expect.rating !== undefined ? { rating: Array.isArray(expect.rating) ? expect.rating : [expect.rating] } : {}),
    ...(expect.fever !== undefined ? { fever: expect.fever } : {}),
    ...(expect.averitec !== undefined ? { averitec: expect.averitec } : {}),
    cites: (expect.cites ?? []).map((r) => (Array.isArray(r) ? r.map(alternative) : [alternative(r)])),
    why: expect.why,
    ...(claim.variant ? { variant: { of: claim.variant.of, change: claim.variant.change } } : {}),
    at,
  };
}

/**
 * A list of the set shaped like a project file of that kind, its label fields
 * left out, each position looked up where the item sits in the set's file.
 */
function corpusFile(file: ParsedFile, list: 'entities' | 'sources' | 'claims', items: readonly (readonly [Record<string, unknown>, number])[]): ParsedFile {
  const values = items.map(([item]) => Object.fromEntries(Object.entries(item).filter(([key]) => list !== 'claims' || !LABEL_FIELDS.has(key))));
  return {
    path: `${file.path}#${list}`,
    kind: list,
    value: { [list]: values },
    locate: (path, where) => {
      const [, item, ...rest] = path;
      const original = typeof item === 'number' ? items[item]?.[1] : undefined;
      return file.locate(original === undefined ? [list] : [list, original, ...rest], where);
    },
  };
}
