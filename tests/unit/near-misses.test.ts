import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearMissesOf, type EvaluatedNode } from '../../src/rules/condition-tree.js';

/** Whether the rule holds with one leaf flipped, the whole tree worked out again: what the one pass must give. */
function holdsWith(node: EvaluatedNode, flipped: EvaluatedNode): boolean | undefined {
  const both = (values: (boolean | undefined)[], every: boolean) => (values.includes(!every) ? !every : values.includes(undefined) ? undefined : every);
  if (node.all) return both(node.all.map((c) => holdsWith(c, flipped)), true);
  if (node.any) return both(node.any.map((c) => holdsWith(c, flipped)), false);
  if (node.not) {
    const inner = holdsWith(node.not, flipped);
    return inner === undefined ? undefined : !inner;
  }
  if (node.result === undefined) return undefined;
  return node === flipped ? !node.result : node.result;
}

const tree: fc.Arbitrary<EvaluatedNode> = fc.letrec<{ node: EvaluatedNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<boolean | undefined>(true, false, undefined).map((result) => (result === undefined ? { fact: 'f' } : { fact: 'f', result })),
    fc.array(tie('node'), { maxLength: 4 }).map((all) => ({ all })),
    fc.array(tie('node'), { maxLength: 4 }).map((any) => ({ any })),
    tie('node').map((not) => ({ not })),
  ),
})).node;

function leavesOf(node: EvaluatedNode, out = new Map<EvaluatedNode, number>()): Map<EvaluatedNode, number> {
  if (node.all) node.all.forEach((c) => leavesOf(c, out));
  else if (node.any) node.any.forEach((c) => leavesOf(c, out));
  else if (node.not) leavesOf(node.not, out);
  else out.set(node, out.size);
  return out;
}

describe('nearMissesOf', () => {
  it('names the leaves whose flip alone makes the rule hold, as working the tree out for each would', () => {
    let found = 0;
    fc.assert(
      fc.property(tree, (root) => {
        const leaves = leavesOf(root);
        const expected = [...leaves].filter(([node]) => holdsWith(root, node) === true).map(([, i]) => i);
        expect(nearMissesOf(root, leaves)).toEqual(expected);
        found += expected.length;
      }),
      { seed: 5, numRuns: 3000 },
    );
    expect(found).toBeGreaterThan(500);
  });
});
