import { tokens, wordsOf } from '../facts/compare-words.js';
import { actionAncestors } from '../model/vocabulary.js';
import type { Entity, EvidenceIndex, EvidenceRecord, Vocabulary } from '../types.js';
import { expandEntity } from './find-events.js';

/**
 * Route keys: which records an index query or a contradiction check can
 * reach, in words a run can keep. A record is filed under every key of
 * `recordRoutes`; a query's answer holds only records filed under its key,
 * so a run that has loaded every file filed under that key answers it in
 * full. The keys mirror build-index's buckets: a letter, then one or two
 * parts, joined by NUL (routeKey).
 */
export function recordRoutes(r: EvidenceRecord, vocabulary: Vocabulary, entities: ReadonlyMap<string, Entity>): string[] {
  const keys: string[] = [];
  forEachRoute(r, vocabulary, entities, (kind, a, b) => keys.push(routeKey(kind, a, b)));
  return keys;
}

export function routeKey(kind: string, a: string, b = ''): string {
  return b ? `${kind}\0${a}\0${b}` : `${kind}\0${a}`;
}

/** A route key's parts, as routeKey joined them. */
export function routeParts(key: string): [kind: string, a: string, b: string] {
  const [kind = '', a = '', b = ''] = key.split('\0');
  return [kind, a, b];
}

/**
 * recordRoutes as parts, not joined: a full run files 100,000 records under
 * half a million keys, and hashing a new string for each was most of it.
 */
export function forEachRoute(r: EvidenceRecord, vocabulary: Vocabulary, entities: ReadonlyMap<string, Entity>, each: (kind: string, a: string, b?: string) => void): void {
  forEachCheckRoute(r, entities, each);
  switch (r.kind) {
    case 'event':
      if (r.negated) {
        each('n', r.actor);
        if (r.target !== undefined) each('n', r.target);
      } else {
        for (const action of actionAncestors(vocabulary, r.action)) {
          each('e', r.actor, action);
          if (r.target !== undefined) each('t', r.target, action);
        }
      }
      if (r.in_response_to !== undefined) each('r', r.actor);
      break;
    case 'quantity':
      each('q', r.subject, r.measure);
      break;
    case 'statement': {
      each('s', r.speaker);
      // Each word, and each pair of words in a row: what build-index looks statements up by.
      const words = wordsOf(r);
      for (let i = 0; i < words.length; i++) {
        each('x', words[i]!);
        if (i > 0) each('x', words[i - 1]!, words[i]!);
      }
      break;
    }
    case 'assessment':
      each('a', r.subject, r.topic);
      break;
  }
}

/**
 * The keys no index bucket has, for the contradiction check: an occurrence's
 * records, and the members a complete window finds events of, as actor or
 * target (detect-contradictions). The rest mirror build-index's buckets.
 */
export function forEachCheckRoute(r: EvidenceRecord, entities: ReadonlyMap<string, Entity>, each: (kind: string, a: string) => void): void {
  if (r.kind !== 'event' || r.negated) return;
  if (r.occurrence !== undefined && r.date) each('o', r.occurrence);
  if (r.date?.complete) for (const member of expandEntity(r.actor, entities)) each('w', member);
}

/**
 * The keys under which a new record's contradicting partners are filed: the
 * figures of its measure, the records of its occurrence, the complete
 * windows that could find it, and, for a complete window, the events it
 * finds (its actor's members' events, as actor or target: findEvents).
 */
export function partnerRoutes(r: EvidenceRecord, entities: ReadonlyMap<string, Entity>): string[] {
  if (r.kind === 'quantity') return [routeKey('q', r.subject, r.measure)];
  if (r.kind !== 'event' || r.negated) return [];
  const keys = [routeKey('w', r.actor)];
  if (r.target !== undefined) keys.push(routeKey('w', r.target));
  if (r.occurrence !== undefined && r.date) keys.push(routeKey('o', r.occurrence));
  if (r.date?.complete) for (const member of expandEntity(r.actor, entities)) keys.push(routeKey('e', member, r.action), routeKey('t', member, r.action));
  return keys;
}

/**
 * The keys a query's answer is filed under: all of them must be loaded for
 * it to be whole. Made by routeKey, as records' keys are, so that the two
 * meet whatever the arguments hold.
 */
