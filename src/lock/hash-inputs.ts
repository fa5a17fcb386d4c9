import type { Config, Project } from '../types.js';
import { sha256 } from '../model/hash.js';
import { compareIds } from '../model/compare.js';

/**
 * Content hashes of everything a verdict can depend on, by key: `config`,
 * `ruleset:<id>` (its rules included), `claim:<id>` (all its fields),
 * `evidence:<id>`, `source:<id>` and `entity:<id>`; and, to name causes
 * precisely, `rule:<ruleset>/<name>` and `claim:<id>/<field>`. Hashes cover
 * the parsed content, never the file it sits in or its position, so moving an
 * item to another file or reformatting it changes nothing.
 */
export function inputHashes(
  project: Pick<Project, 'rulesets' | 'claims' | 'evidence' | 'sources' | 'entities'> & { config?: Config },
  /** Filled, when given, with the file each key's item was read from. */
  files?: Map<string, string>,
  /** Hash only the items this accepts (by key and file); all of them by default. */
  only?: (key: string, file: string) => boolean,
): Map<string, string> {
  const out = new Map<string, string>();
  const put = (key: string, value: unknown, file: string) => {
    if (only && !only(key, file)) return;
    out.set(key, hashOf(value));
    files?.set(key, file);
  };
  if (project.config) put('config', configContent(project.config), project.config.ref.file);
  for (const ruleset of project.rulesets.values()) {
    put(`ruleset:${ruleset.id}`, ruleset, ruleset.ref.file);
    for (const rule of ruleset.rules) put(`rule:${ruleset.id}/${rule.name}`, rule, ruleset.ref.file);
  }
  for (const claim of project.claims) {
    put(`claim:${claim.id}`, claim, claim.ref.file);
    for (const [field, value] of Object.entries(claim)) {
      if (field !== 'ref' && field !== 'id' && value !== undefined) put(`claim:${claim.id}/${field}`, value, claim.ref.file);
    }
  }
  for (const record of project.evidence.values()) put(`evidence:${record.id}`, record, record.ref.file);
  for (const source of project.sources.values()) put(`source:${source.id}`, source, source.ref.file);
  for (const entity of project.entities.values()) put(`entity:${entity.id}`, entity, entity.ref.file);
  return out;
}

/** The finer keys a key's hash is made of: a claim's fields, a ruleset's rules. */
export function partsOf(key: string, keys: Iterable<string>): string[] {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const prefix = kind === 'claim' ? `claim:${id}/` : kind === 'ruleset' ? `rule:${id}/` : undefined;
  if (prefix === undefined) return [];
  return [...keys].filter((k) => k.startsWith(prefix)).sort();
}

function configContent(config: Config): unknown {
  const { ref: _ref, vocabulary, ...rest } = config;
  return {
    ...rest,
    vocabulary: {
      actions: Object.fromEntries(vocabulary.actions),
      measures: Object.fromEntries(vocabulary.measures),
      channels: Object.fromEntries(vocabulary.channels),
    },
  };
}

/** A short, stable content hash: 64 bits of SHA-256 over canonical JSON. */
export function hashOf(value: unknown): string {
  return sha256(canonicalJson(value)).slice(0, 16);
}

/** JSON with object keys sorted and `ref` and undefined left out: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Map) return canonicalJson(Object.fromEntries(value));
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => k !== 'ref' && v !== undefined)
    .sort(([a], [b]) => compareIds(a, b));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
