import { createHash } from 'node:crypto';
import type { Claim, Config, Entity, EvidenceRecord, Project, Ruleset, Source } from '../types.js';

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
): Map<string, string> {
  const out = new Map<string, string>();
  if (project.config) out.set('config', hashOf(configContent(project.config)));
  for (const ruleset of project.rulesets.values()) addRuleset(out, ruleset);
  for (const claim of project.claims) addClaim(out, claim);
  for (const record of project.evidence.values()) out.set(`evidence:${record.id}`, hashOf(record));
  for (const source of project.sources.values()) out.set(`source:${source.id}`, hashOf(source));
  for (const entity of project.entities.values()) out.set(`entity:${entity.id}`, hashOf(entity));
  return out;
}

export function addRuleset(out: Map<string, string>, ruleset: Ruleset): void {
  out.set(`ruleset:${ruleset.id}`, hashOf(ruleset));
  for (const rule of ruleset.rules) out.set(`rule:${ruleset.id}/${rule.name}`, hashOf(rule));
}

export function addClaim(out: Map<string, string>, claim: Claim): void {
  out.set(`claim:${claim.id}`, hashOf(claim));
  for (const [field, value] of Object.entries(claim)) {
    if (field === 'ref' || field === 'id' || value === undefined) continue;
    out.set(`claim:${claim.id}/${field}`, hashOf(value));
  }
}

/** The finer keys a key's hash is made of: a claim's fields, a ruleset's rules. */
export function partsOf(key: string, keys: Iterable<string>): string[] {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  const prefix = kind === 'claim' ? `claim:${id}/` : kind === 'ruleset' ? `rule:${id}/` : undefined;
  if (prefix === undefined) return [];
  return [...keys].filter((k) => k.startsWith(prefix)).sort();
}

/** The keys of one item, as inputHashes names them. */
export function itemKey(kind: 'evidence' | 'source' | 'entity', item: EvidenceRecord | Source | Entity): string {
  return `${kind}:${item.id}`;
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
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** JSON with object keys sorted and `ref` and undefined left out: the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Map) return canonicalJson(Object.fromEntries(value));
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([k, v]) => k !== 'ref' && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
