import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { CONFIG_FILE, EXCLUDED_FOLDERS, KIND_FOLDERS, isYamlFile, type FileKind } from './layout.js';
import { resolveInside } from './resolve-inside.js';

export interface ProjectListing {
  paths: { path: string; kind: FileKind }[];
  diagnostics: Diagnostic[];
}

/** The project files of every known kind, the config first, then each kind's folder in name order. */
export async function listProjectFiles(root: string): Promise<ProjectListing> {
  const diagnostics: Diagnostic[] = [];
  const paths: ProjectListing['paths'] = [{ path: CONFIG_FILE, kind: 'config' }];
  for (const [kind, folder] of Object.entries(KIND_FOLDERS) as [FileKind, string][]) {
    for (const path of await listYamlFiles(root, folder, diagnostics)) paths.push({ path, kind });
  }
  return { paths, diagnostics };
}

/** The YAML files under a folder, in name order, through links that stay in the project; a link out is a diagnostic. */
export async function listYamlFiles(root: string, folder: string, diagnostics: Diagnostic[]): Promise<string[]> {
  const found: string[] = [];
  const visited = new Set<string>();
  async function walk(rel: string): Promise<void> {
    const inside = await resolveInside(root, rel);
    if (!inside.ok) {
      diagnostics.push(diagnostic('file/outside-project', { file: rel, line: 1, col: 1 }, inside.reason));
      return;
    }
    if (visited.has(inside.path)) return;
    visited.add(inside.path);
    let entries: Dirent[];
    try {
      entries = readdirSync(inside.path, { withFileTypes: true });
    } catch {
      return; // an absent folder is simply empty
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const child = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (EXCLUDED_FOLDERS.has(child)) continue;
      if (entry.isSymbolicLink()) {
        const target = await resolveInside(root, child);
        if (!target.ok) {
          diagnostics.push(diagnostic('file/outside-project', { file: child, line: 1, col: 1 }, target.reason));
          continue;
        }
        let info;
        try {
          info = lstatSync(target.path);
        } catch {
          info = undefined;
        }
        if (info?.isDirectory()) await walk(child);
        else if (isYamlFile(entry.name)) found.push(child);
      } else if (entry.isDirectory()) {
        await walk(child);
      } else if (entry.isFile() && isYamlFile(entry.name)) {
        found.push(child);
      }
    }
  }
  await walk(folder);
  return found.map((p) => p.split(sep).join('/'));
}
