import { CONFIG_FILE, type FileKind } from '../load/layout.js';
import { editorSettings, modeline } from './editor-settings.js';
import {
  CLAIMS_YAML,
  CONFIG_YAML,
  ENTITIES_YAML,
  EVIDENCE_YAML,
  EXTENSIONS_JSON,
  GITIGNORE,
  SHA256_SLOT,
  SNAPSHOT_PATH,
  SNAPSHOT_TEXT,
  SOURCES_YAML,
} from './starter-files.js';
import { WORKFLOW_YAML } from './starter-workflow.js';
import { sha256 } from '../model/hash.js';

/** Where a new project keeps its copy of the schemas, relative to its root. */
export const STARTER_SCHEMAS = 'schemas';

export interface StarterFile {
  /** Project-relative POSIX path. */
  path: string;
  content: string;
}

/** factcheck's methodology, as shipped: a ruleset per claim kind and test cases that hold in any project, by file name. */
export interface Methodology {
  rules: ReadonlyMap<string, string>;
  tests: ReadonlyMap<string, string>;
}

/**
 * Every file of a new project, with nothing read or written: the config, one
 * example of each kind of file, the archived snapshot with its SHA-256 pinned,
 * the whole methodology (every ruleset and its test cases, so that every kind
 * of claim can be checked from the first day, and every change to a rule is
 * a reviewed commit of the newsroom's own), the editor settings, the CI
 * workflow, and a copy of the schemas (given by file name) that the modelines
 * and settings point at, so that editors check the files offline and against
 * the version of factcheck that made them. The lock of recorded verdicts is
 * not here: it is computed from these files.
 */
export function starterProject(schemas: ReadonlyMap<string, string>, methodology: Methodology): StarterFile[] {
  const pinned = sha256(SNAPSHOT_TEXT);
  const yaml = (kind: FileKind, path: string, body: string): StarterFile => ({
    path,
    content: `${modeline(kind, path, STARTER_SCHEMAS)}\n${body}`,
  });
  return [
    yaml('config', CONFIG_FILE, CONFIG_YAML),
    yaml('entities', 'entities/organisations.yaml', ENTITIES_YAML),
    yaml('sources', 'sources/exampleton.yaml', SOURCES_YAML.replace(SHA256_SLOT, pinned)),
    { path: SNAPSHOT_PATH, content: SNAPSHOT_TEXT },
    yaml('evidence', 'evidence/exampleton-council-cycle-path.yaml', EVIDENCE_YAML),
    yaml('claims', 'claims/exampleton.yaml', CLAIMS_YAML),
    ...sorted(methodology.rules).map(([name, text]) => yaml('rules', `rules/${name}`, `${RULES_NOTE}${withoutModeline(text)}`)),
    ...sorted(methodology.tests).map(([name, text]) => ({ path: `rules/tests/${name}`, content: `${modeline('rule-tests', `rules/tests/${name}`, STARTER_SCHEMAS)}\n${text}` })),
    { path: '.vscode/settings.json', content: editorSettings(STARTER_SCHEMAS) },
    { path: '.vscode/extensions.json', content: EXTENSIONS_JSON },
    { path: '.github/workflows/verify.yml', content: WORKFLOW_YAML },
    { path: '.gitignore', content: GITIGNORE },
    ...sorted(schemas).map(([name, content]) => ({ path: `${STARTER_SCHEMAS}/${name}`, content })),
  ];
}

const sorted = (files: ReadonlyMap<string, string>) => [...files].sort(([a], [b]) => (a < b ? -1 : 1));

/** The shipped files name factcheck's own schema folder; the starter's modeline names the project's. */
function withoutModeline(text: string): string {
  return text.replace(/^# yaml-language-server: .*\n/, '');
}

const RULES_NOTE = `#
# factcheck's methodology for this kind of claim, as the version that made this
# project ships it: json-rules-engine rules over the facts factcheck computes
# (the catalogue is docs/facts.md in factcheck). The rule with the highest
# priority that fires decides. Adapt it to your desk's standards; the cases in
# rules/tests/ say what each rule must decide (run factcheck test --coverage).
`;
