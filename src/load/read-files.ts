import { lstatSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics.js';
import { LIMITS, type FileKind } from './layout.js';
import type { FileStamp } from '../types.js';
import { sha256 } from '../model/hash.js';
import { listProjectFiles, type ProjectListing } from './list-files.js';
import { resolveInsideSync } from './resolve-inside.js';

export type { FileStamp };

/** Files known unchanged since they were last read, by path: each one's hash and stamp. */
export type KnownFiles = Pick<ReadonlyMap<string, { hash: string; stamp: FileStamp }>, 'has' | 'get'>;

export interface TextFile {
  /** Project-relative POSIX path: what diagnostics print. */
  path: string;
  kind: FileKind;
  text: string;
  /** The file's identity and times, taken just before it was read. */
  stamp?: FileStamp;
  /** The SHA-256 of the text, when known without reading it (an unchanged file of the last run). */
  hash?: string;
}

export interface ReadFilesResult {
  files: TextFile[];
  diagnostics: Diagnostic[];
}

/** Reads every project file of a known kind. Never follows a path out of the project. */
export async function readProjectFiles(
  root: string,
  /** Files known unchanged, with their hash and stamp: read only if their text is asked for. */
  unchanged: KnownFiles = new Map(),
  /** Only the files this accepts; every file when absent. */
  only?: (path: string, kind: FileKind) => boolean,
  /** The files as listed already; listed here when absent. */
  listing?: ProjectListing,
): Promise<ReadFilesResult> {
  const files: TextFile[] = [];
  const realRoot = realpathSync(root);
  const { paths, diagnostics } = listing ? { paths: listing.paths, diagnostics: [...listing.diagnostics] } : await listProjectFiles(realRoot);
  for (const { path, kind } of paths) {
    if (only && !only(path, kind)) continue;
    const known = unchanged.get(path);
    if (known) {
      files.push(lazyFile(realRoot, path, kind, known));
      continue;
    }
    const read = await readProjectText(realRoot, path, LIMITS.maxFileBytes);
    if ('text' in read) files.push({ path, kind, text: read.text, ...(read.stamp ? { stamp: read.stamp } : {}) });
    else diagnostics.push(read.diagnostic);
  }
  return { files, diagnostics };
}

/**
 * Lets go of a file's text once it is parsed: read again, and checked against
 * its hash, only if something asks for it (a diagnostic's position deeper than
 * the parse kept). In place, so that every holder of the file lets go: a large
 * project's YAML text is tens of megabytes that verification never reads.
 */
export function releaseText(root: string, file: TextFile, hash: string): void {
  // A file read lazily already is released too: a parse that missed the cache read its text into it.
  if (!file.stamp) return;
  const lazy = lazyFile(root, file.path, file.kind, { hash, stamp: file.stamp });
  Object.defineProperty(file, 'text', { get: () => lazy.text, enumerable: true, configurable: true });
  file.hash = hash;
}

/** A file changed between the moment the run took stock of it and the moment it read it: not a bug, and nothing to trust. */
export class FileChangedError extends Error {
  constructor(readonly path: string) {
    super(`${path} changed while factcheck was reading the project; run again`);
  }
}

/**
 * A file whose hash is known, read on first use of its text: most of a large
 * project's files are unchanged between runs and come from the parse cache.
 * It is read with the same refusals as any other, and should it have changed
 * since all the same, its hash no longer matches and the run stops.
 */
function lazyFile(root: string, path: string, kind: FileKind, known: { hash: string; stamp: FileStamp }): TextFile {
  let text: string | undefined;
  return {
    path,
    kind,
    stamp: known.stamp,
    hash: known.hash,
    get text(): string {
      if (text === undefined) {
        const read = readBytesSync(root, path, LIMITS.maxFileBytes);
        const decoded = 'bytes' in read ? decodeText(read.bytes, { file: path, line: 1, col: 1 }) : undefined;
        if (!decoded || !('text' in decoded) || sha256(decoded.text) !== known.hash) {
          throw new FileChangedError(path);
        }
        text = decoded.text;
      }
      return text;
    },
  };
}

type ReadText = { text: string; stamp?: FileStamp } | { diagnostic: Diagnostic };
type ReadBytes = { bytes: Buffer; stamp: FileStamp } | { diagnostic: Diagnostic };

/**
 * Reads a project-relative file as UTF-8 text, refusing absolute paths, `..`
 * escapes and symlinks that lead outside the project, oversized files and
 * files that are not text. A leading byte-order mark is dropped.
 */
export async function readProjectText(root: string, path: string, maxBytes: number): Promise<ReadText> {
  const read = await readProjectBytes(root, path, maxBytes);
  if (!('bytes' in read)) return read;
  const text = decodeText(read.bytes, { file: path, line: 1, col: 1 });
  return 'text' in text ? { text: text.text, stamp: read.stamp } : text;
}

/** Reads a project-relative file's bytes, with the same refusals as readProjectText. */
export async function readProjectBytes(root: string, path: string, maxBytes: number): Promise<ReadBytes> {
  return readBytesSync(root, path, maxBytes);
}

// Synchronous calls: for thousands of small files they cost a fraction of a round trip through the thread pool each.
function readBytesSync(root: string, path: string, maxBytes: number): ReadBytes {
  const at = { file: path, line: 1, col: 1 };
  const inside = resolveInsideSync(root, path);
  if (!inside.ok) return { diagnostic: diagnostic('file/outside-project', at, inside.reason) };
  try {
    const info = inside.info ?? lstatSync(inside.path);
    if (!info.isFile()) return { diagnostic: diagnostic('file/unreadable', at, `expected a file, found ${describeKind(info)}`) };
    if (info.size > maxBytes) {
      return {
        diagnostic: diagnostic(
          'file/too-large',
          at,
          `file is ${formatBytes(Number(info.size))}; the cap is ${formatBytes(maxBytes)} (split it into smaller files)`,
        ),
      };
    }
    return { bytes: readFileSync(inside.path), stamp: stampOf(info) };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { diagnostic: diagnostic('file/missing', at, 'file does not exist') };
    return { diagnostic: diagnostic('file/unreadable', at, `cannot read file (${code ?? 'unknown error'})`) };
  }
}

/**
 * A file's stamp from plain stats: BigInt stats cost Node four Date objects each, a tenth of a run
 * with nothing changed. Times are in whole nanoseconds as a double gives them (to within a quarter
 * of a microsecond today), the same for the same stats every time, which is all a stamp is
 * compared for; an inode past 2^53 loses its last bits, and the size and times still tell.
 */
export function stampOf(info: Stats): FileStamp {
  return { size: info.size, ino: String(info.ino), mtimeNs: nanoseconds(info.mtimeMs), ctimeNs: nanoseconds(info.ctimeMs) };
}

function nanoseconds(ms: number): string {
  // Through BigInt, which writes every digit: a number past 1e21 would come out in exponent form.
  return String(BigInt(Math.round(ms * 1e6)));
}

/**
 * statProjectFile for many files at once, the same answers: a file in a
 * folder whose real path is itself, and that is no link, is taken from one
 * lstat; anything else goes the whole way. Each folder is resolved once per
 * call. Checking 11,000 files' stamps is most of a run with nothing changed.
 */
export function projectFileStats(root: string): (path: string) => Stats | undefined {
  const plainFolders = new Map<string, boolean>();
  return (path) => {
    const slash = path.lastIndexOf('/');
    const folder = slash === -1 ? '' : path.slice(0, slash);
    let plain = plainFolders.get(folder);
    if (plain === undefined) {
      const lexical = folder ? `${root}${sep}${folder}` : root;
      try {
        plain = sep === '/' && realpathSync(lexical) === lexical;
      } catch {
        plain = false;
      }
      plainFolders.set(folder, plain);
    }
    if (plain) {
      const info = lstatSync(`${root}${sep}${path}`, { throwIfNoEntry: false });
      if (info?.isFile()) return info;
    }
    return statProjectFile(root, path);
  };
}

/** A project file's stats now, resolved as a read resolves it; undefined when it cannot be read. */
export function statProjectFile(root: string, path: string): Stats | undefined {
  const inside = resolveInsideSync(root, path);
  if (!inside.ok) return undefined;
  const info = inside.info ?? lstatSync(inside.path, { throwIfNoEntry: false });
  return info?.isFile() ? info : undefined;
}

/** A project file's stamp now, resolved as a read resolves it; undefined when it cannot be read. */
export function stampProjectFile(root: string, path: string): FileStamp | undefined {
  const info = statProjectFile(root, path);
  return info ? stampOf(info) : undefined;
}

/**
 * Whether stats are those a stamp was made of, without making one: the stamp
 * as four numbers from `at` (size, inode, mtimeNs, ctimeNs), its times
 * integers as doubles, as stampOf writes them out. Most of a warm run's
 * garbage was stamps made only to compare.
 */
export function statsMatch(info: Stats, kept: ArrayLike<number>, at = 0): boolean {
  return info.size === kept[at] && info.ino === kept[at + 1] && Math.round(info.mtimeMs * 1e6) === kept[at + 2] && Math.round(info.ctimeMs * 1e6) === kept[at + 3];
}

export function decodeText(bytes: Buffer, at: { file: string; line: number; col: number }): ReadText {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return { diagnostic: diagnostic('file/not-utf8', at, `expected UTF-8 text, found a binary file (NUL byte at offset ${nul})`) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text };
  } catch {
    return { diagnostic: diagnostic('file/not-utf8', at, 'expected UTF-8 text, found bytes that are not valid UTF-8') };
  }
}

function describeKind(info: { isDirectory(): boolean }): string {
  return info.isDirectory() ? 'a folder' : 'something that is not a regular file';
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
