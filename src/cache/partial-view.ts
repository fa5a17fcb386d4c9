import type { ProjectListing } from '../load/list-files.js';
import { projectFileStats } from '../load/read-files.js';
import type { FileCache } from './file-cache.js';
import { stampNumbers, type InputEntry, type RunManifest } from './run-manifest.js';
import { provedByStats, sameContent, trustedStamps } from './unchanged-since.js';

/**
 * The view a partial run printed, kept for the runs after it. A partial run
 * keeps no manifest (partial-run.ts): without this, every run after evidence
 * was added, changed nothing or not, loaded and verified again what the new
 * files reach, until a full run. The view holds while the project is the
 * manifest's, with the same files added and each as the partial run read it.
 */
const PARTIAL_VIEW_BLOB = 'partial-view';

/** What the view was made from: the manifest's run, and the files added to it, in the listing's order. */
interface Head {
  base: string;
  key: string;
  /** When the partial run began: the added files' stamps are trusted only if older. */
  started: number;
  added: InputEntry[];
}

/** The manifest's run, told apart from any other: its table and when it began. */
const baseOf = (manifest: RunManifest) => `${manifest.table} ${manifest.written}`;

/** Keeps a partial run's view, given as its UTF-8 bytes, with what it was made from. */
export function keepPartialView(cache: FileCache, manifest: RunManifest, key: string, started: number, added: InputEntry[], bytes: Uint8Array): void {
  const head: Head = { base: baseOf(manifest), key, started, added };
  cache.setBlob(PARTIAL_VIEW_BLOB, [Buffer.from(`${JSON.stringify(head)}\n`, 'utf8'), bytes]);
}

/**
 * The view a partial run kept, as its UTF-8 bytes, if the project is as it
 * was then: every input the manifest names unchanged (`allInputs`), every file
 * it listed still listed, and besides them only the files that run added, each
 * with the stamp or the content it had.
 */
export async function readPartialView(
  cache: FileCache,
  root: string,
  manifest: RunManifest,
  listing: ProjectListing,
  allInputs: boolean,
  key: string,
): Promise<Buffer | undefined> {
  // Told from the listing first: a run that changed anything else neither reads the blob nor, by
  // reading it, keeps it through a full run's pruning.
  if (listing.diagnostics.length || manifest.missing.length || !allInputs) return undefined;
  const before = new Set(manifest.listed);
  const added = listing.paths.map((p) => p.path).filter((path) => !before.has(path));
  // Paths are listed once each: as many listed now, less those added, as then means none went.
  if (!added.length || listing.paths.length - added.length !== before.size) return undefined;
  const bytes = cache.getBlobBytes(PARTIAL_VIEW_BLOB);
  const end = bytes?.indexOf(10) ?? -1;
  if (bytes === undefined || end === -1) return undefined;
  const head = parseHead(bytes.toString('utf8', 0, end));
  if (!head || head.base !== baseOf(manifest) || head.key !== key) return undefined;
  if (added.length !== head.added.length || added.some((path, i) => path !== head.added[i]![0])) return undefined;
  const statsOf = projectFileStats(root);
  const trusted = trustedStamps(head.started);
  for (const [path, hash, size, ino, mtimeNs, ctimeNs] of head.added) {
    const info = statsOf(path);
    if (info && provedByStats(info, stampNumbers([{ size, ino, mtimeNs, ctimeNs }]), 0, trusted)) continue;
    if (!info || !(await sameContent(root, path, hash))) return undefined;
  }
  return bytes.subarray(end + 1);
}

function parseHead(text: string): Head | undefined {
  try {
    const head = JSON.parse(text) as Partial<Head>;
    const ok =
      typeof head === 'object' &&
      head !== null &&
      typeof head.base === 'string' &&
      typeof head.key === 'string' &&
      typeof head.started === 'number' &&
      Array.isArray(head.added) &&
      head.added.every((e) => Array.isArray(e) && e.length === 6 && e.every((v, i) => typeof v === (i === 2 ? 'number' : 'string')));
    return ok ? (head as Head) : undefined;
  } catch {
    return undefined;
  }
}
