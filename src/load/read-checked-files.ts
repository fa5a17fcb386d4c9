import { diagnostic, type Diagnostic } from '../diagnostics.js';
import type { ExtraSchema } from '../validate/compile-schemas.js';
import { validateSchema, type SchemaCheck } from '../validate/validate-schema.js';
import { LIMITS } from './layout.js';
import { parseYaml, type ParsedFile } from './parse-yaml.js';
import { listYamlFiles } from './list-files.js';
import { readProjectText } from './read-files.js';
import { append } from '../model/append.js';

export interface CheckedFile {
  file: ParsedFile;
  schema: SchemaCheck;
}

/**
 * Reads the YAML files of a folder that the project loader does not read (rule
 * tests, evaluation sets), or only `only` of them (project paths of files or
 * folders there), with the loader's refusals: nothing outside the project,
 * nothing over the size cap, plain YAML data only. Each is schema-checked.
 */
export async function readCheckedFiles(
  root: string,
  folder: string,
  schema: ExtraSchema,
  only?: readonly string[],
): Promise<{ files: CheckedFile[]; paths: string[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  let paths = await listYamlFiles(root, folder, diagnostics);
  if (only?.length) {
    const under = (path: string, p: string) => path === p || path.startsWith(`${p.replace(/\/+$/, '')}/`);
    for (const p of only) {
      if (!paths.some((f) => under(f, p))) {
        diagnostics.push(diagnostic('file/missing', { file: p, line: 1, col: 1 }, `expected YAML files under ${folder}/, found none at "${p}"`));
      }
    }
    paths = paths.filter((path) => only.some((p) => under(path, p)));
  }
  const files: CheckedFile[] = [];
  for (const path of paths) {
    const read = await readProjectText(root, path, LIMITS.maxFileBytes);
    if (!('text' in read)) {
      diagnostics.push(read.diagnostic);
      continue;
    }
    // The kind only names the file for the parser; the schema is the folder's.
    const parsed = parseYaml({ path, kind: 'rules', text: read.text });
    append(diagnostics, parsed.diagnostics);
    if (parsed.file.value === undefined) continue;
    files.push({ file: parsed.file, schema: validateSchema(parsed.file, schema) });
  }
  return { files, paths, diagnostics };
}
