import { expandEntity, findDenials, findEvents } from '../evidence/find-events.js';
import { happensOnce } from '../model/vocabulary.js';
import type { Claim, DateInfo, EventPattern, EventRecord } from '../types.js';
import { formatDate } from '../model/format-date.js';
import { compareIds, type ClaimEvidence, type ContextRecord, type Describe, type Match, type MatchContext, type Mismatch, type Role } from './match-evidence.js';
import { assessmentsFor } from './match-quantities.js';
import { counted } from './match-counts.js';
import { partnerFinder, relationsOf, topicFit } from './find-partners.js';
import { boundExcludes, placeInTime } from './place-in-time.js';
import { relate, sameHappening } from './relate-events.js';
import { append } from '../model/append.js';

/** The claims matched against events: an event, an absence or a timing. */
export type EventAssertion = Extract<Claim['asserts'], { kind: 'event' | 'absence' | 'timing' }>;
/** A record's role, the reason for it, and what the match notes beside. */
export type Verdict = [Role, string, { mismatch?: Mismatch; participant?: boolean; value?: number }?];

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
  append(matches, counted(a, ctx, describe));
  matches.sort((x, y) => compareIds(x.record.id, y.record.id));
  // A set, not a search of the matches for each: thousands of each made that their product.
  const matched = new Set(matches.map((m) => m.record.id));
  return {
    matches,
    assessments: assessmentsFor([...expand(p.actor)], p.action, undefined, ctx),
    omittedConduct: [],
    context: [...context.values()].filter((c) => !matched.has(c.record.id)).sort((x, y) => compareIds(x.record.id, y.record.id)),
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
