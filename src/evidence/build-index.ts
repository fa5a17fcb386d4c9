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

export function buildIndex(records: Iterable<EvidenceRecord>, vocabulary: Vocabulary): EvidenceIndex {
  const byId = new Map<string, EvidenceRecord>();
  const buckets = new Map<string, EvidenceRecord[]>();
  const add = (key: string, record: EvidenceRecord) => {
    const bucket = buckets.get(key);
    if (bucket) bucket.push(record);
    else buckets.set(key, [record]);
  };
  // Sorted input keeps every bucket in id order, so results never depend on file order.
  const sorted = [...records].sort(compareById);
  for (const record of sorted) {
    byId.set(record.id, record);
    switch (record.kind) {
      case 'event':
        if (record.negated) {
          add(`neg\0${record.actor}`, record);
          if (record.target !== undefined && record.target !== record.actor) add(`neg\0${record.target}`, record);
        } else {
          for (const action of actionAncestors(vocabulary, record.action)) {
            add(`ev\0${record.actor}\0${action}`, record);
            if (record.target !== undefined) add(`evt\0${record.target}\0${action}`, record);
          }
        }
        if (record.in_response_to !== undefined) add(`resp\0${record.actor}`, record);
        break;
      case 'quantity':
        add(`q\0${record.subject}\0${record.measure}`, record);
        break;
      case 'statement':
        add(`s\0${record.speaker}`, record);
        break;
      case 'assessment':
        add(`a\0${record.subject}\0${record.topic}`, record);
        break;
    }
  }
  const lookup = <T extends EvidenceRecord>(key: string) => (buckets.get(key) ?? NONE) as readonly T[];
  // Statements by each pair of words in a row (a single word for one-word statements), built on the
  // first lookup: only attribution claims need it. Pairs are rare where single words are not.
  let byPair: Map<string, StatementRecord[]> | undefined;
  const pairs = (): Map<string, StatementRecord[]> => {
    if (!byPair) {
      byPair = new Map();
      for (const r of sorted) {
        if (r.kind !== 'statement') continue;
        for (const key of new Set(pairKeys(wordsOf(r)))) {
          const list = byPair.get(key);
          if (list) list.push(r);
          else byPair.set(key, [r]);
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
      const keys = wanted.length === 1 ? [...pairs().keys()].filter((k) => k === wanted[0] || k.startsWith(`${wanted[0]} `) || k.endsWith(` ${wanted[0]}`)) : pairKeys(wanted);
      const lists = keys.map((k) => pairs().get(k) ?? NONE);
      const candidates = wanted.length === 1 ? [...new Set(lists.flat())] : lists.reduce<readonly StatementRecord[]>((best, l) => (l.length < best.length ? l : best), lists[0] ?? NONE);
      found = candidates.filter((r) => containsWords(wanted, r)).sort(compareById);
      saying.set(text, found.length ? found : NONE);
    }
    return found;
  };
  return {
    statementsSaying,
    events: (entity, action, asTarget = false) => lookup(`${asTarget ? 'evt' : 'ev'}\0${entity}\0${action}`),
    negatedEvents: (entity) => lookup(`neg\0${entity}`),
    quantities: (subject, measure) => lookup(`q\0${subject}\0${measure}`),
    statements: (speaker) => lookup(`s\0${speaker}`),
    assessments: (subject, topic) => lookup(`a\0${subject}\0${topic}`),
    responsesBy: (actor) => lookup(`resp\0${actor}`),
    get: (id) => byId.get(id),
  };
}
