import { readdirSync, readFileSync } from 'node:fs';
import type { Diagnostic } from '../../src/diagnostics.js';
import { CONFIG_FILE, KIND_FOLDERS, kindOf, type FileKind } from '../../src/load/layout.js';
import { parseYaml, type ParsedFile } from '../../src/load/parse-yaml.js';
import type { Locator } from '../../src/types.js';
import type { UsableFile } from '../../src/validate/build-model.js';
import { validateSchema } from '../../src/validate/validate-schema.js';

/** A project as text: YAML by project path, such as `{ 'claims/a.yaml': 'claims: …' }`. */
export type ProjectFiles = Readonly<Record<string, string>>;

/** A project parsed and schema-checked in memory: what buildModel and checkReferences take. */
export interface MemoryProject {
  /** Every file parsed, usable or not, by path. */
  parsed: ReadonlyMap<string, ParsedFile>;
  /** The files buildModel reads, each with the list items its schema check refused. */
  usable: UsableFile[];
  /** Parse and schema diagnostics, in file order. */
  diagnostics: Diagnostic[];
  /** Positions of model items, as the loader's locator gives them. */
  locate: Locator;
}

/**
 * Parses and schema-checks files as the loader does (load/process-file.ts):
 * a file that does not parse, or has an error outside its list items, is not
 * usable; in a usable file only the refused items are skipped. No disk.
 */
export function memoryProject(files: ProjectFiles): MemoryProject {
  const parsed = new Map<string, ParsedFile>();
  const usable: UsableFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [path, text] of Object.entries(files)) {
    const kind = kindOf(path);
    if (!kind) throw new Error(`${path} is not a path factcheck reads as a project file`);
    const { file, problems, skip } = processText(path, kind, text);
    parsed.set(path, file);
    diagnostics.push(...problems);
    if (skip) usable.push({ file, skip });
  }
  const locate: Locator = (ref, ...sub) => parsed.get(ref.file)?.locate([...ref.path, ...sub]) ?? { file: ref.file, line: 1, col: 1 };
  return { parsed, usable, diagnostics, locate };
}

/** One file parsed and schema-checked; `skip` is set when the file is usable. */
interface Processed {
  file: ParsedFile;
  problems: Diagnostic[];
  skip?: ReadonlySet<number>;
}
const processed = new Map<string, Processed>();

/** Parses and schema-checks one file; the same text at the same path is processed once (the bundled corpus serves many tests). */
function processText(path: string, kind: FileKind, text: string): Processed {
  const key = `${path}\0${text}`;
  let done = processed.get(key);
  if (!done) {
    const { file, diagnostics } = parseYaml({ path, kind, text });
    const schema = file.value === undefined ? undefined : validateSchema(file);
    done = { file, problems: [...diagnostics, ...(schema?.diagnostics ?? [])], skip: schema && !schema.fileInvalid ? schema.invalidItems : undefined };
    processed.set(key, done);
  }
  return done;
}

const ROOT = new URL('../../', import.meta.url);
let bundled: ProjectFiles | undefined;

/** The bundled corpus's YAML (config, entities, sources, evidence, claims, rules), read from the repository once. */
export function bundledFiles(): ProjectFiles {
  if (!bundled) {
    const files: Record<string, string> = { [CONFIG_FILE]: readFileSync(new URL(CONFIG_FILE, ROOT), 'utf8') };
    for (const folder of Object.values(KIND_FOLDERS)) {
      for (const name of readdirSync(new URL(`${folder}/`, ROOT)).sort()) {
        const path = `${folder}/${name}`;
        if (kindOf(path)) files[path] = readFileSync(new URL(path, ROOT), 'utf8');
      }
    }
    bundled = Object.freeze(files);
  }
  return bundled;
}
