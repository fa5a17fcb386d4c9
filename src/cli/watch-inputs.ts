import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE, isInput, KIND_FOLDERS } from '../load/layout.js';

/** A watcher on one folder: node's fs.watch, or a stand-in in tests. */
export type WatchFolder = (path: string, options: { recursive: boolean }, listener: (event: string, name: string | Buffer | null) => void) => Pick<FSWatcher, 'close' | 'on'>;

/**
 * Watches a project's inputs and nothing else: each kind's folder (claims,
 * evidence with its snapshots, sources, entities, rules), recursively, and
 * the project folder itself, alone, for the config file and for a kind's
 * folder made or removed. A recursive watch of the project folder would also
 * watch node_modules, .git and the cache, one watch for each of their
 * folders (Linux watches folder by folder). `onChange` gets the project path
 * of a changed input; a folder made or removed is reported by its name, so
 * the caller can watch afresh.
 */
export function watchInputs(
  root: string,
  onChange: (path: string) => void,
  onError: (error: Error) => void,
  watch: WatchFolder = fsWatch,
): { close(): void } {
  const watchers: Pick<FSWatcher, 'close' | 'on'>[] = [];
  const folders = new Set(Object.values(KIND_FOLDERS));
  const add = (path: string, recursive: boolean, changed: (name: string) => void) => {
    try {
      const watcher = watch(path, { recursive }, (_event, name) => {
        if (name) changed(name.toString().split('\\').join('/'));
      });
      watcher.on('error', onError);
      watchers.push(watcher);
    } catch (error) {
      // A folder that is not there (yet) is no error: the project folder's watch sees it made.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || path === root) throw error;
    }
  };
  try {
    add(root, false, (name) => {
      if (name === CONFIG_FILE || folders.has(name)) onChange(name);
    });
    for (const folder of folders) {
      add(join(root, folder), true, (name) => {
        const path = `${folder}/${name}`;
        if (isInput(path)) onChange(path);
      });
    }
  } catch (error) {
    for (const watcher of watchers) watcher.close();
    throw error;
  }
  return {
    close() {
      for (const watcher of watchers.splice(0)) watcher.close();
    },
  };
}
