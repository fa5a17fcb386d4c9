import type { FactScalar } from '../facts/fact-types.js';

/**
 * The leaves whose outcome, flipped alone, would make the rule hold; a leaf
 * the engine did not evaluate stays unknown. Recomputed from the leaves (the
 * engine records results on nested boolean nodes only), in one pass down the
 * tree: each node gets the rule's value for each value it could take, from
 * its parent's and its siblings'. Working the whole tree out again for each
 * leaf cost a rule of 30,000 conditions 22 s.
 */
export function nearMissesOf<L>(root: EvaluatedNode, leaves: ReadonlyMap<EvaluatedNode, L>): L[] {
  const misses = new Set<EvaluatedNode>();
  const down = (node: EvaluatedNode, rule: (value: boolean | undefined) => boolean | undefined): void => {
    const children = node.all ?? node.any;
    if (children) {
      const every = node.all !== undefined;
      const values = children.map(valueOf);
      const count = (v: boolean | undefined) => values.reduce((n, x) => (x === v ? n + 1 : n), 0);
      const [falses, unknowns, trues] = [count(false), count(undefined), count(true)];
      children.forEach((child, i) => {
        const own = values[i];
        // The siblings' value: the node's, without this child.
        const others = [falses - (own === false ? 1 : 0), unknowns - (own === undefined ? 1 : 0), trues - (own === true ? 1 : 0)] as const;
        const rest = others[every ? 0 : 2] > 0 ? !every : others[1] > 0 ? undefined : every;
        down(child, (value) => rule(both([value, rest], every)));
      });
    } else if (node.not) {
      down(node.not, (value) => rule(value === undefined ? undefined : !value));
    } else if (rule(node.result === undefined ? undefined : !node.result) === true) {
      misses.add(node);
    }
  };
  down(root, (value) => value);
  return [...leaves].filter(([node]) => misses.has(node)).map(([, leaf]) => leaf);
}

/** A node's value, three-valued: undefined when it depends on a leaf the engine did not evaluate. */
function valueOf(node: EvaluatedNode): boolean | undefined {
  if (node.all) return both(node.all.map(valueOf), true);
  if (node.any) return both(node.any.map(valueOf), false);
  if (node.not) {
    const inner = valueOf(node.not);
    return inner === undefined ? undefined : !inner;
  }
  return node.result;
}

/** Three-valued and (every) or or (some). */
function both(values: (boolean | undefined)[], every: boolean): boolean | undefined {
  if (values.includes(!every)) return !every;
  return values.includes(undefined) ? undefined : every;
}

/** A condition node after the engine has decorated it with results. */
export type EvaluatedNode = Partial<{
  all: EvaluatedNode[];
  any: EvaluatedNode[];
  not: EvaluatedNode;
  fact: string;
  operator: string;
  value: unknown;
  factResult: FactScalar;
  valueResult: unknown;
  result: boolean;
}>;

/** A condition tree: boolean nodes over leaves. */
type ConditionTree<N> = { all?: N[]; any?: N[]; not?: N };

/**
 * Visits each leaf condition with its path in the rule ("all[1].any[0]") and
 * whether it sits under an odd number of `not`s. The one place paths are named:
 * outcomes and coverage must agree on them.
 */
export function forEachLeaf<N extends ConditionTree<N>>(node: N, visit: (leaf: N, path: string, negated: boolean) => void, path = '', negated = false): void {
  const join = (key: string) => (path ? `${path}.${key}` : key);
  if (node.all) node.all.forEach((c, i) => forEachLeaf(c, visit, join(`all[${i}]`), negated));
  else if (node.any) node.any.forEach((c, i) => forEachLeaf(c, visit, join(`any[${i}]`), negated));
  else if (node.not) forEachLeaf(node.not, visit, join('not'), !negated);
  else visit(node, path, negated);
}
