import { isKindOf } from '../model/vocabulary.js';
import type { DateInfo, Entity, EventPattern, EventRecord, Vocabulary } from '../types.js';
import type { EvidenceIndex } from './build-index.js';
import { append } from '../model/append.js';

/** An entity and, for groups, every member, recursively. */
export function expandEntity(id: string, entities: ReadonlyMap<string, Entity>): Set<string> {
  const out = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const current = stack.pop()!;
    if (out.has(current)) continue;
    out.add(current);
    append(stack, entities.get(current)?.members ?? []);
  }
  return out;
}

/** Affirmed events matching a pattern: its actor (or any member), its action or a narrower one, and either direction when mutual. */
export function findEvents(p: EventPattern, expand: (id: string) => Set<string>, index: EvidenceIndex): EventRecord[] {
  const actors = expand(p.actor);
  const targets = p.target === undefined ? undefined : expand(p.target);
  const found = new Map<string, EventRecord>();
  for (const actor of actors) {
    for (const r of index.events(actor, p.action)) {
      if (runsForward(r, actors, targets) && channelFits(r, p)) found.set(r.id, r);
    }
    // The actor may appear as the target of an exchange or of a mutual claim.
    for (const r of index.events(actor, p.action, true)) {
      if ((p.mutual || r.mutual) && runsBackward(r, actors, targets) && channelFits(r, p)) found.set(r.id, r);
    }
  }
  return [...found.values()];
}

/** Records saying such an event did not happen, counted only when their action is as broad as the pattern's. */
export function findDenials(p: EventPattern, expand: (id: string) => Set<string>, index: EvidenceIndex, vocabulary: Vocabulary): EventRecord[] {
  const actors = expand(p.actor);
  const targets = p.target === undefined ? undefined : expand(p.target);
  const found = new Map<string, EventRecord>();
  for (const actor of actors) {
    for (const r of index.negatedEvents(actor)) {
      // "Did not reply" says nothing about "no contact"; only a broader or equal denial does.
      if (!isKindOf(vocabulary, p.action, r.action) || !channelFits(r, p)) continue;
      if (runsForward(r, actors, targets) || ((p.mutual || r.mutual) && runsBackward(r, actors, targets))) found.set(r.id, r);
    }
  }
  return [...found.values()];
}

function runsForward(r: EventRecord, actors: Set<string>, targets: Set<string> | undefined): boolean {
  return actors.has(r.actor) && (targets === undefined || (r.target !== undefined && targets.has(r.target)));
}

function runsBackward(r: EventRecord, actors: Set<string>, targets: Set<string> | undefined): boolean {
  return r.target !== undefined && actors.has(r.target) && (targets === undefined || targets.has(r.actor));
}

function channelFits(r: EventRecord, p: EventPattern): boolean {
  // A record that does not name its channel is not evidence of another channel.
  return p.channel === undefined || r.channel === undefined || r.channel === p.channel;
}

export type Placement = 'inside' | 'outside' | 'unknown' | 'no-window';

/** Inside only when every day the date can denote lies in the window; outside when none does. */
export function place(date: DateInfo | undefined, window: DateInfo): Placement {
  if (!date) return 'unknown';
  if (date.start >= window.start && date.end <= window.end) return 'inside';
  if (date.end < window.start || date.start > window.end) return 'outside';
  return 'unknown';
}

