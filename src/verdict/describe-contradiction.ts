import type { Contradiction } from '../evidence/detect-contradictions.js';
import type { Names } from '../facts/fact-types.js';
import type { EvidenceRecord } from '../types.js';
import { formatDate } from '../model/format-date.js';

/** Both sides of a contradiction, each with its source and words, in one sentence. */
export function describeContradiction(c: Contradiction, records: ReadonlyMap<string, EvidenceRecord>, names: Names): string {
  const a = records.get(c.records[0]);
  const b = records.get(c.records[1]);
  if (!a || !b) return `${c.records[0]} and ${c.records[1]} disagree`;
  const cite = (r: EvidenceRecord) => `${r.id} (${names.source(r.source)}: “${shorten(r.quote)}”)`;
  switch (c.kind) {
    case 'value':
      if (a.kind !== 'quantity' || b.kind !== 'quantity') break;
      return `${cite(a)} gives ${a.value} ${a.unit} for ${names.measure(a.measure)}, but ${cite(b)} gives ${b.value} ${b.unit}`;
    case 'window':
      if (!('date' in a) || !a.date || !('date' in b) || !b.date) break;
      return `${cite(a)} puts every occurrence within ${formatDate(a.date)}, but ${cite(b)} dates one ${formatDate(b.date)}`;
    case 'date':
      if (!('date' in a) || !a.date || !('date' in b) || !b.date) break;
      return `${cite(a)} dates it ${formatDate(a.date)}, but ${cite(b)} dates the same happening ${formatDate(b.date)}`;
  }
  return `${cite(a)} and ${cite(b)} disagree`;
}

function shorten(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ');
  return flat.length > 70 ? `${flat.slice(0, 67)}...` : flat;
}
