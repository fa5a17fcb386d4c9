import type { Source } from '../types.js';
import type { DeferredSources, Model } from '../validate/build-model.js';

// What a partial load (load-project.ts, with loadOnly and keepRecord) narrows its model to.

/** The sources whose snapshots the model's records and claims quote from. */
export function quotedSources(model: Model): Map<string, Source> {
  const ids = new Set<string | undefined>();
  for (const r of model.evidence.values()) ids.add(r.source);
  for (const c of model.claims) ids.add(c.quoted_in).add(c.appearance);
  const out = new Map<string, Source>();
  for (const [id, source] of model.sources) if (ids.has(id)) out.set(id, source);
  return out;
}

/**
 * Drops the sources no record or claim of the model names, nor any source
 * they relay, directly or down a chain: every question asked of a source
 * (its name, its chain, whether it relays another) is asked of one of those.
 * Of sources `deferred`, only those are built.
 */
export function keepNamedSources(model: Model, deferred?: DeferredSources): void {
  const named = new Set<string>();
  const stack: string[] = [];
  const name = (id: string | undefined) => {
    if (id === undefined || named.has(id)) return;
    named.add(id);
    stack.push(id);
  };
  for (const r of model.evidence.values()) {
    name(r.source);
    name(r.relayed_from);
  }
  for (const c of model.claims) {
    name(c.appearance);
    name(c.quoted_in);
  }
  while (stack.length) {
    const id = stack.pop()!;
    for (const relayed of model.sources.get(id)?.relays ?? deferred?.relays(id) ?? []) name(relayed);
  }
  deferred?.build(named);
  for (const id of model.sources.keys()) if (!named.has(id)) model.sources.delete(id);
}
