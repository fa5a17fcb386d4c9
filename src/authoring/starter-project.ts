import { createHash } from 'node:crypto';
import { CONFIG_FILE, type FileKind } from '../load/layout.js';
import { editorSettings, modeline } from './editor-settings.js';
import {
  CLAIMS_YAML,
  CONFIG_YAML,
  ENTITIES_YAML,
  EVIDENCE_YAML,
  EXTENSIONS_JSON,
  GITIGNORE,
  RULE_TESTS_YAML,
  RULES_YAML,
  SHA256_SLOT,
  SNAPSHOT_PATH,
  SNAPSHOT_TEXT,
  SOURCES_YAML,
} from './starter-files.js';
import { WORKFLOW_YAML } from './starter-workflow.js';

/** Where a new project keeps its copy of the schemas, relative to its root. */
export const STARTER_SCHEMAS = 'schemas';

export interface StarterFile {
  /** Project-relative POSIX path. */
  path: string;
  content: string;
}

/**
 * Every file of a new project, with nothing read or written: the config, one
 * example of each kind of file, the archived snapshot with its SHA-256 pinned,
 * the editor settings, the CI workflow, and a copy of the schemas (given by
 * file name) that the modelines and settings point at, so that editors check
 * the files offline and against the version of factcheck that made them.
 * The lock of recorded verdicts is not here: it is computed from these files.
 */
export function starterProject(schemas: ReadonlyMap<string, string>): StarterFile[] {
  const sha256 = createHash('sha256').update(SNAPSHOT_TEXT, 'utf8').digest('hex');
  const yaml = (kind: FileKind, path: string, body: string): StarterFile => ({
    path,
    content: `${modeline(kind, path, STARTER_SCHEMAS)}\n${body}`,
  });
  return [
    yaml('config', CONFIG_FILE, CONFIG_YAML),
    yaml('entities', 'entities/organisations.yaml', ENTITIES_YAML),
    yaml('sources', 'sources/exampleton.yaml', SOURCES_YAML.replace(SHA256_SLOT, sha256)),
    { path: SNAPSHOT_PATH, content: SNAPSHOT_TEXT },
    yaml('evidence', 'evidence/exampleton-council-cycle-path.yaml', EVIDENCE_YAML),
    yaml('claims', 'claims/exampleton.yaml', CLAIMS_YAML),
    yaml('rules', 'rules/quantity.yaml', RULES_YAML),
    { path: 'rules/tests/quantity.yaml', content: `${modeline('rule-tests', 'rules/tests/quantity.yaml', STARTER_SCHEMAS)}\n${RULE_TESTS_YAML}` },
    { path: '.vscode/settings.json', content: editorSettings(STARTER_SCHEMAS) },
    { path: '.vscode/extensions.json', content: EXTENSIONS_JSON },
    { path: '.github/workflows/verify.yml', content: WORKFLOW_YAML },
    { path: '.gitignore', content: GITIGNORE },
    ...[...schemas].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, content]) => ({ path: `${STARTER_SCHEMAS}/${name}`, content })),
  ];
}
