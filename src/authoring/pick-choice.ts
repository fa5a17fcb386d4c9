/**
 * The pickers of `factcheck new`: what the typed words match among the ids a
 * field offers (entities by id, name and aliases; sources by id and title),
 * best first, and what Tab completes them to. Pure: the terminal code in
 * cli/ draws the matches and edits the line.
 */

/** One id a field offers, with the words it may also be found by. */
export interface Choice {
  id: string;
  /** A name or title, shown beside the id. */
  name?: string;
  aliases?: readonly string[];
}

/** Lower case, accents off, and hyphens, underscores and dots read as spaces: "Greta" finds greta-thunberg. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s._-]+/g, ' ')
    .trim();
}

/**
 * How well one text matches the query, lower is better: the whole text, its
 * start, the start of its words (every word of the query), anywhere in it,
 * every word of the query anywhere; undefined when it does not match.
 */
function score(text: string, query: string, words: readonly string[]): number | undefined {
  if (text === query) return 0;
  if (text.startsWith(query)) return 1;
  const own = text.split(' ');
  if (words.every((w) => own.some((o) => o.startsWith(w)))) return 2;
  if (text.includes(query)) return 3;
  if (words.every((w) => text.includes(w))) return 4;
  return undefined;
}

/** The choices that match what was typed, best first; every choice, as given, when nothing was typed. */
export function rankChoices(choices: readonly Choice[], typed: string): Choice[] {
  const query = fold(typed);
  if (!query) return [...choices];
  const words = query.split(' ');
  const ranked: { choice: Choice; score: number }[] = [];
  for (const choice of choices) {
    const scores = [choice.id, choice.name ?? '', ...(choice.aliases ?? [])].map((t) => score(fold(t), query, words)).filter((s) => s !== undefined);
    if (scores.length) ranked.push({ choice, score: Math.min(...scores) });
  }
  // Among equals, the shorter id is the closer match: "greta" puts greta before greta-thunberg-foundation.
  ranked.sort((a, b) => a.score - b.score || a.choice.id.length - b.choice.id.length || (a.choice.id < b.choice.id ? -1 : a.choice.id > b.choice.id ? 1 : 0));
  return ranked.map((r) => r.choice);
}

/**
 * What Tab makes of the typed words: the id when only one choice matches, or
 * only one id starts with them; else the longest prefix the ids that start
 * with them share, when it is longer; undefined when Tab has nothing to add.
 */
export function completeChoice(choices: readonly Choice[], typed: string): string | undefined {
  const term = typed.trim();
  if (!term) return undefined;
  const matches = rankChoices(choices, term);
  const lower = term.toLowerCase();
  const starting = matches.filter((c) => c.id.toLowerCase().startsWith(lower));
  const completion = matches.length === 1 ? matches[0]!.id : starting.length ? commonPrefix(starting.map((c) => c.id)) : undefined;
  return completion !== undefined && completion !== term && completion.length >= term.length ? completion : undefined;
}

function commonPrefix(ids: readonly string[]): string {
  let prefix = ids[0] ?? '';
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * The word being typed: a list answer (authors, relays) is comma-separated,
 * and only its last part is picked. `head` is what comes before it.
 */
export function lastTerm(line: string): { head: string; term: string } {
  const comma = line.lastIndexOf(',');
  const start = comma === -1 ? 0 : comma + 1 + (/^\s*/.exec(line.slice(comma + 1))?.[0].length ?? 0);
  return { head: line.slice(0, start), term: line.slice(start) };
}

/**
 * The lines shown under the question as the user types: the best `max`
 * matches, each id with its name, then how many more; nothing before
 * anything is typed.
 */
export function describeMatches(choices: readonly Choice[], typed: string, max = 8): string[] {
  const term = lastTerm(typed).term;
  if (!term.trim()) return [];
  const matches = rankChoices(choices, term);
  if (!matches.length) return [`  no match for "${term.trim()}"`];
  const width = Math.max(...matches.slice(0, max).map((c) => c.id.length));
  const lines = matches.slice(0, max).map((c) => {
    const aliases = c.aliases?.length ? ` (${c.aliases.join(', ')})` : '';
    return `  ${c.name === undefined ? c.id : `${c.id.padEnd(width)}  ${c.name}${aliases}`}`.trimEnd();
  });
  if (matches.length > max) lines.push(`  … and ${matches.length - max} more; Tab completes`);
  return lines;
}
