import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { findCycle } from '../model/vocabulary.js';
import type { Locator } from '../types.js';
import type { Model } from './build-model.js';
import { didYouMean } from '../model/suggest.js';

/** The scale and the vocabulary: duplicate ratings, the fallback rating, and every term a term names. */
export function checkConfig(model: Model, locate: Locator, diagnostics: Diagnostic[]): void {
  const config = model.config;
  if (!config) return;
  const ids = new Set<string>();
  config.scale.forEach((r, i) => {
    if (ids.has(r.id)) diagnostics.push(diagnostic('ref/duplicate-id', locate(config.ref, 'scale', i, 'id'), `rating "${r.id}" appears twice in the scale`));
    ids.add(r.id);
  });
  if (!ids.has(config.fallback_rating)) {
    diagnostics.push(
      diagnostic('rule/unknown-rating', locate(config.ref, 'fallback_rating'), `fallback_rating "${config.fallback_rating}" is not on the scale${didYouMean(config.fallback_rating, ids)}`),
    );
  }
  const { actions, measures, topics } = config.vocabulary;
  const known = (list: 'actions' | 'topics', owner: string, field: string, id: string | undefined) => {
    const terms = config.vocabulary[list];
    if (id === undefined || terms.has(id)) return;
    const what = list === 'actions' ? 'action' : 'topic';
    diagnostics.push(diagnostic('ref/unknown-term', locate(config.ref, 'vocabulary', list, owner, field), `unknown ${what} "${id}"${didYouMean(id, terms.keys())}`));
  };
  for (const [id, action] of actions) known('actions', id, 'broader', action.broader);
  for (const [id, topic] of topics) {
    known('topics', id, 'broader', topic.broader);
    known('topics', id, 'opposite', topic.opposite);
  }
  for (const list of ['actions', 'topics'] as const) {
    const cycle = findCycle(config.vocabulary[list]);
    if (cycle) {
      diagnostics.push(
        diagnostic('ref/unknown-term', locate(config.ref, 'vocabulary', list, cycle[0]!, 'broader'), `${list} are broader than each other in a cycle: ${[...cycle, cycle[0]].join(' → ')}`),
      );
    }
  }
  for (const [id, measure] of measures) {
    if (measure.counts !== undefined && !actions.has(measure.counts)) {
      diagnostics.push(
        diagnostic('ref/unknown-term', locate(config.ref, 'vocabulary', 'measures', id, 'counts'), `unknown action "${measure.counts}"${didYouMean(measure.counts, actions.keys())}`),
      );
    }
  }
}
