import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { anchorQuote, prepareSnapshot } from '../src/anchor/anchor-quote.js';

/**
 * A deterministic synthetic newsroom archive in the project's own file formats,
 * for the benchmark. Origin reports are relayed by other outlets, sometimes down a
 * chain; every evidence quote is a sentence of its source's generated snapshot,
 * and every claim's words are in its interview transcript. All names, figures and
 * words are invented by the generator and marked as such in the config.
 */

export interface CorpusSize {
  claims: number;
  evidence: number;
}

export const SIZES = {
  tiny: { claims: 40, evidence: 400 },
  small: { claims: 1_000, evidence: 10_000 },
  large: { claims: 10_000, evidence: 100_000 },
} as const satisfies Record<string, CorpusSize>;

export interface CorpusStats {
  files: number;
  yamlBytes: number;
  snapshotBytes: number;
  claims: number;
  evidence: number;
  sources: number;
  claimKinds: Record<string, number>;
  /** Claims given evidence that contradicts them. */
  contradicted: number;
  /**
   * One report's evidence file, held out of the project: adding it is the
   * benchmark's one-file change. Its quotes are in a snapshot already there.
   */
  extra: { path: string; text: string; records: number };
}

/** Records per evidence file, as one report's worth of evidence. */
const RECORDS_PER_REPORT = 23;
const CLAIMS_PER_FILE = 20;
const SOURCES_PER_FILE = 50;
const CLAIMS_PER_INTERVIEW = 5;
const CONTRADICTED_SHARE = 0.05;

const FIRST = ['Alda', 'Bruno', 'Carys', 'Dario', 'Elin', 'Farid', 'Greta', 'Hugo', 'Ines', 'Jonas', 'Kaja', 'Lorin', 'Mira', 'Nils', 'Odile', 'Pavel', 'Quinn', 'Rosa', 'Soren', 'Tilde', 'Umar', 'Vera', 'Wim', 'Xenia', 'Yusuf', 'Zora'];
const LAST = ['Brenner', 'Castell', 'Dumont', 'Ekholm', 'Ferraro', 'Galvin', 'Hartmann', 'Ivanova', 'Jansen', 'Kowalski', 'Lindqvist', 'Moreau', 'Novak', 'Okafor', 'Petrov', 'Quintero', 'Rinaldi', 'Sandoval', 'Takahashi', 'Urquhart', 'Valdez', 'Whitlock', 'Yilmaz', 'Zeller'];
const ORG_WORDS = ['Corvin', 'Halden', 'Marrow', 'Selby', 'Tarn', 'Vesper', 'Arden', 'Brisk', 'Calder', 'Dunmore', 'Ember', 'Fallow', 'Garnet', 'Harrow', 'Ivory', 'Juniper'];
const ORG_KINDS = ['Holdings', 'Foundation', 'Group', 'Institute', 'Partners', 'Trust', 'Council', 'Network'];
const OUTLET_WORDS = ['Courier', 'Ledger', 'Herald', 'Observer', 'Gazette', 'Dispatch', 'Chronicle', 'Tribune', 'Sentinel', 'Bulletin'];
const TOWNS = ['Northgate', 'Eastfield', 'Westmoor', 'Southbay', 'Highcliff', 'Lowmarsh', 'Riverton', 'Stonebridge', 'Ashford', 'Kingsmere'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WORDS = ['we', 'will', 'publish', 'the', 'accounts', 'of', 'fund', 'before', 'end', 'year', 'never', 'asked', 'for', 'any', 'money', 'from', 'them', 'our', 'plan', 'is', 'working', 'every', 'council', 'member', 'knew', 'about', 'contract', 'a', 'full', 'review', 'starts', 'next', 'month', 'nobody', 'told', 'me', 'report', 'was', 'ready', 'those', 'figures', 'are', 'wrong', 'this', 'has', 'been', 'settled', 'long', 'ago'];
const FILLER = [
  'The report was prepared over several months and reviewed by the desk before publication.',
  'Requests for comment sent to the parties named here were not answered by the time of publication.',
  'Documents seen for this report include correspondence, minutes and payment records.',
  'This article has been updated to add details of the correspondence.',
  'Readers can send corrections to the desk by the usual channels.',
  'The figures below come from the records the outlet obtained, not from the parties themselves.',
];

const EVENT_ACTIONS = [
  { action: 'message', phrase: 'sent a message to', claim: 'messaged' },
  { action: 'request', phrase: 'sent a request to', claim: 'asked' },
  { action: 'reply', phrase: 'replied to', claim: 'replied to' },
  { action: 'contact', phrase: 'was in contact with', claim: 'was in contact with' },
] as const;
const CHANNELS = [
  { channel: 'twitter-dm', phrase: 'by Twitter direct message' },
  { channel: 'twitter', phrase: 'on Twitter' },
  { channel: 'email', phrase: 'by email' },
  { channel: 'meeting', phrase: 'in person' },
] as const;
const MEASURES = [
  { measure: 'replies', unit: 'messages', phrase: (v: number, c: string) => `sent ${v} replies to ${c}`, range: [1, 40] },
  { measure: 'meetings', unit: 'meetings', phrase: (v: number, c: string) => `held ${v} meetings with ${c}`, range: [1, 30] },
  { measure: 'payments', unit: 'dollars', phrase: (v: number, c: string) => `paid ${v} dollars to ${c}`, range: [1_000, 900_000] },
  { measure: 'delay-after-message', unit: 'minutes', phrase: (v: number, c: string) => `answered ${c} ${v} minutes after its message`, range: [2, 600] },
] as const;

type Rng = () => number;

/** mulberry32: a small, well-spread generator; the same seed always gives the same corpus. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Entity {
  id: string;
  name: string;
  kind: 'person' | 'organisation';
}

interface SourceSpec {
  id: string;
  kind: 'news-report' | 'interview';
  title: string;
  publisher: string;
  date: string;
  relays: string[];
  /** Sentences of the snapshot, in order; quotes are whole sentences. */
  sentences: string[];
  records: Record<string, unknown>[];
}

