import { isMap, isSeq, LineCounter, parseDocument, stringify, type YAMLMap } from 'yaml';
import { LIMITS } from '../load/layout.js';

/**
 * Adds a revision to one source in a sources file, as text: the lines are
 * inserted at the end of the source's `revisions`, or of the source, and the
 * rest of the file is left byte for byte (a re-serialised document would
 * reflow folded text and move comments). The result is parsed back to check
 * that the source now ends with exactly that revision.
 */
export function addRevision(text: string, sourceId: string, revision: Record<string, unknown>): { text: string } | { problem: string } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const item = blockItem(doc.get('sources'), sourceId);
  if (!item || item.flow) return { problem: `source "${sourceId}" is not a block mapping in this file` };
  const existing = item.get('revisions', true);
  let at: number;
  let indent: number;
  let body: string;
  if (existing === undefined) {
    const firstKey = item.items[0]?.key as { range?: [number, number, number] } | undefined;
    if (!firstKey?.range || !item.range) return { problem: `source "${sourceId}" has no fields` };
    indent = lines.linePos(firstKey.range[0]).col - 1;
    at = item.range[1];
    body = stringify({ revisions: [revision] }, { lineWidth: 0 });
  } else {
    if (!isSeq(existing) || existing.flow || !existing.range) return { problem: `the "revisions" of source "${sourceId}" is not a block list` };
    indent = lines.linePos(existing.range[0]).col - 1;
    at = existing.range[1];
    body = stringify([revision], { lineWidth: 0 });
  }
  // After the last line of the value: past the rest of its line, before what follows.
  const lineEnd = text.indexOf('\n', Math.max(at - 1, 0));
  const insertAt = lineEnd === -1 ? text.length : lineEnd + 1;
  const pad = ' '.repeat(indent);
  // In the file's own line ending: a CRLF file stays CRLF throughout.
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const block = body.trimEnd().split('\n').map((l) => pad + l).join(eol);
  const before = text.slice(0, insertAt);
  const updated = `${before}${before.endsWith('\n') || before === '' ? '' : eol}${block}${eol}${text.slice(insertAt)}`;

  const sources = (parseDocument(updated).toJS({ maxAliasCount: LIMITS.maxAliasCount }) as { sources?: unknown } | null)?.sources;
  const check = Array.isArray(sources) ? (sources as { id?: unknown; revisions?: unknown[] }[]).find((s) => s?.id === sourceId) : undefined;
  if (JSON.stringify(check?.revisions?.at(-1)) !== JSON.stringify(revision)) return { problem: `the revision could not be placed in source "${sourceId}" without changing the rest of the file` };
  return { text: updated };
}

function blockItem(list: unknown, id: string): YAMLMap | undefined {
  if (!isSeq(list)) return undefined;
  return list.items.find((s): s is YAMLMap => isMap(s) && s.get('id') === id);
}
