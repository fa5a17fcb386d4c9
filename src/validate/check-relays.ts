import type { EvidenceRecord } from '../types.js';
import type { Model } from './build-model.js';
import type { Resolver } from './check-references.js';
import { findCycles } from '../model/find-cycles.js';
import { append } from '../model/append.js';
import { createOriginFinder } from '../evidence/find-origins.js';

/** Reports each relays cycle once, at the relays of its smallest id: the first hundred, and how many more. */
export function checkRelayCycles(model: Model, ids: Resolver): void {
  const { cycles, more } = findRelayCycles(model);
  cycles.forEach((cycle, i) => {
    const first = model.sources.get(cycle[0]!)!;
    const rest = i === cycles.length - 1 && more ? `; ${more} more ${more === 1 ? 'cycle was found and is' : 'cycles were found and are'} not listed` : '';
    // A cycle listed in full ends where it began; one cut short counts its sources, not the repeat.
    const shown = cycle.length <= LISTED ? [...cycle, cycle[0]!].join(' → ') : listed(cycle, ' → ');
    ids.report('ref/relays-cycle', first.ref, ['relays'], `sources relay each other in a cycle: ${shown}${rest}`);
  });
}

/** Ids for a message, the first dozen of a long list: a list of thousands made each message as long. */
function listed(items: ReadonlySet<string> | readonly string[], separator: string): string {
  const all = 'size' in items ? items.size : items.length;
  const first: string[] = [];
  for (const item of items) {
    if (first.length === LISTED) break;
    first.push(item);
  }
  return all <= LISTED ? first.join(separator) : `${first.join(separator)}${separator}… (${all} in all)`;
}

const LISTED = 12;
/** Relay cycles reported in one run: each costs its length, and thousands through one source cost their square. */
const MAX_CYCLES = 100;

/**
 * Whether a source relays another, asked of the sources reaching each one
 * named (each source's whole closure kept, for a chain of 8,000, was the
 * square of its length); and what each source relays, as its messages list
 * it, worked out once for all its records.
 */
export interface Relays {
  chainHas: (id: string, other: string) => boolean;
  listings: Map<string, string>;
}

export function createRelays(model: Model): Relays {
  return { chainHas: createOriginFinder(model.sources).chainHas, listings: new Map() };
}

/** Whether a record's relayed_from is down its source's chain; reports it when not. */
export function relayed(model: Model, ids: Resolver, r: EvidenceRecord, relays: Relays): boolean {
  if (r.relayed_from === undefined || !model.sources.has(r.source)) return true;
  if (r.relayed_from === r.source) {
    ids.report('ref/not-relayed', r.ref, ['relayed_from'], `relayed_from names the record's own source "${r.source}"; leave it out for the source's own reporting`);
    return false;
  }
  if (relays.chainHas(r.source, r.relayed_from)) return true;
  let listing = relays.listings.get(r.source);
  if (listing === undefined) {
    const reachable = relayClosure(model, r.source);
    relays.listings.set(r.source, (listing = reachable.size ? ` (it relays ${listed(reachable, ', ')})` : ' (its `relays` list is empty)'));
  }
  ids.report('ref/not-relayed', r.ref, ['relayed_from'], `source "${r.source}" does not relay "${r.relayed_from}"${listing}; add it to the source's relays`);
  return false;
}

/** Every source reachable from `id` through `relays`, excluding `id` itself. */
export function relayClosure(model: Pick<Model, 'sources'>, id: string): Set<string> {
  const seen = new Set<string>();
  const stack = [...(model.sources.get(id)?.relays ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next) || next === id) continue;
    seen.add(next);
    append(stack, model.sources.get(next)?.relays ?? []);
  }
  return seen;
}

/** Each cycle in the relays graph once, rotated to start at its smallest id, up to MAX_CYCLES, and how many more. */
function findRelayCycles(model: Model): { cycles: string[][]; more: number } {
  return findCycles(model.sources.keys(), (id) => (model.sources.get(id)?.relays ?? []).filter((r) => model.sources.has(r)), MAX_CYCLES);
}
