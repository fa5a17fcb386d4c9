/** Where each kind of file lives in a project. Kinds follow from paths, as editors' schema globs do. */
export const CONFIG_FILE = 'factcheck.config.yaml';

export const FILE_KINDS = ['config', 'entities', 'sources', 'evidence', 'claims', 'rules'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Folders scanned for each kind, relative to the project root. */
export const KIND_FOLDERS: Record<Exclude<FileKind, 'config'>, string> = {
  entities: 'entities',
  sources: 'sources',
  evidence: 'evidence',
  claims: 'claims',
  rules: 'rules',
};

/** Rule test cases (factcheck test): next to the rules, not rules themselves. */
export const RULE_TESTS_FOLDER = 'rules/tests';

/** Labelled evaluation sets (factcheck eval): claims with the verdicts they should get. Not project files. */
export const EVAL_FOLDER = 'eval';

/** Sub-folders that hold something other than their parent's kind. */
export const EXCLUDED_FOLDERS = new Set(['evidence/snapshots', RULE_TESTS_FOLDER]);

/** Caps that keep a hostile file from exhausting memory or time. */
export const LIMITS = {
  maxFileBytes: 10 * 1024 * 1024,
  maxSnapshotBytes: 10 * 1024 * 1024,
  maxAliasCount: 100,
  maxDepth: 64,
} as const;

/** Parse threads past this only cost memory: each holds its own copy of the schemas. */
export const MAX_WORKERS = 32;

/** The kind of a project-relative path, or undefined when factcheck does not read it as YAML. */
export function kindOf(path: string): FileKind | undefined {
  if (path === CONFIG_FILE) return 'config';
  if (!isYamlFile(path)) return undefined;
  if ([...EXCLUDED_FOLDERS].some((folder) => path.startsWith(`${folder}/`))) return undefined;
  const top = path.split('/')[0];
  return (Object.entries(KIND_FOLDERS) as [FileKind, string][]).find(([, folder]) => folder === top)?.[0];
}

/** Whether a change to a project path can change verdicts: a project file, or an archived snapshot. */
export function isInput(path: string): boolean {
  return kindOf(path) !== undefined || (path.startsWith('evidence/snapshots/') && path.endsWith('.txt'));
}

export function isYamlFile(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml');
}
