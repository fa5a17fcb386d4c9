/** The only `path` form allowed in conditions: `$.a.b`, plain property names. */
export const SAFE_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function isSafePath(path: string): boolean {
  return SAFE_PATH.test(path) && !path.split('.').some((p) => FORBIDDEN.has(p));
}

/**
 * Replaces json-rules-engine's jsonpath-plus resolver, which evaluates filter
 * and script expressions. Walks own properties only; anything else is refused.
 */
export function resolvePath(value: unknown, path: string): unknown {
  if (!isSafePath(path)) throw new Error(`unsafe condition path "${path}"`);
  let node: unknown = value;
  for (const key of path.split('.').slice(1)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}
