import { findEvents } from '../evidence/find-events.js';
import { isTopicOf } from '../model/vocabulary.js';
import type { Duration, EventPattern, EventRecord } from '../types.js';
import type { MatchContext } from './match-evidence.js';
import type { EventAssertion } from './match-events.js';
import type { Relation } from './relate-events.js';

/** The relations a pattern states, with the named pattern and the claimed gap. */
export function relationsOf(p: EventPattern): [Relation, string, Duration | undefined][] {
  const out: [Relation, string, Duration | undefined][] = [];
  if (p.answers !== undefined) out.push(['answers', p.answers, undefined]);
  if (p.after) out.push(['after', p.after.pattern, p.after.by]);
  if (p.before) out.push(['before', p.before.pattern, p.before.by]);
  return out;
}

/** The records of each named pattern: its actor, action, target, channel and topic, found once. */
export function partnerFinder(a: EventAssertion, expand: (id: string) => Set<string>, ctx: MatchContext): (name: string) => EventRecord[] {
  const found = new Map<string, EventRecord[]>();
  return (name) => {
    let list = found.get(name);
    if (!list) {
      const q = a.patterns.get(name);
      list = q ? findEvents(q, expand, ctx.index).filter((r) => !q.about || topicFit(r.about, q.about, ctx) === 'same') : [];
      found.set(name, list);
    }
    return list;
  };
}

/** Whether a record's topics include the claim's (or a narrower one), say its opposite, say something else, or say nothing. */
export function topicFit(about: readonly string[], wanted: string, ctx: MatchContext): 'same' | 'opposite' | 'other' | 'unstated' {
  if (!about.length) return 'unstated';
  if (about.some((t) => isTopicOf(ctx.vocabulary, t, wanted))) return 'same';
  const opposite = ctx.vocabulary.topics.get(wanted)?.opposite;
  if (opposite !== undefined && about.some((t) => isTopicOf(ctx.vocabulary, t, opposite))) return 'opposite';
  return 'other';
}
