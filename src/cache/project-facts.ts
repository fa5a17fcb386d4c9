import type { Diagnostic } from '../diagnostics.js';
import { recordRoutes } from '../evidence/route-keys.js';
import type { Contradiction, EvidenceRecord, Project } from '../types.js';
import { asciiJson } from './run-manifest.js';
import { isObject } from './manifest-table.js';

export const FACTS_BLOB = 'run-facts';
const FORMAT = 1;

/**
 * What a partial run (partial-run.ts) needs to know of the records it does
 * not load, kept by a full run whose project had no error: every record id
 * and its file, where each query's answers are filed (route-keys.ts), the
 * contradictions found and what the check cost, and the load's diagnostics.
 */
export interface ProjectFacts {
  /** The SHA-256 of the manifest table of the run that kept these: facts of another run are not these. */
  table: string;
  /** The load's diagnostics, sorted: every one a contradiction warning. */
  load: Diagnostic[];
  contradictions: Contradiction[];
  /** Comparisons the contradiction check made, against its limit. */
  comparisons: number;
  /** Evidence files, and the ids each defines, in the same order. */
  files: string[];
  ids: string[][];
  /** By route key, the files (by their place in `files`) with a record filed under it. */
  routes: Record<string, number[]>;
}

/**
 * The facts of a loaded project, as a blob's text; undefined when a partial
 * run could not build on them: a load with a problem other than a
 * contradiction, or a record left out.
 */
export function serializeFacts(project: Project, load: readonly Diagnostic[], comparisons: number, table: string): string | undefined {
  if (project.excludedEvidence.length || load.some((d) => d.code !== 'evidence/contradiction')) return undefined;
  const byFile = new Map<string, EvidenceRecord[]>();
  for (const r of project.evidence.values()) {
    const list = byFile.get(r.ref.file);
    if (list) list.push(r);
    else byFile.set(r.ref.file, [r]);
  }
  const files = [...byFile.keys()].sort();
  const ids: string[][] = [];
  const routes = new Map<string, number[]>();
  files.forEach((file, i) => {
    const records = byFile.get(file)!;
    ids.push(records.map((r) => r.id));
    for (const r of records) {
      for (const key of recordRoutes(r, project.config.vocabulary, project.entities)) {
        const list = routes.get(key);
        if (!list) routes.set(key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  });
  const facts: ProjectFacts = {
    table,
    load: [...load],
    contradictions: project.contradictions,
    comparisons,
    files,
    ids,
    routes: Object.fromEntries(routes),
  };
  return asciiJson({ format: FORMAT, ...facts });
}

/** Facts read back, if they are of the run whose table is `table` and hold together; else undefined. */
export function parseFacts(text: string | undefined, table: string): ProjectFacts | undefined {
  if (text === undefined) return undefined;
  try {
    const f = JSON.parse(text) as Partial<ProjectFacts> & { format?: unknown };
    const ok =
      isObject(f) &&
      f.format === FORMAT &&
      f.table === table &&
      Array.isArray(f.load) &&
      Array.isArray(f.contradictions) &&
      typeof f.comparisons === 'number' &&
      Array.isArray(f.files) &&
      Array.isArray(f.ids) &&
      f.ids.length === f.files.length &&
      isObject(f.routes);
    return ok ? (f as ProjectFacts) : undefined;
  } catch {
    return undefined;
  }
}
