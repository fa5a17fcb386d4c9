import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { git } from './git.js';

/**
 * Random edits of the bundled corpus, the kind contributors make, for the
 * property tests of --changed-since and of the result cache.
 */

/** The benchmark's seeded generator (mulberry32), so every run makes the same edits. */
export { seeded as random } from '../../bench/generate-corpus.js';

export type Edit = (dir: string, rnd: () => number) => Promise<string>;

export const pick = <T>(list: readonly T[], rnd: () => number): T => list[Math.floor(rnd() * list.length)]!;

/** Edits one list item of a YAML file through the document API. */
async function editItem(dir: string, path: string, listKey: string, rnd: () => number, change: (item: YAMLMap, items: YAMLMap[]) => string | undefined): Promise<string> {
  const file = join(dir, path);
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return 'nothing'; // moved away earlier in the scenario
  const doc = parseDocument(text);
  const list = doc.get(listKey);
  if (!isSeq(list)) return 'nothing';
  // The document's own array, so that deleting or adding an item lands in the file.
  const items = list.items as YAMLMap[];
  const item = pick(items.filter(isMap), rnd);
  const what = change(item, items);
  if (what === undefined) return 'nothing';
  await writeFile(file, doc.toString({ lineWidth: 0 }));
  return `${path}: ${what}`;
}

const EVIDENCE = ['evidence/euronews-trump-jr-wikileaks.yaml', 'evidence/the-week-trump-jr-wikileaks.yaml'];

