import { loadProject, verifyProject } from '../../src/pipeline.js';
import type { ClaimResult, Project } from '../../src/types.js';
import { makeProject } from './project.js';

/** Sources for small scenarios: one report relayed by two outlets, an independent outlet, a tweet, an interview. */
export const WORLD_SOURCES = `sources:
  - { id: report, kind: news-report, title: The report, publisher: the-atlantic, published: "2017" }
  - { id: outlet-b, kind: news-report, title: Outlet B, publisher: the-week, published: "2017", relays: [report, tweet, interview] }
  - { id: outlet-c, kind: news-report, title: Outlet C, publisher: euronews, published: "2017", relays: [report, tweet] }
  - { id: outlet-d, kind: news-report, title: Outlet D, publisher: the-guardian, published: "2017" }
  - { id: tweet, kind: social-post, title: "[A tweet]", author: donald-trump-jr, publisher: twitter, published: "2017" }
  - { id: interview, kind: interview, title: "[An interview]", author: mike-pence, publisher: fox-news, published: "2016-10-12" }
`;

export function claimsYaml(...claims: string[]): string {
  return claims.length ? `claims:\n${claims.map((c) => indent(c)).join('')}` : 'claims: []\n';
}

export function evidenceYaml(...records: string[]): string {
  return `evidence:\n${records.map((r) => indent(r)).join('')}`;
}

function indent(block: string): string {
  const lines = block.trim().split('\n');
  return `${lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n')}\n`;
}

/** Loads a scenario; fails the test on any load error, so scenarios stay valid. */
export async function loadWorld(evidence: string, claims: string): Promise<Project> {
  const dir = await makeProject({ 'sources/world.yaml': WORLD_SOURCES, 'evidence/world.yaml': evidence, 'claims/world.yaml': claims });
  const loaded = await loadProject(dir);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length || !loaded.project) throw new Error(`scenario does not load:\n${errors.map((d) => `${d.file}:${d.line}:${d.col} ${d.code} ${d.message}`).join('\n')}`);
  return loaded.project;
}

export async function verifyWorld(evidence: string, claims: string): Promise<Map<string, ClaimResult>> {
  const project = await loadWorld(evidence, claims);
  const { claims: results } = await verifyProject(project);
  return new Map(results.map((r) => [r.id, r]));
}

export function fact(result: ClaimResult | undefined, name: string): { value: unknown; evidence: string[] } {
  const f = result?.facts[name];
  if (!f) throw new Error(`no fact ${name}`);
  return f;
}
