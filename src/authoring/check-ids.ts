import type { NodeRef, Project } from '../types.js';
import { expected, text, type Answer, type Check, type Checked } from './check-answer.js';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const ID_MAX = 120;

function idShape(answer: Answer, what: string): Checked {
  const t = text(answer);
  const example = 'such as "mill-lane-budget"';
  if (t === undefined || !ID.test(t)) {
    const fixed = t === undefined ? '' : slug(t);
    return expected(`${what} of lowercase letters, digits and hyphens, ${example}`, answer, fixed && fixed !== t ? `; did you mean "${fixed}"?` : '');
  }
  if (t.length > ID_MAX) return { ok: false, message: `expected an id of at most ${ID_MAX} characters, found ${t.length}` };
  return { ok: true, value: t };
}

/** A name turned into an id: "Town Council" → "town-council". */
export function slug(words: string): string {
  return words
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, ID_MAX);
}

export type ItemType = 'entity' | 'source' | 'evidence' | 'claim';

/** Where an item with this id is already defined, if it is. */
export function definedAt(project: Project, type: ItemType, id: string): string | undefined {
  let ref: NodeRef | undefined;
  if (type === 'entity') ref = project.entities.get(id)?.ref;
  if (type === 'source') ref = project.sources.get(id)?.ref;
  if (type === 'evidence') ref = (project.evidence.get(id) ?? project.excludedEvidence.find((r) => r.id === id))?.ref;
  if (type === 'claim') {
    if (!project.claimIds.has(id)) return undefined;
    ref = project.claims.find((c) => c.id === id)?.ref;
    if (!ref) return 'in the project';
  }
  if (!ref) return undefined;
  const at = project.locate(ref);
  return `at ${at.file}:${at.line}:${at.col}`;
}

/** A new item's id: well formed and not yet used by an item of its type. */
export function checkNewId(type: ItemType): Check {
  return (answer, _answers, { project }) => {
    const shape = idShape(answer, 'an id');
    if (!shape.ok) return shape;
    const id = shape.value as string;
    const at = definedAt(project, type, id);
    return at === undefined ? shape : { ok: false, message: `${type} id "${id}" is already defined ${at}; choose another id` };
  };
}

/** A plain id that names nothing in the project (tags). */
export const checkTag: Check = (answer) => idShape(answer, 'a tag');
