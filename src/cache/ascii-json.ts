/** JSON.stringify's text with every character past ASCII escaped: what the cache keeps. */
export function asciiJson(value: unknown): string {
  return asciiText(JSON.stringify(value));
}

/** JSON text with every character past ASCII escaped, as asciiJson gives it. */
export function asciiText(json: string): string {
  return escapedUnless(json, Infinity);
}

/**
 * JSON text with its characters past ASCII escaped when they are few, as in
 * English text with a curly quote or two; as it is when they are many, as in
 * text in another script, which escaped would be about three times its bytes.
 * One such character makes V8 hold the whole string at two bytes a character,
 * and a parse result read back from the cache then decodes at about a tenth of
 * the speed and parses at two thirds (at the large bench size, 498 evidence
 * files' results: 20 ms against 2 to decode, 20 against 13 to parse).
 */
export function asciiIfFew(json: string): string {
  return escapedUnless(json, json.length >>> 4);
}

/** The text with each character past ASCII escaped, or as it is once more than `most` are found. */
function escapedUnless(json: string, most: number): string {
  // The regex finds each one natively: a loop over every character took three to four times as
  // long, and a replace with a function (over a 5 MB manifest) longer still.
  const past = /[\u007f-\uffff]/g;
  let found = past.exec(json);
  if (!found) return json;
  let out = '';
  let last = 0;
  for (let count = 1; found; found = past.exec(json), count++) {
    if (count > most) return json;
    const i = found.index;
    out += `${json.slice(last, i)}\\u${json.charCodeAt(i).toString(16).padStart(4, '0')}`;
    last = i + 1;
  }
  return out + json.slice(last);
}
