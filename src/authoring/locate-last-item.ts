import { parseDocument, type YAMLSeq } from 'yaml';

/** line:col of the list's last item, for the message. */
export function lineOfLast(text: string, listKey: string): string {
  const seq = parseDocument(text).get(listKey, true) as YAMLSeq | undefined;
  const start = seq?.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
  if (!start?.range) return '1:1';
  const before = text.slice(0, start.range[0]);
  const line = before.split('\n').length;
  return `${line}:${start.range[0] - before.lastIndexOf('\n')}`;
}
