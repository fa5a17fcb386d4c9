import { containsWords, tokens, wordsOf } from '../facts/compare-words.js';
import { actionAncestors } from '../model/vocabulary.js';
import { byId as compareById } from '../model/compare.js';
import type { EvidenceIndex,
  EvidenceRecord,
  StatementRecord,
  Vocabulary } from '../types.js';

export type { EvidenceIndex };

const NONE: readonly never[] = Object.freeze([]);

/** Each pair of words in a row, or the word itself when there is one. */
function pairKeys(words: readonly string[]): string[] {
  if (words.length === 1) return [words[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}

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
  // Statements by each pair of words in a row (a single word for one-word statements), and by each
  // word of those keys, built on the first lookup: only attribution claims need them. Pairs are
  // rare where single words are not; a one-word text is looked up by its word, where scanning
  // every pair for it cost each distinct word the whole index.
  let byPair: Map<string, StatementRecord[]> | undefined;
  let byWord: Map<string, Set<StatementRecord>> | undefined;
  const pairs = (): Map<string, StatementRecord[]> => {
    if (!byPair) {
      byPair = new Map();
      byWord = new Map();
      for (const r of sorted) {
        if (r.kind !== 'statement') continue;
        for (const key of new Set(pairKeys(wordsOf(r)))) {
          const list = byPair.get(key);
          if (list) list.push(r);
          else byPair.set(key, [r]);
          for (const word of key.split(' ')) {
            const holding = byWord.get(word);
            if (holding) holding.add(r);
            else byWord.set(word, new Set([r]));
          }
        }
      }
    }
    return byPair;
  };
  // Looked up through the rarest pair of the words, then each candidate checked; one answer per words.
  const saying = new Map<string, readonly StatementRecord[]>();
  const statementsSaying = (text: string): readonly StatementRecord[] => {
    let found = saying.get(text);
    if (!found) {
      const wanted = tokens(text);
      let candidates: Iterable<StatementRecord>;
      if (wanted.length === 1) {
        pairs();
        candidates = byWord!.get(wanted[0]!) ?? NONE;
      } else {
        const lists = pairKeys(wanted).map((k) => pairs().get(k) ?? NONE);
        candidates = lists.reduce<readonly StatementRecord[]>((best, l) => (l.length < best.length ? l : best), lists[0] ?? NONE);
      }
      found = [...candidates].filter((r) => containsWords(wanted, r)).sort(compareById);
      saying.set(text, found.length ? found : NONE);
    }
    return found;
  };
  return {
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
