import { describe, expect, it } from 'vitest';
import { formatTable, judge, type BenchReport, type SizeResult } from '../../bench/report.js';

/** A size whose repetitions move with the machine: floor and cold slow together in the second. */
function size(samples: Record<string, number[]>): SizeResult {
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!]));
  return {
    size: 'large',
    corpus: { claims: 10, evidence: 10, sources: 1, claimKinds: {}, files: 10, yamlBytes: 1, snapshotBytes: 1, contradicted: 0, extra: { path: 'evidence/x.yaml', records: 1 } },
    samples,
    medians,
    peakRssBytes: 400e6,
    changedSince: '',
  };
}

const samples = {
  floor: [10_000, 16_000, 11_000],
  cold: [6_500, 6_000, 7_000],
  coldCpu: [11_000, 11_000, 11_000],
  warm: [180, 170, 200],
  warmAfterIncremental: [190, 160, 210],
  incremental: [800, 900, 700],
  incrementalChangedSince: [4_000, 600, 5_000],
  rulesOurs: [12, 13, 14],
  rulesBare: [1_000, 1_100, 1_200],
};

describe('the bench report', () => {
  it("judges each target on the medians, and gives each repetition's own ratio beside it", () => {
    const targets = judge([size(samples)]);
    const cold = targets.find((t) => t.name === 'cold ÷ floor')!;
    // Medians: 6,500 ÷ 11,000. The second repetition's slow floor alone would read as met.
    expect(cold.value).toBeCloseTo(6_500 / 11_000);
    expect(cold.met).toBe(true);
    expect(cold.each).toEqual([0.65, 6_000 / 16_000, 7_000 / 11_000]);
    expect(targets.find((t) => t.name === 'warm ÷ cold')!.each).toEqual([190 / 6_500, 170 / 6_000, 210 / 7_000]);
    // The faster of the two incremental runs in each repetition, as for the medians.
    expect(targets.find((t) => t.name === 'incremental ÷ cold')!.each).toEqual([800 / 6_500, 600 / 6_000, 700 / 7_000]);
    expect(targets.find((t) => t.name === 'rules stage ÷ bare json-rules-engine')!.each).toEqual([12 / 1_000, 13 / 1_100, 14 / 1_200]);
    expect(targets.find((t) => t.name === 'peak RSS of cold, MB')!.each).toBeUndefined();
  });

  it('prints them, with how many repetitions were within the limit', () => {
    const report: BenchReport = {
      seed: 1,
      repeat: 3,
      machine: { cpu: 'cpu', cores: 2, memoryGiB: 24, node: 'v20', platform: 'linux x64' },
      sizes: [size(samples)],
      targets: judge([size(samples)]),
    };
    const table = formatTable(report);
    expect(table).toContain('| target (large) | limit | measured | each repetition | met |');
    expect(table).toContain('| cold ÷ floor | ≤ 0.6 | 0.591 | 0.650, 0.375, 0.636 (1 of 3 within) | yes |');
    expect(table).toContain('| peak RSS of cold, MB | ≤ 512 | 400.000 |  | yes |');
  });

  it('gives no ratio by repetition for results from before a sample was kept', () => {
    const { warmAfterIncremental: _, ...older } = samples;
    const targets = judge([size({ ...older, incrementalChangedSince: [600] })]);
    expect(targets.find((t) => t.name === 'incremental ÷ cold')!.each).toBeUndefined();
    expect(targets.find((t) => t.name === 'cold ÷ floor')!.each).toHaveLength(3);
    expect(targets.find((t) => t.name === 'warm ÷ cold')!.each).toHaveLength(3);
  });
});
