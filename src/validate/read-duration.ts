import type { Duration } from '../types.js';

const MINUTES = { minute: 1, hour: 60, day: 1440, week: 10080 } as const;

/** A schema-valid duration ("15 minutes", "2 days") in minutes. */
export function readDuration(text: string): Duration {
  const [amount, unit] = text.split(' ') as [string, string];
  const singular = unit.replace(/s$/, '') as keyof typeof MINUTES;
  return { text, minutes: Number(amount) * MINUTES[singular] };
}

/** "15 minutes", "2 days": a duration in the largest unit it is a whole number of. */
export function formatMinutes(minutes: number): string {
  const abs = Math.abs(minutes);
  for (const [unit, size] of [['week', 10080], ['day', 1440], ['hour', 60]] as const) {
    if (abs >= size && abs % size === 0) return `${abs / size} ${unit}${abs / size === 1 ? '' : 's'}`;
  }
  return `${abs} minute${abs === 1 ? '' : 's'}`;
}