export function queryRoutes(method: string, args: readonly unknown[], filesOf: (key: string) => number): string[] | undefined {
  const [a, b, c] = args as [string, string, boolean | undefined];
  switch (method) {
    case 'events':
      return [routeKey(c ? 't' : 'e', a, b)];
    case 'negatedEvents':
      return [routeKey('n', a)];
    case 'quantities':
      return [routeKey('q', a, b)];
    case 'statements':
      return [routeKey('s', a)];
    case 'assessments':
      return [routeKey('a', a, b)];
    case 'responsesBy':
      return [routeKey('r', a)];
    case 'statementsSaying': {
      // A statement saying these words says each pair of them in a row (each word, for one):
      // every answer is filed under each such key, so the rarest one is enough.
      const words = tokens(a);
      const keys = words.length === 1 ? [routeKey('x', words[0]!)] : words.slice(1).map((w, i) => routeKey('x', words[i]!, w));
      let rarest: string | undefined;
      let fewest = Infinity;
      for (const key of keys) {
        const files = filesOf(key);
        if (rarest === undefined || files < fewest) {
          rarest = key;
          fewest = files;
        }
      }
      return rarest === undefined ? [] : [rarest];
    }
    default:
      return undefined;
  }
}

/**
 * An index that tells, for each query, the keys its answer is filed under,
 * and, for each record asked by id, the id: what a partial run checks it
 * has loaded. Answers are the inner index's.
 */
export function routedIndex(index: EvidenceIndex, filesOf: (key: string) => number, asked: (key: string) => void, askedId: (id: string) => void): EvidenceIndex {
  const route = (method: string, ...args: unknown[]) => {
    for (const key of queryRoutes(method, args, filesOf) ?? []) asked(key);
  };
  return {
    events: (entity, action, asTarget) => (route('events', entity, action, asTarget), index.events(entity, action, asTarget)),
    negatedEvents: (entity) => (route('negatedEvents', entity), index.negatedEvents(entity)),
    quantities: (subject, measure) => (route('quantities', subject, measure), index.quantities(subject, measure)),
    statements: (speaker) => (route('statements', speaker), index.statements(speaker)),
    statementsSaying: (words) => (route('statementsSaying', words), index.statementsSaying(words)),
    assessments: (subject, topic) => (route('assessments', subject, topic), index.assessments(subject, topic)),
    responsesBy: (actor) => (route('responsesBy', actor), index.responsesBy(actor)),
    get: (id) => (askedId(id), index.get(id)),
  };
}

/**
 * Route keys a record's routes are tested against part by part, never
 * joined: a partial run keeps, of the files it loads, only the records filed
 * under a key it asks for (cache/partial-run.ts).
 */
export class RouteSet {
  private readonly keys = new Set<string>();
  private readonly parts = new Map<string, Map<string, Set<string>>>();

  /** Adds a key; false when it was there already. */
  add(key: string): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    const [kind, a, b] = routeParts(key);
    let first = this.parts.get(kind);
    if (!first) this.parts.set(kind, (first = new Map()));
    let second = first.get(a);
    if (!second) first.set(a, (second = new Set()));
    second.add(b);
    return true;
  }

  /**
   * Whether a record, as its file gives it and before it is read, may be
   * filed under a key of the set: never false for a record `files` accepts
   * once read. Its first parts alone are matched, and dates not at all, so
   * that most records are passed over without being built.
   */
  mayFile(raw: Readonly<Record<string, unknown>>, entities: ReadonlyMap<string, Entity>): boolean {
    const has = (kind: string, a: unknown) => typeof a === 'string' && this.parts.get(kind)?.has(a) === true;
    switch (raw.kind) {
      case 'event': {
        const { actor, target } = raw;
        // An answer is filed by its actor, negated or not.
        if (has('r', actor)) return true;
        if (raw.negated === true) return has('n', actor) || has('n', target);
        if (has('e', actor) || has('t', target) || has('o', raw.occurrence)) return true;
        const members = this.parts.get('w');
        if (typeof actor !== 'string' || members === undefined) return false;
        if (members.has(actor)) return true;
        // Expanded only for a group: most actors are not, and this is asked of every event record.
        if (!entities.get(actor)?.members.length) return false;
        for (const member of expandEntity(actor, entities)) if (members.has(member)) return true;
        return false;
      }
      case 'quantity':
        return has('q', raw.subject);
      case 'statement':
        if (has('s', raw.speaker)) return true;
        if (!this.parts.has('x')) return false;
        // A pair's first word is one of the words too.
        return typeof raw.words !== 'string' || tokens(raw.words).some((word) => has('x', word));
      case 'assessment':
        return has('a', raw.subject);
      default:
        return true;
    }
  }

  /** Whether the record is filed under a key of the set. */
  files(r: EvidenceRecord, vocabulary: Vocabulary, entities: ReadonlyMap<string, Entity>): boolean {
    let hit = false;
    forEachRoute(r, vocabulary, entities, (kind, a, b = '') => {
      hit ||= this.parts.get(kind)?.get(a)?.has(b) ?? false;
    });
    return hit;
  }
}
