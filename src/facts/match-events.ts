import { expandEntity, findDenials, findEvents, place } from '../evidence/find-events.js';
import { happensOnce, isKindOf, isTopicOf } from '../model/vocabulary.js';
import type { Claim, DateInfo, Duration, EventPattern, EventRecord, Vocabulary } from '../types.js';
import { formatDate } from '../model/format-date.js';
import { compareIds, formatNumber, type ClaimEvidence, type ContextRecord, type Describe, type Match, type MatchContext, type Mismatch, type Role } from './match-evidence.js';
import { assessmentsFor } from './match-quantities.js';
import { relate, sameHappening, type Relation } from './relate-events.js';

type EventAssertion = Extract<Claim['asserts'], { kind: 'event' | 'absence' | 'timing' }>;
type Verdict = [Role, string, { mismatch?: Mismatch; participant?: boolean; value?: number }?];

/**
 * The records bearing on an event, an absence or a timing claim, each with its
 * role and the reason for it. A record of the event supports it (or, for an
 * absence, contradicts it) only when everything the claim says fits: what it
 * was about, the channel, its relations to the other events, and the time. A
 * record that bounds every occurrence, a single act reported at another time,
 * in another order or the other way round, and a denial contradict; anything
 * that cannot be placed takes no side, with the reason why.
 */
