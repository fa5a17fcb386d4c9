import { expandEntity } from '../evidence/find-events.js';
import { isKindOf } from '../model/vocabulary.js';
import type { Vocabulary } from '../types.js';
import { formatNumber, type Describe, type Match, type MatchContext, type Role } from './match-evidence.js';
import type { EventAssertion } from './match-events.js';

/**
 * Counts of the action (a measure that `counts` it): "3 replies" says replies
 * happened, and "0 replies" that they did not. A count says nothing about
 * which events it counts, so it takes no side on a claim about their topic,
 * channel, time or relations.
 */
export function counted(a: EventAssertion, ctx: MatchContext, describe: Describe): Match[] {
  const p = a.event;
  const actors = expandEntity(p.actor, ctx.entities);
  const targets = p.target === undefined ? undefined : expandEntity(p.target, ctx.entities);
  const vague = p.about !== undefined || p.channel !== undefined || p.answers !== undefined || p.after !== undefined || p.before !== undefined || a.when !== undefined;
  const out: Match[] = [];
  for (const [measure, m] of countingMeasures(ctx.vocabulary, p.action)) {
    for (const subject of actors) {
      for (const r of ctx.index.quantities(subject, measure)) {
        if (targets && (r.counterpart === undefined || !targets.has(r.counterpart))) continue;
        const what = `counts ${formatNumber(r.value)} ${m.label}`;
        const participant = r.attributed_to !== undefined && actors.has(r.attributed_to);
        if (vague) {
          out.push(describe(r, 'neutral', `${what}, but not which ones, or when or how`, { participant }));
          continue;
        }
        const happened = r.value > 0;
        // Zero replies says there was no reply, not that there was no message of any kind.
        if (!happened && m.counts !== p.action) continue;
        const role: Role = a.kind === 'timing' ? 'neutral' : (a.kind === 'absence') === happened ? 'contradict' : 'support';
        out.push(describe(r, role, a.kind === 'timing' ? `${what}, undated` : what, { participant, ...(role === 'contradict' ? { mismatch: 'count' as const } : {}) }));
      }
    }
  }
  return out;
}

const counting = new WeakMap<Vocabulary, Map<string, [string, Vocabulary['measures'] extends Map<string, infer M> ? M : never][]>>();

/** The measures that count an action or a narrower one, worked out once per vocabulary and action. */
function countingMeasures(vocabulary: Vocabulary, action: string) {
  let byAction = counting.get(vocabulary);
  if (!byAction) counting.set(vocabulary, (byAction = new Map()));
  let found = byAction.get(action);
  if (!found) {
    found = [...vocabulary.measures].filter(([, m]) => m.counts !== undefined && isKindOf(vocabulary, m.counts, action));
    byAction.set(action, found);
  }
  return found;
}
