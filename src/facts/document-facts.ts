import { FACTS } from './catalogue.js';

/** docs/facts.md, generated from the catalogue so the two never drift. */
export function factsMarkdown(): string {
  const rows = FACTS.map((f) => `| \`${f.name}\` | ${f.label} | ${f.type} | ${f.kinds ? f.kinds.join(', ') : 'all'} | ${f.description.replace(/\|/g, '\\|')} |`);
  return `# Facts

<!-- Generated from src/facts/catalogue.ts by \`npm run docs\`; do not edit by hand. -->

Facts are computed for each claim from the evidence index and passed to its ruleset. Every fact
value carries the ids of the evidence records that produced it: that is what citation trails are
made of. Rules name facts in conditions (\`fact: supporting_origins\`) and in explanation
placeholders (\`{supporting_origin_names}\`).

How records are matched to a claim:

- **Entities.** A group in a claim stands for its members. Evidence about a group does not stand for
  each member.
- **Actions.** A claim's action matches records of that action or a narrower one (\`contact\` matches
  \`message\`). A negated record ("did not reply") counts only when its action is as broad as the
  claim's: "did not reply" says nothing about "no contact".
- **Roles.** Each matching record supports, contradicts or takes no side. For a timing claim, a record
  dated inside the claimed time supports it, one dated outside contradicts it, and an undated or
  loosely dated one takes no side. For an absence claim, a record of the event contradicts it.
  For a quantity, the value is converted into the claim's unit and compared.
- **Independence.** A record's origin is the root of the \`relays\` chain of the source it was
  relayed from (\`relayed_from\`), or its own source. Records from the claimant (attributed to them,
  spoken by them, or from a source they wrote) are self-reported, and records from the claim's own
  appearance are set aside: neither counts as support.

Types: \`number\`, \`boolean\`, \`string\`, \`list\` (of strings, joined as "A, B and C" in
explanations) and \`date\` (written "12 October 2016" in explanations). A fact that does not apply to a
claim's kind is \`null\` or 0.

| fact | in plain words (reports) | type | claim kinds | meaning |
| --- | --- | --- | --- | --- |
${rows.join('\n')}
`;
}
