/** Units that convert into each other; every other unit compares only with itself. */
const TIME_UNITS: Record<string, number> = {
  seconds: 1,
  minutes: 60,
  hours: 3600,
  days: 86_400,
  weeks: 604_800,
};

export function isTimeUnit(unit: string): boolean {
  return Object.prototype.hasOwnProperty.call(TIME_UNITS, unit);
}

export function compatibleUnits(a: string, b: string): boolean {
  return a === b || (isTimeUnit(a) && isTimeUnit(b));
}

/** Converts a value between compatible units; undefined when they are not. */
export function convert(value: number, from: string, to: string): number | undefined {
  if (from === to) return value;
  if (isTimeUnit(from) && isTimeUnit(to)) return (value * TIME_UNITS[from]!) / TIME_UNITS[to]!;
  return undefined;
}

export const KNOWN_TIME_UNITS = Object.keys(TIME_UNITS);