interface Day {
  iso: string;
  text: string;
}

function day(year: number, month: number, date: number): Day {
  const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
  return { iso, text: `${date} ${MONTHS[month]} ${year}` };
}

/** Writes a corpus of the given size into `dir` (which is replaced) and says what it holds. */
export async function generateCorpus(dir: string, size: CorpusSize, seed = 2016, repo = process.cwd()): Promise<CorpusStats> {
  const rng = seeded(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
  const chance = (p: number) => rng() < p;

  // Entities: people who act and speak, organisations they deal with, outlets that publish.
  const people: Entity[] = [];
  for (let i = 0; people.length < Math.max(30, Math.round(size.claims / 4)); i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${Math.floor(i / (FIRST.length * LAST.length)) + 1}` : ''}`;
    people.push({ id: slug(name), name, kind: 'person' });
  }
  const orgs: Entity[] = [];
  for (let i = 0; orgs.length < Math.max(10, Math.round(size.claims / 20)); i++) {
    const base = `${ORG_WORDS[i % ORG_WORDS.length]} ${ORG_KINDS[Math.floor(i / ORG_WORDS.length) % ORG_KINDS.length]}`;
    const round = Math.floor(i / (ORG_WORDS.length * ORG_KINDS.length));
    const name = round ? `${base} ${TOWNS[round % TOWNS.length]}${round >= TOWNS.length ? ` ${round}` : ''}` : base;
    orgs.push({ id: slug(name), name, kind: 'organisation' });
  }
  const reportCount = Math.max(4, Math.ceil(size.evidence / RECORDS_PER_REPORT));
  const outlets: Entity[] = [];
  for (let i = 0; outlets.length < Math.max(3, Math.ceil(reportCount / 12)); i++) {
    const name = `The ${TOWNS[i % TOWNS.length]} ${OUTLET_WORDS[Math.floor(i / TOWNS.length) % OUTLET_WORDS.length]}${i >= TOWNS.length * OUTLET_WORDS.length ? ` ${Math.floor(i / (TOWNS.length * OUTLET_WORDS.length)) + 1}` : ''}`;
    outlets.push({ id: slug(name), name, kind: 'organisation' });
  }
  const nameOf = new Map([...people, ...orgs, ...outlets].map((e) => [e.id, e.name]));
  const anyone = [...people, ...orgs];

  // Reports: 60% originate stories; the rest relay two of them, and a fifth of those relay another relay too.
  const reports: SourceSpec[] = [];
  for (let i = 0; i < reportCount; i++) {
    const publisher = pick(outlets);
    const d = day(int(2019, 2020), int(0, 11), int(1, 28));
    reports.push({ id: `report-${pad(i, 5)}`, kind: 'news-report', title: `${nameOf.get(publisher.id)} report ${i + 1}`, publisher: publisher.id, date: d.iso, relays: [], sentences: [], records: [] });
  }
  const origins = reports.slice(0, Math.ceil(reportCount * 0.6));
  const relayers = reports.slice(origins.length);
  const relayedBy = new Map<string, SourceSpec[]>();
  relayers.forEach((r, i) => {
    const relayed = new Set([pick(origins).id, pick(origins).id]);
    if (i > 0 && chance(0.2)) relayed.add(relayers[int(0, i - 1)]!.id);
    r.relays = [...relayed].sort();
    for (const id of r.relays) relayedBy.set(id, [...(relayedBy.get(id) ?? []), r]);
  });

  let recordCount = 0;
  const nextRecordId = (source: SourceSpec) => `${source.id}-r${pad(source.records.length + 1, 3)}`;
  /** Adds a record to an origin report, and copies of it to reports that relay that one, down the chain. */
  const report = (origin: SourceSpec, sentence: string, fields: Record<string, unknown>, relayChance = 0.5) => {
    addRecord(origin, sentence, fields);
    let from = origin;
    for (let depth = 0; depth < 2 && chance(relayChance); depth++) {
      const relayer = relayedBy.get(from.id);
      if (!relayer?.length) break;
      const to = pick(relayer);
      addRecord(to, `According to ${nameOf.get(from.publisher)}, ${sentence}`, { ...fields, attributed_to: from.publisher, relayed_from: from.id });
      from = to;
    }
  };
  const addRecord = (source: SourceSpec, sentence: string, fields: Record<string, unknown>) => {
    // Never the same words twice in one report: a quote must pick out one place.
    if (source.sentences.some((s) => s.includes(sentence) || sentence.includes(s))) return;
    source.records.push({ id: nextRecordId(source), source: source.id, ...fields, quote: sentence });
    source.sentences.push(sentence);
    recordCount++;
  };

  // Claims, each with the evidence that bears on it.
  // 30% quantity, 25% event, 10% absence, 15% timing, 15% attribution, 5% opinion, interleaved.
  const kinds = 'q e t a q e b q e t a q e q b t a e q o'.split(' ').map((k) => ({ q: 'quantity', e: 'event', b: 'absence', t: 'timing', a: 'attribution', o: 'opinion' })[k]!);
  const claims: Record<string, unknown>[] = [];
  const interviews: SourceSpec[] = [];
  const claimKinds: Record<string, number> = {};
  let contradicted = 0;
  for (let i = 0; i < size.claims; i++) {
    if (i % CLAIMS_PER_INTERVIEW === 0) {
      const d = day(2021, int(0, 11), int(1, 28));
      const host = pick(outlets);
      interviews.push({ id: `interview-${pad(interviews.length, 5)}`, kind: 'interview', title: `Interview on ${nameOf.get(host.id)} ${interviews.length + 1}`, publisher: host.id, date: d.iso, relays: [], sentences: [], records: [] });
    }
    const interview = interviews[interviews.length - 1]!;
    const kind = kinds[i % kinds.length]!;
    claimKinds[kind] = (claimKinds[kind] ?? 0) + 1;
    const claimant = pick(people);
    const counterpart = pick(anyone.filter((e) => e.id !== claimant.id).length ? anyone : people);
    const other = counterpart.id === claimant.id ? orgs[0]! : counterpart;
    const contra = kind !== 'opinion' && chance(CONTRADICTED_SHARE);
    if (contra) contradicted++;
    const originCount = chance(0.1) ? 0 : int(1, 3);
    const theOrigins = [...new Set(Array.from({ length: originCount }, () => pick(origins)))];
    const id = `claim-${pad(i, 5)}-${kind}`;
    let text: string;
    let asserts: Record<string, unknown>;
    const eventDay = day(int(2018, 2020), int(0, 11), int(1, 28));
    switch (kind) {
      case 'quantity': {
        const m = pick(MEASURES);
        const value = int(m.range[0], m.range[1]);
        text = `I ${m.phrase(value, other.name)}, no more`;
        asserts = { kind, subject: claimant.id, measure: m.measure, counterpart: other.id, value, unit: m.unit, comparison: 'equal' };
        for (const origin of theOrigins) {
          report(origin, `${claimant.name} ${m.phrase(value, other.name)}, the records show.`, { kind: 'quantity', subject: claimant.id, measure: m.measure, counterpart: other.id, value, unit: m.unit });
        }
        if (contra) {
          const wrong = value + int(1, Math.max(2, Math.round(value / 3)));
          report(pick(origins), `${claimant.name} in fact ${m.phrase(wrong, other.name)}, the ledger shows.`, { kind: 'quantity', subject: claimant.id, measure: m.measure, counterpart: other.id, value: wrong, unit: m.unit });
        }
        break;
      }
      case 'event':
      case 'absence':
      case 'timing': {
        const a = pick(EVENT_ACTIONS);
        const c = pick(CHANNELS);
        const event = { actor: claimant.id, action: a.action, target: other.id, channel: c.channel };
        if (kind === 'event') {
          text = `I ${a.claim} ${other.name} ${c.phrase} in ${eventDay.text.split(' ').slice(1).join(' ')}`;
          asserts = { kind, event };
        } else if (kind === 'absence') {
          text = `I have never ${a.claim === 'was in contact with' ? 'been in contact with' : a.claim} ${other.name} ${c.phrase}`;
          asserts = { kind, event: { actor: claimant.id, action: a.action, target: other.id } };
        } else {
          const [year, month] = eventDay.iso.split('-').map(Number) as [number, number];
          const from = day(year, month - 1, 1);
          const to = day(year, month - 1, 28);
          text = `Whatever I ${a.claim === 'was in contact with' ? 'had to do with' : a.claim} ${other.name} ${c.phrase} was between ${from.text} and ${to.text}`;
          asserts = { kind, event, when: { from: from.iso, to: to.iso, complete: true } };
        }
        // A contradicted denial meets a report of what happened; the others, reports that it did not.
        const happened = kind !== 'absence' || contra;
        if (contra && !theOrigins.length) theOrigins.push(pick(origins));
        for (const origin of theOrigins) {
          if (happened) {
            report(origin, `${claimant.name} ${a.phrase} ${other.name} ${c.phrase} on ${eventDay.text}.`, { kind: 'event', ...event, date: eventDay.iso });
          } else {
            report(origin, `${claimant.name} never ${a.claim === 'was in contact with' ? 'had any contact with' : a.claim} ${other.name}, the records show.`, { kind: 'event', actor: claimant.id, action: a.action, target: other.id, negated: true });
          }
        }
        if (contra && kind === 'event') {
          report(pick(origins), `${claimant.name} did not ${a.action === 'contact' ? 'have any contact with' : a.action === 'message' ? 'message' : a.action === 'request' ? 'ask anything of' : 'reply to'} ${other.name} ${c.phrase}, the archive shows.`, { kind: 'event', ...event, negated: true });
        }
        if (contra && kind === 'timing') {
          const late = day(eventDay.iso.startsWith('2020') ? 2020 : Number(eventDay.iso.slice(0, 4)) + 1, int(0, 11), int(1, 28));
          report(pick(origins), `${claimant.name} ${a.phrase} ${other.name} ${c.phrase} again on ${late.text}.`, { kind: 'event', ...event, date: late.iso });
        }
        break;
      }
      case 'attribution': {
        const words = sentenceOfWords(rng, 9 + int(0, 6));
        text = `${other.name} said ${words}`;
        asserts = { kind, speaker: other.id, words };
        for (const origin of theOrigins) {
          report(origin, `${other.name} said: “${capitalise(words)}.”`, { kind: 'statement', speaker: other.id, words: capitalise(words) });
        }
        if (contra) {
          const changed = words.split(' ');
          changed[Math.floor(changed.length / 2)] = 'certainly';
          report(pick(origins), `${other.name} told the paper: “${capitalise(changed.join(' '))}.”`, { kind: 'statement', speaker: other.id, words: capitalise(changed.join(' ')) });
        }
        break;
      }
      default:
        text = `${other.name} is the worst thing to happen to ${pick(TOWNS)} in years`;
        asserts = { kind: 'opinion', reason: 'A judgement of worth that evidence cannot settle.' };
    }
    interview.sentences.push(`${claimant.name}: ${text}.`);
    claims.push({
      id,
      text,
      claimant: claimant.id,
      date: interview.date,
      appearance: interview.id,
      interpretation: 'Synthetic claim generated for the benchmark.',
      asserts,
    });
  }

  // Background: what reports say that no claim is about, up to the evidence count.
  while (recordCount < size.evidence) {
    const source = pick(reports);
    const actor = pick(people);
    const target = pick(orgs);
    const roll = rng();
    if (roll < 0.6) {
      const a = pick(EVENT_ACTIONS);
      const c = pick(CHANNELS);
      const d = day(int(2015, 2020), int(0, 11), int(1, 28));
      addRecord(source, `${actor.name} ${a.phrase} ${target.name} ${c.phrase} on ${d.text}, in item ${recordCount}.`, { kind: 'event', actor: actor.id, action: a.action, target: target.id, channel: c.channel, date: d.iso });
    } else if (roll < 0.8) {
      const m = pick(MEASURES);
      const value = int(m.range[0], m.range[1]);
      addRecord(source, `By the end of ${int(2015, 2020)}, ${actor.name} had ${m.phrase(value, target.name)}, item ${recordCount} shows.`, { kind: 'quantity', subject: actor.id, measure: m.measure, counterpart: target.id, value, unit: m.unit, date: `${int(2015, 2020)}` });
    } else if (roll < 0.9) {
      const words = sentenceOfWords(rng, 8 + int(0, 6));
      addRecord(source, `${actor.name} said in statement ${recordCount}: “${capitalise(words)}.”`, { kind: 'statement', speaker: actor.id, words: capitalise(words) });
    } else {
      addRecord(source, `${nameOf.get(source.publisher)} found that ${actor.name} kept ${target.name} informed in case ${recordCount}.`, { kind: 'assessment', assessor: source.publisher, subject: actor.id, topic: 'contact', counterpart: target.id, finding: 'kept them informed' });
    }
  }

  // Write it out: a real project, with the bundled config and rules.
  await rm(dir, { recursive: true, force: true });
  for (const folder of ['claims', 'entities', 'sources', 'evidence/snapshots', 'rules']) await mkdir(join(dir, folder), { recursive: true });
  let yamlBytes = 0;
  let snapshotBytes = 0;
  let files = 0;
  const put = async (path: string, text: string) => {
    await writeFile(join(dir, path), text);
    if (path.endsWith('.txt')) snapshotBytes += Buffer.byteLength(text);
    else yamlBytes += Buffer.byteLength(text);
    files++;
  };
  const config = await readFile(join(repo, 'factcheck.config.yaml'), 'utf8');
  await put('factcheck.config.yaml', withBenchVocabulary(config));
  await cp(join(repo, 'rules'), join(dir, 'rules'), { recursive: true });
  files += 6;

  const entities = [...people, ...orgs, ...outlets].map((e) => ({ id: e.id, name: e.name, kind: e.kind }));
  for (let i = 0; i < entities.length; i += 500) await put(`entities/entities-${pad(i / 500, 3)}.yaml`, header('entities') + stringify({ entities: entities.slice(i, i + 500) }, { lineWidth: 0 }));

  const sources = [...reports, ...interviews];
  // The held-out report: an origin with claim evidence, as new evidence on a story usually is.
  const withRecords = origins.filter((o) => o.records.length);
  const heldOut = withRecords[Math.floor(withRecords.length / 2)]!;
  let extra: CorpusStats['extra'] | undefined;
  const sourceRecords: Record<string, unknown>[] = [];
  for (const s of sources) {
    const snapshot = snapshotText(s, rng, nameOf);
    ensureAnchored(s, snapshot);
    const path = `evidence/snapshots/${s.id}.txt`;
    await put(path, snapshot);
    sourceRecords.push({
      id: s.id,
      kind: s.kind,
      title: s.title,
      publisher: s.publisher,
      published: s.date,
      ...(s.relays.length ? { relays: s.relays } : {}),
      snapshot: { path, sha256: createHash('sha256').update(snapshot).digest('hex') },
    });
    if (!s.records.length) continue;
    const text = header('evidence') + stringify({ evidence: s.records }, { lineWidth: 0 });
    if (s === heldOut) extra = { path: `evidence/${s.id}.yaml`, text, records: s.records.length };
    else await put(`evidence/${s.id}.yaml`, text);
  }
  for (let i = 0; i < sourceRecords.length; i += SOURCES_PER_FILE) {
    await put(`sources/sources-${pad(i / SOURCES_PER_FILE, 4)}.yaml`, header('sources') + stringify({ sources: sourceRecords.slice(i, i + SOURCES_PER_FILE) }, { lineWidth: 0 }));
  }
  for (let i = 0; i < claims.length; i += CLAIMS_PER_FILE) {
    await put(`claims/claims-${pad(i / CLAIMS_PER_FILE, 4)}.yaml`, header('claims') + stringify({ claims: claims.slice(i, i + CLAIMS_PER_FILE) }, { lineWidth: 0 }));
  }
  return { files, yamlBytes, snapshotBytes, claims: claims.length, evidence: recordCount - extra!.records, sources: sources.length, claimKinds, contradicted, extra: extra! };
}

function header(kind: string): string {
  return `# yaml-language-server: $schema=../schemas/${kind}.schema.json\n# Synthetic benchmark data: every name, figure and quote here is invented.\n`;
}

/** The bundled config, with the benchmark's extra measures and channels added to its vocabulary (those it lacks). */
function withBenchVocabulary(config: string): string {
  const channels = [
    ['email', 'by email'],
    ['meeting', 'in person'],
  ].filter(([id]) => !new RegExp(`\\n {4}${id}:\\n`).test(config));
  return config
    .replace(/\n {2}measures:\n/, `\n  measures:\n    meetings:\n      label: meetings held\n      unit: meetings\n    payments:\n      label: money paid\n      unit: dollars\n`)
    .replace(/\n {2}channels:\n/, `\n  channels:\n${channels.map(([id, label]) => `    ${id}:\n      label: ${label}\n`).join('')}`);
}

/** A report's text: a headline, then its sentences in paragraphs with some boilerplate between. */
function snapshotText(source: SourceSpec, rng: Rng, nameOf: Map<string, string>): string {
  const lines = [source.title, `${nameOf.get(source.publisher)}, ${source.date}`, ''];
  let paragraph: string[] = [];
  for (const sentence of source.sentences) {
    paragraph.push(sentence);
    if (paragraph.length >= 3 || rng() < 0.3) {
      lines.push(paragraph.join(' '), '');
      paragraph = [];
      if (rng() < 0.3) lines.push(FILLER[Math.floor(rng() * FILLER.length)]!, '');
    }
  }
  if (paragraph.length) lines.push(paragraph.join(' '), '');
  return `${lines.join('\n')}\n`;
}

/** Every quote must occur once in its snapshot; the generator checks with the tool's own anchoring. */
function ensureAnchored(source: SourceSpec, snapshot: string): void {
  const prepared = prepareSnapshot(snapshot);
  for (const record of source.records) {
    const outcome = anchorQuote(prepared, record.quote as string);
    if (!outcome.ok) throw new Error(`generator bug: quote of ${String(record.id)} is ${outcome.reason} in ${source.id}`);
  }
}

function sentenceOfWords(rng: Rng, count: number): string {
  return Array.from({ length: count }, () => WORDS[Math.floor(rng() * WORDS.length)]!).join(' ');
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