export const EDITS: Edit[] = [
  // A record's value, date or polarity changes.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      if (item.get('kind') === 'quantity') {
        item.set('value', Number(item.get('value')) + 1);
        return `${item.get('id')} value +1`;
      }
      if (item.get('kind') === 'event') {
        item.set('date', pick(['2016-09-01', '2016-10-20', '2016-11-30', '2017'], rnd));
        return `${item.get('id')} redated`;
      }
      return undefined;
    }),
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      if (item.get('kind') !== 'event') return undefined;
      item.set('negated', !item.get('negated'));
      return `${item.get('id')} negation flipped`;
    }),
  // A record's quote is cut to its first words: the same record for every query, another citation.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      const words = String(item.get('quote') ?? '').split(' ');
      if (words.length < 6 || item.has('prefix') || item.has('suffix')) return undefined;
      item.set('quote', words.slice(0, Math.ceil(words.length / 2)).join(' '));
      return `${item.get('id')} quote cut`;
    }),
  // Records are tied to, or cut from, one occurrence (what the unanswered-request check follows).
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item) => {
      if (item.get('kind') !== 'event') return undefined;
      if (item.has('occurrence')) item.delete('occurrence');
      else item.set('occurrence', 'wikileaks-link-message');
      return `${item.get('id')} occurrence toggled`;
    }),
  // A record is deleted.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item, items) => {
      items.splice(items.indexOf(item), 1);
      return `${item.get('id')} deleted`;
    }),
  // A record is added: a copy of another, about someone else or at another time.
  (dir, rnd) =>
    editItem(dir, pick(EVIDENCE, rnd), 'evidence', rnd, (item, items) => {
      const copy = item.clone() as YAMLMap;
      copy.set('id', `${String(item.get('id'))}-copy`);
      if (copy.has('actor')) copy.set('actor', pick(['donald-trump-jr', 'wikileaks', 'mike-pence', 'donald-trump'], rnd));
      if (copy.has('value')) copy.set('value', Number(copy.get('value')) * 2);
      items.push(copy);
      return `${item.get('id')} copied`;
    }),
  // A record is added in a file of its own, with nothing else changed: a copy of another, about someone else or at another time.
  async (dir, rnd) => {
    const text = await readFile(join(dir, pick(EVIDENCE, rnd)), 'utf8').catch(() => undefined);
    const list = text === undefined ? undefined : parseDocument(text).get('evidence');
    if (!isSeq(list)) return 'nothing';
    const copy = (pick(list.items.filter(isMap), rnd) as YAMLMap).clone() as YAMLMap;
    const id = `${String(copy.get('id'))}-new`;
    copy.set('id', id);
    if (copy.has('actor')) copy.set('actor', pick(['donald-trump-jr', 'wikileaks', 'mike-pence', 'donald-trump'], rnd));
    if (copy.has('value')) copy.set('value', Number(copy.get('value')) * 3);
    const own = new Document({ evidence: [] });
    (own.get('evidence') as YAMLSeq).items.push(copy);
    await writeFile(join(dir, `evidence/new-${id}.yaml`), own.toString({ lineWidth: 0 }));
    return `${id} added in a file of its own`;
  },
  // A record moves to a file of its own: what it dates, or is dated by, is now in another file.
  async (dir, rnd) => {
    const path = pick(EVIDENCE, rnd);
    const file = join(dir, path);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return 'nothing';
    const doc = parseDocument(text);
    const list = doc.get('evidence');
    if (!isSeq(list) || list.items.length < 2) return 'nothing';
    const item = pick((list.items as unknown[]).filter(isMap) as YAMLMap[], rnd);
    list.items.splice(list.items.indexOf(item), 1);
    const id = String(item.get('id'));
    const own = new Document({ evidence: [] });
    (own.get('evidence') as YAMLSeq).items.push(item);
    await writeFile(join(dir, `evidence/moved-${id}.yaml`), own.toString({ lineWidth: 0 }));
    await writeFile(file, doc.toString({ lineWidth: 0 }));
    return `${id} moved to a file of its own`;
  },
  // An entity is renamed, or a group gains or loses a member.
  (dir, rnd) =>
    editItem(dir, 'entities/organisations.yaml', 'entities', rnd, (item) => {
      if (item.get('id') === 'trump-team') {
        item.set('members', ['donald-trump', 'mike-pence']);
        return 'trump-team loses Trump Jr.';
      }
      item.set('name', `${String(item.get('name'))} (renamed)`);
      return `${item.get('id')} renamed`;
    }),
  // A rule's priority or threshold changes.
  async (dir, rnd) => {
    const path = pick(['rules/quantity.yaml', 'rules/event.yaml', 'rules/absence.yaml', 'rules/timing.yaml', 'rules/attribution.yaml'], rnd);
    const file = join(dir, path);
    const doc = parseDocument(await readFile(file, 'utf8'));
    const rules = doc.get('rules');
    if (!isSeq(rules)) return 'nothing';
    const rule = pick(rules.items.filter(isMap) as YAMLMap[], rnd);
    rule.set('priority', Math.floor(rnd() * 100) + 1);
    await writeFile(file, doc.toString({ lineWidth: 0 }));
    return `${path}: ${rule.get('name')} priority changed`;
  },
  // A claim's assertion changes.
  (dir, rnd) =>
    editItem(dir, pick(['claims/statements.yaml', 'claims/reporting.yaml'], rnd), 'claims', rnd, (item) => {
      const asserts = item.get('asserts') as YAMLMap;
      if (asserts.get('kind') === 'quantity') {
        asserts.set('value', Number(asserts.get('value')) + 1);
        return `${item.get('id')} claimed value +1`;
      }
      item.set('context', 'edited context');
      return `${item.get('id')} context edited`;
    }),
  // A source stops relaying another, or a file moves.
  (dir, rnd) =>
    editItem(dir, 'sources/news.yaml', 'sources', rnd, (item) => {
      if (!item.has('relays')) return undefined;
      item.delete('relays');
      return `${item.get('id')} relays nothing`;
    }),
  async (dir, rnd) => {
    const from = pick(['claims/statements.yaml', 'evidence/the-week-trump-jr-wikileaks.yaml', 'sources/primary.yaml'], rnd);
    const to = from.replace('.yaml', '-moved.yaml');
    // A scenario may pick the same move twice; the second finds nothing to move.
    return git(dir, 'mv', from, to).then(() => `${from} moved`, () => 'nothing');
  },
];

