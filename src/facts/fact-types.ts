import type { Claim, ClaimKind, Entity, Source, Vocabulary } from '../types.js';
import type { ClaimEvidence, MatchContext } from './match-evidence.js';

export type FactScalar = number | boolean | string | string[] | null;

/** A fact's value and the evidence records that produced it: the stuff citation trails are made of. */
export interface FactValue {
  value: FactScalar;
  evidence: string[];
}

export type FactType = 'number' | 'boolean' | 'string' | 'list' | 'date';

export interface FactInput {
  claim: Claim;
  found: ClaimEvidence;
  ctx: MatchContext;
  names: Names;
}

export interface Names {
  entity(id: string): string;
  /** How readers know a source: "The Atlantic", "Donald Trump Jr. on Twitter". */
  source(id: string): string;
  action(id: string): string;
  measure(id: string): string;
  channel(id: string): string;
  topic(id: string): string;
}

export interface FactDefinition {
  name: string;
  /**
   * The fact in plain words, for editors: a noun phrase ("the records that
   * contradict it"), or for a yes-or-no fact a clause ("all its support comes
   * from the claimant"). Reports build "why not another rating" from it.
   */
  label: string;
  type: FactType;
  description: string;
  /** Claim kinds the fact is meaningful for; absent means all. Elsewhere its value is null or 0. */
  kinds?: readonly ClaimKind[];
  compute(input: FactInput): FactValue;
}

export function createNames(entities: ReadonlyMap<string, Entity>, sources: ReadonlyMap<string, Source>, vocabulary: Vocabulary): Names {
  const entity = (id: string) => entities.get(id)?.name ?? id;
  const list = (ids: string[]) => joinNames(ids.map(entity));
  return {
    entity,
    source(id) {
      const s = sources.get(id);
      if (!s) return id;
      if (s.kind === 'social-post' && s.authors.length) return s.publisher ? `${list(s.authors)} on ${entity(s.publisher)}` : list(s.authors);
      if (s.kind === 'primary-document') return s.title;
      if (s.publisher) return entity(s.publisher);
      if (s.authors.length) return list(s.authors);
      return s.title;
    },
    action: (id) => vocabulary.actions.get(id)?.label ?? id,
    measure: (id) => vocabulary.measures.get(id)?.label ?? id,
    channel: (id) => vocabulary.channels.get(id)?.label ?? id,
    topic: (id) => vocabulary.topics.get(id)?.label ?? id,
  };
}

/** "A", "A and B", "A, B and C". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