export function matchEvents(a: EventAssertion, said: DateInfo, ctx: MatchContext, describe: Describe): Omit<ClaimEvidence, 'contradictions'> {
  const expand = (id: string) => expandEntity(id, ctx.entities);
  const p = a.event;
  const kind = a.kind;
  const single = p.once || happensOnce(ctx.vocabulary, p.action);
  const loose: EventPattern = { ...p, channel: undefined };
  const context = new Map<string, ContextRecord>();
  const partners = partnerFinder(a, expand, ctx);
  const channel = (id: string) => ctx.vocabulary.channels.get(id)?.label ?? id;
  const topic = (id: string) => ctx.vocabulary.topics.get(id)?.label ?? id;
  const entity = (id: string) => ctx.entities.get(id)?.name ?? id;
  // "WikiLeaks sent a request to Donald Trump Jr. (12 October 2016)": another event, for the reasons.
  const eventName = (q: EventRecord) =>
    `${[entity(q.actor), ctx.vocabulary.actions.get(q.action)?.label ?? q.action, ...(q.target ? [entity(q.target)] : [])].join(' ')}${q.date ? ` (${formatDate(q.date)})` : ''}`;

  const affirmed = findEvents(loose, expand, ctx.index);
  // Whether the records that name a channel name the claim's, among those about what it is about.
  const onTopic = p.channel === undefined ? [] : affirmed.filter((r) => !p.about || topicFit(r.about, p.about, ctx) === 'same');
  const sameChannel = onTopic.some((r) => r.channel === p.channel);
  const otherChannels = [...new Set(onTopic.flatMap((r) => (r.channel !== undefined && r.channel !== p.channel ? [r.channel] : [])))].sort();

  /** Whether the record stands in every relation the claim states: a verdict when one fails or cannot be told, else the reasons they hold. */
  const relations = (r: EventRecord): { verdict: Verdict } | { held: string[] } => {
    const held: string[] = [];
    for (const [relation, name, by] of relationsOf(p)) {
      const found = relate(r, relation, by, partners(name), ctx.index, eventName);
      for (const q of found.partners) if (!context.has(q.id)) context.set(q.id, { record: q, reason: `the event ${r.id} is placed against (${name})` });
      if (found.state === 'fails') return { verdict: kind !== 'absence' && (found.bound || single) ? ['contradict', found.reason, { mismatch: 'order' }] : ['neutral', found.reason] };
      if (found.state === 'unknown') return { verdict: ['neutral', found.reason] };
      held.push(found.reason);
    }
    return { held };
  };

  const classifyAffirmed = (r: EventRecord): Verdict => {
    const fitsChannel = !p.channel || !r.channel || r.channel === p.channel;
    if (a.when && kind !== 'absence' && fitsChannel) {
      const bound = boundExcludes(r, a.when, ctx);
      if (bound) return ['contradict', bound, { mismatch: 'time' }];
    }
    if (p.about) {
      const fit = topicFit(r.about, p.about, ctx);
      const about = r.about.map(topic).join(', ');
      if (fit === 'opposite') return kind === 'absence' ? ['neutral', `says the opposite (${about})`] : ['contradict', `says the opposite (${about})`, { mismatch: 'topic' }];
      if (fit === 'unstated') return ['neutral', 'does not say what it asked for or said'];
      if (fit === 'other') return ['neutral', `is about something else (${about})`];
    }
    if (!fitsChannel) return ['neutral', `reports it ${channel(r.channel!)}, not ${channel(p.channel!)}`, { mismatch: 'channel' }];
    if (p.channel && !r.channel && otherChannels.length && !sameChannel) {
      return ['neutral', `does not say how, and the records that do say ${otherChannels.map(channel).join(' or ')}`];
    }
    const related = relations(r);
    if ('verdict' in related) return related.verdict;
    const placed = placeInTime(r, kind, a.when, said, single);
    // A record placed against the other events says so in its reason: "reports it after WikiLeaks sent…".
    if (!related.held.length || placed[0] === 'neutral') return placed;
    return [placed[0], `${related.held.join(', and ')}${r.date ? ` (dated ${formatDate(r.date)})` : ''}`, placed[2]];
  };

  const matches: Match[] = affirmed.map((r) => describe(r, ...classify(classifyAffirmed(r))));

  // A single act reported the other way round: the messages went from the lawyers to the committees, not back.
  if (single && !p.mutual && p.target !== undefined) {
    const taken = new Set(affirmed.map((r) => r.id));
    for (const r of findEvents({ actor: p.target, action: p.action, target: p.actor, mutual: false, once: false }, expand, ctx.index)) {
      if (taken.has(r.id) || r.mutual) continue;
      const reason = `reports it the other way round: ${eventName(r)}`;
      matches.push(describe(r, kind === 'absence' ? 'neutral' : 'contradict', reason, kind === 'absence' ? {} : { mismatch: 'direction' }));
    }
  }

  for (const r of findDenials(loose, expand, ctx.index, ctx.vocabulary)) matches.push(describe(r, ...classify(classifyDenial(r))));
  matches.push(...counted(a, ctx, describe));
  matches.sort((x, y) => compareIds(x.record.id, y.record.id));
  return {
    matches,
    assessments: assessmentsFor([...expand(p.actor)], p.action, undefined, ctx),
    omittedConduct: [],
    context: [...context.values()].filter((c) => !matches.some((m) => m.record.id === c.record.id)).sort((x, y) => compareIds(x.record.id, y.record.id)),
  };

  /** A record saying it did not happen: it denies the claim's event, or one answer only, or something else. */
  function classifyDenial(r: EventRecord): Verdict {
    if (p.about && topicFit(r.about, p.about, ctx) !== 'same') return ['neutral', 'denies something other than what the claim is about'];
    if (p.channel && r.channel && r.channel !== p.channel) return ['neutral', `denies it ${channel(r.channel)}, not ${channel(p.channel)}`];
    const denial: Role = kind === 'absence' ? 'support' : kind === 'event' ? 'contradict' : 'neutral';
    if (r.in_response_to !== undefined) {
      // "Did not respond to this message" denies one answer, not every one.
      const answered = ctx.index.get(r.in_response_to);
      const hits = p.answers === undefined ? [] : partners(p.answers).filter((q) => sameHappening(q, answered));
      for (const q of hits) if (!context.has(q.id)) context.set(q.id, { record: q, reason: `the event ${r.id} says went unanswered (${p.answers})` });
      if (!hits.length) return ['neutral', 'says it did not happen in answer to one particular record'];
      return [denial, 'says it did not answer that one', denial === 'contradict' ? { mismatch: 'order' } : {}];
    }
    return [denial, 'says it did not happen'];
  }
}

function classify(v: Verdict): [Role, string, { mismatch?: Mismatch; participant?: boolean; value?: number }] {
  return [v[0], v[1], v[2] ?? {}];
}

/** The relations a pattern states, with the named pattern and the claimed gap. */
function relationsOf(p: EventPattern): [Relation, string, Duration | undefined][] {
  const out: [Relation, string, Duration | undefined][] = [];
  if (p.answers !== undefined) out.push(['answers', p.answers, undefined]);
  if (p.after) out.push(['after', p.after.pattern, p.after.by]);
  if (p.before) out.push(['before', p.before.pattern, p.before.by]);
  return out;
}

