import type { CorpusStats } from './generate-corpus.js';

/** One corpus size's measurements: every sample, in milliseconds, and their medians. */
export interface SizeResult {
  size: string;
  corpus: Omit<CorpusStats, 'extra'> & { extra: { path: string; records: number } };
  samples: Record<string, number[]>;
  medians: Record<string, number>;
  peakRssBytes: number;
  /** Peak RSS of a warm `--format json` run; absent in results from before it was measured. */
  jsonRssBytes?: number;
  /** What --changed-since said it selected, for the record. */
  changedSince: string;
}

export interface Target {
  name: string;
  limit: number;
  /** Judged on the medians. */
  value: number;
  /**
   * The same ratio within each repetition, its two sides measured minutes
   * apart: how far one repetition's machine moves it. Absent for a target
   * that is not a ratio of times taken in one repetition.
   */
  each?: number[];
  met: boolean;
  /** The size it was judged at. */
  size: string;
}

export interface BenchReport {
  seed: number;
  repeat: number;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  sizes: SizeResult[];
  targets: Target[];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The targets (docs/performance.md), judged at the largest size measured; the growth target needs two sizes. */
export function judge(sizes: readonly SizeResult[]): Target[] {
  const last = sizes.at(-1);
  if (!last) return [];
  const m = last.medians;
  const incremental = Math.min(m.incremental!, m.incrementalChangedSince!);
  const each = eachRepetition(last.samples);
  const targets: Omit<Target, 'met' | 'size'>[] = [
    { name: 'cold ÷ floor', limit: 0.6, value: m.cold! / m.floor!, ...each((r) => r.cold! / r.floor!) },
    // Both runs with nothing changed: after a full run, and after one that only added evidence.
    { name: 'warm ÷ cold', limit: 0.03, value: Math.max(m.warm!, m.warmAfterIncremental ?? 0) / m.cold!, ...each((r) => Math.max(r.warm!, r.warmAfterIncremental ?? 0) / r.cold!) },
    { name: 'incremental ÷ cold', limit: 0.05, value: incremental / m.cold!, ...each((r) => Math.min(r.incremental!, r.incrementalChangedSince!) / r.cold!) },
    { name: 'rules stage ÷ bare json-rules-engine', limit: 1.2, value: m.rulesOurs! / m.rulesBare!, ...each((r) => r.rulesOurs! / r.rulesBare!) },
    { name: 'peak RSS of cold, MB', limit: 512, value: last.peakRssBytes / 1e6 },
  ];
  const first = sizes[0]!;
  if (sizes.length > 1) {
    targets.push({ name: `time per claim, ${last.size} ÷ ${first.size}`, limit: 1.2, value: perClaim(last) / perClaim(first) });
  }
  return targets.map((t) => ({ ...t, met: t.value <= t.limit, size: last.size }));
}

/**
 * A ratio taken within each repetition: the samples of repetition i, side by
 * side. Nothing when a sample the ratio reads is missing from any (results
 * from before it was measured).
 */
function eachRepetition(samples: Record<string, number[]>) {
  const count = samples.cold?.length ?? 0;
  return (ratio: (repetition: Record<string, number | undefined>) => number): { each?: number[] } => {
    const values = Array.from({ length: count }, (_, i) => ratio(Object.fromEntries(Object.entries(samples).map(([key, list]) => [key, list.length === count ? list[i] : undefined]))));
    return values.length && values.every(Number.isFinite) ? { each: values } : {};
  };
}

function perClaim(size: SizeResult): number {
  return size.medians.cold! / size.corpus.claims;
}

const ROWS: [key: string, label: string][] = [
  ['floor', 'floor: read every file, parse the YAML with yaml'],
  ['read', 'below the floor: read every file, parse nothing'],
  ['lexer', "below the floor: read, and run yaml's lexer alone"],
  ['jsyaml', 'below the floor: read, and parse with js-yaml'],
  ['coldFull', 'cold, every file by the full parse (FACTCHECK_FAST_YAML=0)'],
  ['cold', 'cold: verify, empty cache'],
  ['warm', 'warm: verify again, nothing changed'],
  ['warmBin', 'the same through the bin, a fresh process (start-up included)'],
  ['incremental', 'incremental: one evidence file added, cache'],
  ['warmAfterIncremental', 'warm after it: verify again, nothing changed'],
  ['incrementalChangedSince', 'incremental: the same, `--changed-since HEAD`'],
  ['jsonAfterText', '`--format json` after a text run (keeps whole results)'],
  ['jsonWarm', '`--format json` again, nothing changed'],
  ['rulesOurs', 'rules stage: ours'],
  ['rulesBare', 'rules stage: bare json-rules-engine'],
];

/** The figures as Markdown: for the terminal and for docs/performance.md alike. */
export function formatTable(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    `Measured on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform};`,
    `seed ${report.seed}, medians of ${report.repeat} run${report.repeat === 1 ? '' : 's'}, each in a fresh process.`,
    '',
    '| corpus | claims | evidence records | files | YAML | snapshots | contradicted claims |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.sizes.map(
      (s) =>
        `| ${s.size} | ${count(s.corpus.claims)} | ${count(s.corpus.evidence)} | ${count(s.corpus.files)} | ${mb(s.corpus.yamlBytes)} | ${mb(s.corpus.snapshotBytes)} | ${count(s.corpus.contradicted)} |`,
    ),
    '',
    `| measurement | ${report.sizes.map((s) => `${s.size} | × floor`).join(' | ')} |`,
    `| --- | ${report.sizes.map(() => '---: | ---:').join(' | ')} |`,
    ...ROWS.filter(([key]) => report.sizes.every((s) => s.medians[key] !== undefined)).map(([key, label]) => `| ${label} | ${report.sizes.map((s) => `${seconds(s.medians[key]!)} | ${ratio(s.medians[key]! / s.medians.floor!)}`).join(' | ')} |`),
    // Cold cannot take less than its CPU time spread evenly over the cores: how far the schedule is from that.
    `| cold: CPU time of every thread | ${report.sizes.map((s) => `${seconds(s.medians.coldCpu!)} | ${ratio(s.medians.coldCpu! / s.medians.floor!)}`).join(' | ')} |`,
    `| cold's bound: CPU time ÷ ${machine.cores} cores | ${report.sizes.map((s) => `${seconds(s.medians.coldCpu! / machine.cores)} | ${ratio(s.medians.coldCpu! / machine.cores / s.medians.floor!)}`).join(' | ')} |`,
    `| peak RSS of cold | ${report.sizes.map((s) => `${mb(s.peakRssBytes)} | `).join(' | ')} |`,
    ...(report.sizes.every((s) => s.jsonRssBytes !== undefined) ? [`| peak RSS of \`--format json\`, nothing changed | ${report.sizes.map((s) => `${mb(s.jsonRssBytes!)} | `).join(' | ')} |`] : []),
    `| time per claim, cold | ${report.sizes.map((s) => `${(s.medians.cold! / s.corpus.claims).toFixed(3)} ms | `).join(' | ')} |`,
    '',
    `| target (${report.targets[0]?.size ?? 'none'}) | limit | measured | each repetition | met |`,
    '| --- | ---: | ---: | ---: | --- |',
    ...report.targets.map((t) => `| ${t.name} | ≤ ${t.limit} | ${t.value.toFixed(3)} | ${t.each ? eachOf(t) : ''} | ${t.met ? 'yes' : '**no**'} |`),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/** Each repetition's ratio, and in how many it was within the limit. */
function eachOf(t: Target): string {
  const within = t.each!.filter((v) => v <= t.limit).length;
  return `${t.each!.map((v) => v.toFixed(3)).join(', ')} (${within} of ${t.each!.length} within)`;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

function ratio(r: number): string {
  return r.toFixed(3);
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}
