import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** "2/3" → { index: 2, count: 3 }; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const match = /^([1-9][0-9]*)\/([1-9][0-9]*)$/.exec(text);
  if (!match) return undefined;
  const shard = { index: Number(match[1]), count: Number(match[2]) };
  return shard.index <= shard.count && shard.count <= 1000 ? shard : undefined;
}

/**
 * Whether a claim belongs to a shard: by a hash of its id, so a claim stays in
 * its shard when others are added or removed, and shards never overlap.
 */
export function inShard(claimId: string, shard: Shard): boolean {
  const bucket = createHash('sha256').update(claimId).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
