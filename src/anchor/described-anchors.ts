import type { Anchor } from '../types.js';
import { describeFound, type DescribedText, type Occurrence } from './anchor-quote.js';

/** Where a quote was found, kept to be described when read. */
interface Found {
  snapshot: DescribedText;
  occurrence: Occurrence;
  match: Anchor['match'];
  quote: string;
}

const isFound = (entry: Anchor | Found): entry is Found => 'occurrence' in entry;

/**
 * Anchors by id, each described (its selectors and snippet) when first read.
 * A load anchors every quote, but a result shows only the anchors it cites,
 * and a table none: describing 100,000 was 80 ms of every load at the large
 * size, and their strings were held to the end of the run.
 */
export class DescribedAnchors implements ReadonlyMap<string, Anchor> {
  private readonly entries_ = new Map<string, Anchor | Found>();

  add(id: string, snapshot: DescribedText, occurrence: Occurrence, match: Anchor['match'], quote: string): void {
    // The quote is read only to describe a normalised match; a record's own copy of an exact one is let go.
    this.entries_.set(id, { snapshot, occurrence, match, quote: match === 'normalised' ? quote : '' });
  }

  /** The snapshot's own words a quote was found as, without describing its anchor. */
  exact(id: string): string | undefined {
    const entry = this.entries_.get(id);
    if (entry === undefined) return undefined;
    return isFound(entry) ? entry.snapshot.text.slice(entry.occurrence.from, entry.occurrence.to) : entry.exact;
  }

  get(id: string): Anchor | undefined {
    const entry = this.entries_.get(id);
    if (entry === undefined || !isFound(entry)) return entry;
    const anchor = describeFound(entry.snapshot, entry.occurrence, entry.match, entry.quote);
    // In place: the id keeps its turn in the order.
    this.entries_.set(id, anchor);
    return anchor;
  }

  has(id: string): boolean {
    return this.entries_.has(id);
  }

  get size(): number {
    return this.entries_.size;
  }

  *keys(): MapIterator<string> {
    yield* this.entries_.keys();
  }

  *values(): MapIterator<Anchor> {
    for (const id of this.entries_.keys()) yield this.get(id)!;
  }

  *entries(): MapIterator<[string, Anchor]> {
    for (const id of this.entries_.keys()) yield [id, this.get(id)!];
  }

  [Symbol.iterator](): MapIterator<[string, Anchor]> {
    return this.entries();
  }

  forEach(each: (value: Anchor, key: string, map: ReadonlyMap<string, Anchor>) => void): void {
    for (const [id, anchor] of this.entries()) each(anchor, id, this);
  }
}