/** The records of each named pattern: its actor, action, target, channel and topic, found once. */
function partnerFinder(a: EventAssertion, expand: (id: string) => Set<string>, ctx: MatchContext): (name: string) => EventRecord[] {
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
function topicFit(about: readonly string[], wanted: string, ctx: MatchContext): 'same' | 'opposite' | 'other' | 'unstated' {
  if (!about.length) return 'unstated';
  if (about.some((t) => isTopicOf(ctx.vocabulary, t, wanted))) return 'same';
  const opposite = ctx.vocabulary.topics.get(wanted)?.opposite;
  if (opposite !== undefined && about.some((t) => isTopicOf(ctx.vocabulary, t, opposite))) return 'opposite';
  return 'other';
}

/**
 * A record whose range holds every occurrence (`complete`) rules out a claimed
 * time outside it, on the sides no other record has shown it to be wrong: The
 * Week's window is contradicted after its end (an election-day message), so it
 * still rules out a message before 20 September, but not one in November.
 */
function boundExcludes(r: EventRecord, when: DateInfo, ctx: MatchContext): string | undefined {
  const d = r.date;
  if (!d?.complete) return undefined;
  let startHolds = true;
  let endHolds = true;
  for (const c of ctx.contradictionsOf(r.id)) {
    if (c.kind !== 'window' || c.records[0] !== r.id) continue;
    const other = ctx.index.get(c.records[1]);
    const od = other && 'date' in other ? other.date : undefined;
    if (od && od.start > d.end) endHolds = false;
    if (od && od.end < d.start) startHolds = false;
  }
  const throughout = when.span === 'throughout';
  const before = throughout ? when.start < d.start : when.end < d.start;
  const after = throughout ? when.end > d.end : when.start > d.end;
  if ((before && startHolds) || (after && endHolds)) return `puts every occurrence within ${formatDate(d)}, outside the claimed time`;
  return undefined;
}

/** The role a record of the event takes by its date: inside or outside the claimed time, or before or after the claim itself. */
function placeInTime(r: EventRecord, kind: EventAssertion['kind'], when: DateInfo | undefined, said: DateInfo, single: boolean): Verdict {
  const dated = r.date ? `dated ${formatDate(r.date)}` : 'undated';
  const dates = r.date ? formatDate(r.date) : '';
  if (kind === 'absence') {
    if (!when) {
      // A denial speaks up to the moment it is made: what certainly happened later cannot falsify it.
      if (r.date && r.date.start > said.end) return ['neutral', `reports it after the claim was made (${dated})`];
      return ['contradict', `reports it happening (${dated})`];
    }
    const placement = place(r.date, when);
    if (placement === 'inside') return ['contradict', `reports it happening in the period denied (${dated})`];
    return ['neutral', placement === 'outside' ? `reports it outside the period denied (${dated})` : `reports it, but cannot be placed in the period denied (${dated})`];
  }
  if (!when) return ['support', `reports it (${dated})`];
  const placement = place(r.date, when);
  if (when.span === 'throughout') {
    if (r.date?.span === 'throughout' && r.date.start <= when.start && r.date.end >= when.end) return ['support', `reports it going on throughout ${formatDate(r.date)}`];
    if (placement === 'outside' && (when.complete || single)) return ['contradict', `dates it ${dates}, outside the claimed time`, { mismatch: 'time' }];
    return ['neutral', `does not show it going on throughout the claimed time (${dated})`];
  }
  if (placement === 'inside') return ['support', `dates it ${dates}, inside the claimed time`];
  // Outside the claimed time contradicts a single act, or a window said to hold every
  // occurrence; otherwise it is another occurrence, which says nothing about this one.
  if (placement === 'outside' && (when.complete || single)) return ['contradict', `dates it ${dates}, outside the claimed time`, { mismatch: 'time' }];
  if (placement === 'outside') return ['neutral', `reports another occurrence, ${dates}, outside the claimed time`];
  return ['neutral', r.date ? `dates it ${dates}, which may or may not fall inside the claimed time` : 'does not date it'];
}

/**
 * Counts of the action (a measure that `counts` it): "3 replies" says replies
 * happened, and "0 replies" that they did not. A count says nothing about
 * which events it counts, so it takes no side on a claim about their topic,
 * channel, time or relations.
 */
function counted(a: EventAssertion, ctx: MatchContext, describe: Describe): Match[] {
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
