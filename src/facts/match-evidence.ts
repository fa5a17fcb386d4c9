import type { EvidenceIndex } from '../evidence/build-index.js';
import type { Contradiction } from '../evidence/detect-contradictions.js';
import { expandEntity } from '../evidence/find-events.js';
import type { AssessmentRecord, Claim, Entity, EventRecord, EvidenceRecord, Source, Vocabulary } from '../types.js';
import { matchEvents } from './match-events.js';
import { matchQuantities } from './match-quantities.js';
import { matchWords } from './match-words.js';

export type Role = 'support' | 'contradict' | 'neutral';

/** What a record shows that the claim gets wrong, beyond taking a side: for facts and explanations. */
export type Mismatch = 'channel' | 'speaker' | 'words' | 'direction' | 'order' | 'topic' | 'time' | 'count';

/** One evidence record as it bears on one claim. */
export interface Match {
  record: EvidenceRecord;
  role: Role;
  /** Why the record has its role, for explanations and the trail. */
  reason: string;
  origins: string[];
  /** The record comes from the claimant: it cannot be independent support. */
  selfReported: boolean;
  /** The record comes from the claim's own appearance: it cannot support the claim at all. */
  ownAppearance: boolean;
  /** For numbers: the subject's own account of its own conduct, which does not confirm it independently. */
  participant: boolean;
  mismatch?: Mismatch;
  /** For quantities: the record's value in the claim's unit. */
  value?: number;
}

/** A record cited for what it tells about the matches rather than for the claim itself. */
export interface ContextRecord {
  record: EvidenceRecord;
  reason: string;
}

export interface ClaimEvidence {
  matches: Match[];
  assessments: AssessmentRecord[];
  /** For quantities that count an action: other responses by the subject that the number leaves out. */
  omittedConduct: EventRecord[];
  /** Contradictions between evidence records that bear on the claim. */
  contradictions: Contradiction[];
  /** The events the matches answer or follow, and the records their dates rest on. */
  context: ContextRecord[];
}

export { expandEntity };

export interface MatchContext {
  entities: ReadonlyMap<string, Entity>;
  sources: ReadonlyMap<string, Source>;
  vocabulary: Vocabulary;
  index: EvidenceIndex;
  originsOf(record: EvidenceRecord): string[];
  /** Whether a source's relays chain (the source and every source down it) holds another. */
  chainHas(sourceId: string, other: string): boolean;
  /** The sources in the chains of these sources, each once, each chain in the order a walk of it gives. */
  chainsOf(sourceIds: Iterable<string>): string[];
  /** The record's quote is located in an archived snapshot. */
  isAnchored(evidenceId: string): boolean;
  contradictionsOf(evidenceId: string): readonly Contradiction[];
}

/** Builds a Match for a record: its origins and whether it is the claimant's own word or the claim's own appearance. */
export type Describe = (record: EvidenceRecord, role: Role, reason: string, extra?: { value?: number; participant?: boolean; mismatch?: Mismatch }) => Match;

/** Finds the evidence bearing on a claim, classifies each record, and gathers the contradictions among them. Pure. */
export function matchEvidence(claim: Claim, ctx: MatchContext): ClaimEvidence {
  const claimant = expandEntity(claim.claimant, ctx.entities);
  const describe: Describe = (record, role, reason, extra = {}) => ({
    record,
    role,
    reason,
    origins: ctx.originsOf(record),
    selfReported: isSelfReported(record, claimant, ctx),
    ownAppearance: comesFrom(record, claim.appearance, ctx),
    participant: extra.participant === true,
    ...(extra.mismatch ? { mismatch: extra.mismatch } : {}),
    ...(extra.value === undefined ? {} : { value: extra.value }),
  });
  const found = classify(claim, ctx, describe);
  const seen = new Set<Contradiction>();
  for (const m of found.matches) for (const c of ctx.contradictionsOf(m.record.id)) seen.add(c);
  return { ...found, context: withDateAnchors(found, ctx), contradictions: [...seen] };
}

function classify(claim: Claim, ctx: MatchContext, describe: Describe): Omit<ClaimEvidence, 'contradictions'> {
  const a = claim.asserts;
  switch (a.kind) {
    case 'quantity':
      return matchQuantities(a, ctx, describe);
    case 'event':
    case 'absence':
    case 'timing':
      return matchEvents(a, claim.date, ctx, describe);
    case 'attribution':
      return { matches: matchWords(a, ctx, describe), assessments: [], omittedConduct: [], context: [] };
    case 'opinion':
      return { matches: [], assessments: [], omittedConduct: [], context: [] };
  }
}

/**
 * The context records with, for every record that takes a side, the records its date was worked
 * out from: relative dates down their chains, and the records a date is inferred from.
 */
function withDateAnchors(found: Omit<ClaimEvidence, 'contradictions'>, ctx: MatchContext): ContextRecord[] {
  if (!found.matches.some((m) => m.role !== 'neutral' && (('date' in m.record && m.record.date?.anchor !== undefined) || m.record.dated_by.length))) return found.context;
  const out = new Map(found.context.map((c) => [c.record.id, c]));
  const taken = new Set(found.matches.map((m) => m.record.id));
  const queue = found.matches.filter((m) => m.role !== 'neutral').map((m) => m.record);
  for (let i = 0; i < queue.length && i < 64; i++) {
    const r = queue[i]!;
    const date = 'date' in r ? r.date : undefined;
    const dating = [...(date?.anchor ? [date.anchor] : []), ...r.dated_by];
    for (const id of dating) {
      const other = ctx.index.get(id);
      if (!other || out.has(id) || taken.has(id)) continue;
      out.set(id, { record: other, reason: `dates ${r.id}` });
      queue.push(other);
    }
  }
  return [...out.values()].sort((x, y) => compareIds(x.record.id, y.record.id));
}

/** From the claimant: attributed to them, spoken by them, or from a source they wrote or published. */
function isSelfReported(record: EvidenceRecord, claimant: Set<string>, ctx: MatchContext): boolean {
  if (record.attributed_to !== undefined && claimant.has(record.attributed_to)) return true;
  if (record.kind === 'statement' && claimant.has(record.speaker)) return true;
  // An outlet's other articles are its own word, not independent confirmation of its claim.
  for (const id of new Set([record.source, ...ctx.originsOf(record)])) {
    const source = ctx.sources.get(id);
    if (source?.authors.some((a) => claimant.has(a)) || (source?.publisher !== undefined && claimant.has(source.publisher))) return true;
  }
  return false;
}

function comesFrom(record: EvidenceRecord, appearance: string, ctx: MatchContext): boolean {
  if (record.source === appearance) return true;
  return record.relayed_from !== undefined && ctx.chainHas(record.relayed_from, appearance);
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(6)));
}
