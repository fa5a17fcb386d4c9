import type { Position } from '../diagnostics.js';
import type { Project } from '../types.js';

/** Where an input (a hash-inputs key) is defined in the project now, if it still is. */
export function locateInput(key: string, project: Project): Position | undefined {
  const at = key.indexOf(':');
  const kind = at === -1 ? key : key.slice(0, at);
  const rest = at === -1 ? '' : key.slice(at + 1);
  switch (kind) {
    case 'config':
      return project.locate(project.config.ref);
    case 'evidence': {
      const r = project.evidence.get(rest);
      return r && project.locate(r.ref);
    }
    case 'source': {
      const s = project.sources.get(rest);
      return s && project.locate(s.ref);
    }
    case 'entity': {
      const e = project.entities.get(rest);
      return e && project.locate(e.ref);
    }
    case 'ruleset': {
      const r = project.rulesets.get(rest);
      return r && project.locate(r.ref);
    }
    case 'rule': {
      const [ruleset, name] = rest.split('/');
      const rule = project.rulesets.get(ruleset ?? '')?.rules.find((r) => r.name === name);
      return rule && project.locate(rule.ref);
    }
    case 'claim': {
      const [id, field] = rest.split('/');
      const claim = project.claims.find((c) => c.id === id);
      return claim && project.locate(claim.ref, ...(field ? [field] : []));
    }
    default:
      return undefined;
  }
}
