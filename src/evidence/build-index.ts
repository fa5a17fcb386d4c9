import { containsWords, tokens, wordsOf } from '../facts/compare-words.js';
import { actionAncestors } from '../model/vocabulary.js';
import { byId as compareById } from '../model/compare.js';
import type { EvidenceIndex,
  EvidenceRecord,
  StatementRecord,
  Vocabulary } from '../types.js';

export type { EvidenceIndex };

const NONE: readonly never[] = Object.freeze([]);

/** Records by one key, then another: maps, not joined strings, since building 300,000 keys and hashing them was most of indexing. */
class Buckets {
  private readonly byFirst = new Map<string, Map<string, EvidenceRecord[]>>();
  add(first: string, second: string, record: EvidenceRecord): void {
    let inner = this.byFirst.get(first);
    if (!inner) this.byFirst.set(first, (inner = new Map()));
    const bucket = inner.get(second);
    if (bucket) bucket.push(record);
    else inner.set(second, [record]);
  }
  get<T extends EvidenceRecord>(first: string, second = ''): readonly T[] {
    return (this.byFirst.get(first)?.get(second) ?? NONE) as readonly T[];
  }
  each(visit: (first: string, second: string, records: readonly EvidenceRecord[]) => void): void {
    for (const [first, inner] of this.byFirst) for (const [second, records] of inner) visit(first, second, records);
  }
}

/** The index of a set of records; `byId`, when the caller holds those records in a map already, is used as it is for `get`. */
export function buildIndex(records: Iterable<EvidenceRecord>, vocabulary: Vocabulary, known?: ReadonlyMap<string, EvidenceRecord>): EvidenceIndex {
  const byId = known ?? new Map<string, EvidenceRecord>();
  const [events, targets, negated, responses, quantities, statements, assessments] = [new Buckets(), new Buckets(), new Buckets(), new Buckets(), new Buckets(), new Buckets(), new Buckets()];
  // Sorted input keeps every bucket in id order, so results never depend on file order.
  const sorted = [...records].sort(compareById);
  for (const record of sorted) {
    if (!known) (byId as Map<string, EvidenceRecord>).set(record.id, record);
    switch (record.kind) {
      case 'event':
        if (record.negated) {
          negated.add(record.actor, '', record);
          if (record.target !== undefined && record.target !== record.actor) negated.add(record.target, '', record);
        } else {
          for (const action of actionAncestors(vocabulary, record.action)) {
            events.add(record.actor, action, record);
            if (record.target !== undefined) targets.add(record.target, action, record);
          }
        }
        if (record.in_response_to !== undefined) responses.add(record.actor, '', record);
        break;
      case 'quantity':
        quantities.add(record.subject, record.measure, record);
        break;
      case 'statement':
        statements.add(record.speaker, '', record);
        break;
      case 'assessment':
        assessments.add(record.subject, record.topic, record);
        break;
    }
  }
  // Statements by each pair of words in a row, and by each word, built on the first lookup: only
  // attribution claims need them. Pairs are rare where single words are not; a one-word text is
  // looked up by its word, where scanning every pair for it cost each distinct word the whole
  // index. Pairs as a map of maps and lists deduplicated as they grow: joined strings and a set for
  // each statement were most of what building this cost.
  let byPair: Map<string, Map<string, StatementRecord[]>> | undefined;
  let byWord: Map<string, StatementRecord[]> | undefined;
  const addOnce = (map: Map<string, StatementRecord[]>, key: string, r: StatementRecord) => {
    const list = map.get(key);
    // One statement's entries are added together: a repeat is the list's last.
    if (!list) map.set(key, [r]);
    else if (list[list.length - 1] !== r) list.push(r);
  };
  const indexWords = () => {
    if (byPair) return;
    byPair = new Map();
    byWord = new Map();
    for (const r of sorted) {
      if (r.kind !== 'statement') continue;
      const words = wordsOf(r);
      for (let i = 0; i < words.length; i++) {
        addOnce(byWord, words[i]!, r);
        if (i + 1 === words.length) break;
        let seconds = byPair.get(words[i]!);
        if (!seconds) byPair.set(words[i]!, (seconds = new Map()));
        addOnce(seconds, words[i + 1]!, r);
      }
    }
  };
  // Looked up through the rarest pair of the words, then each candidate checked; one answer per words.
  const saying = new Map<string, readonly StatementRecord[]>();
  const statementsSaying = (text: string): readonly StatementRecord[] => {
    let found = saying.get(text);
    if (!found) {
      const wanted = tokens(text);
      indexWords();
      let candidates: readonly StatementRecord[] = NONE;
      if (wanted.length === 1) candidates = byWord!.get(wanted[0]!) ?? NONE;
      for (let i = 0; i + 1 < wanted.length; i++) {
        const list = byPair!.get(wanted[i]!)?.get(wanted[i + 1]!) ?? NONE;
        if (i === 0 || list.length < candidates.length) candidates = list;
      }
      found = candidates.filter((r) => containsWords(wanted, r)).sort(compareById);
      saying.set(text, found.length ? found : NONE);
    }
    return found;
  };
  const buckets: EvidenceIndex['buckets'] = (each) => {
    const all = { e: events, t: targets, n: negated, r: responses, q: quantities, s: statements, a: assessments };
    for (const [kind, store] of Object.entries(all)) store.each((a, b, records) => each(kind, a, b, records));
    indexWords();
    for (const [word, records] of byWord!) each('x', word, '', records);
    for (const [first, seconds] of byPair!) for (const [second, records] of seconds) each('x', first, second, records);
  };
  return {
    buckets,
    statementsSaying,
    events: (entity, action, asTarget = false) => (asTarget ? targets : events).get(entity, action),
    negatedEvents: (entity) => negated.get(entity),
    quantities: (subject, measure) => quantities.get(subject, measure),
    statements: (speaker) => statements.get(speaker),
    assessments: (subject, topic) => assessments.get(subject, topic),
    responsesBy: (actor) => responses.get(actor),
    get: (id) => byId.get(id),
  };
}
