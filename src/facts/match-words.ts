import { expandEntity } from '../evidence/find-events.js';
import type { Claim, StatementRecord } from '../types.js';
import { compareWords } from './compare-words.js';
import { compareIds, type Describe, type Match, type MatchContext } from './match-evidence.js';

type AttributionAssertion = Extract<Claim['asserts'], { kind: 'attribution' }>;

/**
 * Statements bearing on "the speaker said these words": the speaker's own in
 * the same words (support) or in words close enough to be a misquote
 * (contradict), and anyone else's in the same words (contradict: the words
 * are on record, from someone else).
 */
export function matchWords(a: AttributionAssertion, ctx: MatchContext, describe: Describe): Match[] {
  const speakers = expandEntity(a.speaker, ctx.entities);
  const matches: Match[] = [];
  for (const speaker of speakers) {
    for (const r of ctx.index.statements(speaker)) {
      const comparison = compareWords(a.words, r);
      if (comparison.contains) matches.push(describe(r, 'support', 'quotes the same words'));
      else if (comparison.misquote) {
        matches.push(describe(r, 'contradict', `quotes different words (${Math.round(comparison.similarity * 100)}% alike)`, { mismatch: 'words' }));
      }
    }
  }
  for (const r of sameWordsElsewhere(a.words, speakers, ctx)) {
    const name = ctx.entities.get(r.speaker)?.name ?? r.speaker;
    matches.push(describe(r, 'contradict', `quotes the same words from ${name}`, { mismatch: 'speaker' }));
  }
  return matches.sort((x, y) => compareIds(x.record.id, y.record.id));
}

/** Statements by other speakers that contain the words. */
function sameWordsElsewhere(words: string, speakers: ReadonlySet<string>, ctx: MatchContext): StatementRecord[] {
  return ctx.index.statementsSaying(words).filter((r) => !speakers.has(r.speaker));
}
