import type { Config, NodeRef, Rating } from '../types.js';

type Raw = Record<string, any>;

/** The config as typed data: the scale and the vocabulary, each vocabulary list by id. */
export function readConfig(data: Raw, ref: NodeRef): Config {
  const vocabulary = data.vocabulary as Raw;
  return {
    organization: data.organization,
    claimreview: data.claimreview,
    scale: (data.scale as Raw[]).map((r) => ({ ...r }) as Rating),
    fallback_rating: data.fallback_rating,
    vocabulary: {
      actions: new Map(Object.entries(vocabulary.actions as Raw)),
      measures: new Map(Object.entries(vocabulary.measures as Raw)),
      channels: new Map(Object.entries(vocabulary.channels as Raw)),
      topics: new Map(Object.entries((vocabulary.topics ?? {}) as Raw)),
    },
    ref,
  };
}
