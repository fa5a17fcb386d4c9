import type { Anchor } from '../types.js';
import { describedText, describeFound, type Occurrence } from './anchor-quote.js';

/**
 * Where a quote was found, kept to be described when read. Plain data: the
 * snapshot's text (which the run holds anyway), nothing that holds a scope.
 */
interface Found {
  text: string;
  astral: boolean;
  occurrence: Occurrence;
  match: Anchor['match'];
  quote: string;
}

const isFound = (entry: Anchor | Found): entry is Found => 'occurrence' in entry;

/**
 * Anchors by id, each described (its selectors and snippet) when first read.
 * A load anchors every quote, but a result shows only the anchors it cites,
 * and a table none: describing 100,000 was 80 ms of every load at the large
 * size, and their strings were held to the end of the run. A Map still, to
 * anything that asks, with every read through it described.
 */
export class DescribedAnchors extends Map<string, Anchor> {
  add(id: string, text: string, astral: boolean, occurrence: Occurrence, match: Anchor['match'], quote: string): void {
    // The quote is read only to describe a normalised match; a record's own copy of an exact one is let go.
    const found: Found = { text, astral, occurrence, match, quote: match === 'normalised' ? quote : '' };
    super.set(id, found as unknown as Anchor);
  }

  /** The snapshot's own words a quote was found as, without describing its anchor. */
  exact(id: string): string | undefined {
    const entry = this.stored(id);
    if (entry === undefined) return undefined;
    return isFound(entry) ? entry.text.slice(entry.occurrence.from, entry.occurrence.to) : entry.exact;
  }

  override get(id: string): Anchor | undefined {
    const entry = this.stored(id);
    if (entry === undefined || !isFound(entry)) return entry;
    const anchor = describeFound(describedText(entry.text, entry.astral), entry.occurrence, entry.match, entry.quote);
    // In place: the id keeps its turn in the order.
    super.set(id, anchor);
    return anchor;
  }

  override *values(): MapIterator<Anchor> {
    for (const id of this.keys()) yield this.get(id)!;
  }

  override *entries(): MapIterator<[string, Anchor]> {
    for (const id of this.keys()) yield [id, this.get(id)!];
  }

  override [Symbol.iterator](): MapIterator<[string, Anchor]> {
    return this.entries();
  }

  override forEach(each: (value: Anchor, key: string, map: Map<string, Anchor>) => void, thisArg?: unknown): void {
    for (const [id, anchor] of this.entries()) each.call(thisArg, anchor, id, this);
  }

  private stored(id: string): Anchor | Found | undefined {
    return super.get(id) as Anchor | Found | undefined;
  }
}
