import type { Names } from '../facts/fact-types.js';
import { formatDate } from '../model/format-date.js';
import type { EvidenceRecord } from '../types.js';

/** What a record says, in words built from its structured fields. */
export function describeRecord(r: EvidenceRecord, names: Names): string {
  const when = 'date' in r && r.date ? ` (${formatDate(r.date)})` : '';
  switch (r.kind) {
    case 'event': {
      const parts = [names.entity(r.actor), names.action(r.action)];
      if (r.target) parts.push(names.entity(r.target));
      if (r.channel) parts.push(names.channel(r.channel));
      return `${r.negated ? 'Did not happen: ' : ''}${parts.join(' ')}${r.mutual ? ' (both ways)' : ''}${when}`;
    }
    case 'quantity': {
      const counterpart = r.counterpart ? ` (with ${names.entity(r.counterpart)})` : '';
      return `${names.entity(r.subject)}: ${names.measure(r.measure)}${counterpart} = ${r.value} ${r.unit}${when}`;
    }
    case 'statement':
      return `${names.entity(r.speaker)} said "${r.words}"${when}`;
    case 'assessment':
      return `${names.entity(r.assessor)} on ${names.entity(r.subject)}: "${r.finding}"${when}`;
  }
}
