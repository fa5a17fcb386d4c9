/**
 * The example content of a new project (factcheck init): one of each kind of
 * file, about a made-up town council, so that nobody mistakes it for news.
 * Every field carries a short comment; the modeline is added by the caller.
 * The snapshot's SHA-256 is filled in where {{SNAPSHOT_SHA256}} stands.
 */

export const SNAPSHOT_PATH = 'evidence/snapshots/exampleton-council-cycle-path.txt';
export const SHA256_SLOT = '{{SNAPSHOT_SHA256}}';

/** The archived press release. Made up, and it says so in its first line. */
export const SNAPSHOT_TEXT = `EXAMPLE: a made-up press release for a new factcheck project. Exampleton, its
council and its cycling club do not exist.

Exampleton Town Council
News, 4 March 2024

Council approves Mill Lane cycle path

Exampleton Town Council approved a new cycle path along Mill Lane at its
meeting on 4 March 2024. The council will spend £380,000 on the path, which is
due to open in the autumn.

Work will start in June. Mill Lane will stay open to traffic while the path is
built.
`;

const EXAMPLE_NOTE = `# Everything here is a made-up example: Exampleton, its council and its cycling
# club do not exist. Replace it with your own.`;

export const CONFIG_YAML = `#
# Who publishes the verdicts, the verdict scale, and the vocabulary of actions,
# measures and channels that claims and evidence use.
${EXAMPLE_NOTE}

# The organisation that publishes the fact checks (ClaimReview's author).
organization:
  name: Example fact-check desk             # your newsroom's name
  url: https://factcheck.example            # its website (.example is a reserved, made-up domain)
# The page of each fact check, for ClaimReview: {id} becomes the claim's id.
claimreview:
  url: https://factcheck.example/claims/{id}

# The verdict scale, best first. Each rating has an id (rules name it), a label
# for reports, a badge colour (white text must stay readable on it), a
# description, its ClaimReview value (5 best, 1 worst, 0 off the true-false
# line) and its FEVER and AVeriTeC labels.
scale:
  - id: "true"                              # quote "true" and "false": YAML would read them as booleans
    label: "True"
    color: "#1a7f37"
    description: The statement is accurate, and independent evidence confirms it.
    claimreview: 5
    fever: SUPPORTS
    averitec: Supported
  - id: mostly-true
    label: Mostly true
    color: "#3d7a22"
    description: The statement is accurate but needs clarification or additional information.
    claimreview: 4
    fever: SUPPORTS
    averitec: Supported
  - id: half-true
    label: Half true
    color: "#8a5a00"
    description: The statement is partially accurate but leaves out important details, takes things out of context, or meets conflicting evidence.
    claimreview: 3
    fever: NOT ENOUGH INFO
    averitec: Conflicting Evidence/Cherrypicking
  - id: mostly-false
    label: Mostly false
    color: "#b3461a"
    description: The statement contains an element of truth but ignores facts that would give a different impression.
    claimreview: 2
    fever: REFUTES
    averitec: Refuted
  - id: "false"
    label: "False"
    color: "#c21f2b"
    description: The statement is not accurate; the evidence contradicts it.
    claimreview: 1
    fever: REFUTES
    averitec: Refuted
  - id: unproven
    label: Unproven
    color: "#596069"
    description: The evidence neither confirms nor refutes the statement.
    claimreview: 0
    fever: NOT ENOUGH INFO
    averitec: Not Enough Evidence
  - id: not-checkable
    label: Not checkable
    color: "#6a3fb5"
    description: An opinion, prediction or judgement that evidence cannot settle.
    claimreview: 0
    fever: NOT ENOUGH INFO
    averitec: Not Enough Evidence

fallback_rating: unproven                   # the rating when no rule fires (reported as a warning)

# The terms claims and evidence use, so that matching is exact and typos are caught.
vocabulary:
  # Actions, for events. \`broader: contact\` on an action makes a claim about
  # contact match evidence of that narrower action.
  actions:
    approve:
      label: approved                       # a verb phrase for reports
  # Measures, for numbers: each counted in one unit.
  measures:
    cycle-path-budget:
      label: money budgeted for the Mill Lane cycle path   # a noun phrase for reports
      unit: pounds                          # claims and evidence give values in this unit
  # Channels: how something was said or done.
  channels:
    website:
      label: on its website
`;

export const ENTITIES_YAML = `#
# The people, organisations and groups that claims, sources and evidence name.
${EXAMPLE_NOTE}
# Add more with: factcheck new entity
entities:
  - id: exampleton-town-council             # how other files name it: lowercase letters, digits and hyphens
    name: Exampleton Town Council           # the name reports show
    kind: organisation                      # person, organisation or group
    aliases: [the council]                  # other names the texts use (optional)
  - id: exampleton-cycling-club
    name: Exampleton Cycling Club
    kind: organisation
    description: A local club that makes the example claim.   # who or what it is (optional)
`;

export const SOURCES_YAML = `#
# Sources: where evidence is read, and where claims were made.
${EXAMPLE_NOTE}
# Add more with: factcheck new source
sources:
  - id: exampleton-council-cycle-path       # evidence records and claims name it by this id
    kind: official-statement                # news-report, social-post, primary-document, official-statement, interview or assessment
    title: Council approves Mill Lane cycle path   # its own title, or a [description in square brackets]
    publisher: exampleton-town-council      # an entity id (optional)
    url: https://exampleton.example/news/mill-lane-cycle-path   # where it was published (optional: leave it out rather than guess)
    published: "2024-03-04"                 # YYYY-MM-DD, YYYY-MM, YYYY or "unknown"
    snapshot:                               # the archived text, byte for byte
      path: ${SNAPSHOT_PATH}
      sha256: ${SHA256_SLOT}   # sha256sum of the file: a changed snapshot is an error

  - id: exampleton-cycling-club-post
    kind: social-post
    title: "[The cycling club's post about the Mill Lane cycle path]"   # no title of its own: a description in brackets
    publisher: exampleton-cycling-club
    published: "2024-03-05"
    # No snapshot: the post was not archived. It can still be where a claim was made.
`;

export const EVIDENCE_YAML = `#
# Evidence read in the council's press release.
${EXAMPLE_NOTE}
# Every quote is copied word for word from ${SNAPSHOT_PATH}:
# factcheck cite exampleton-council-cycle-path "<words>" finds words there and
# prints a record to start from. Add more with: factcheck new evidence
evidence:
  - id: council-cycle-path-budget           # verdicts cite the record by this id
    source: exampleton-council-cycle-path   # the source it is read in
    kind: quantity                          # event, quantity, statement or assessment
    subject: exampleton-town-council        # whom the number is about: an entity id
    measure: cycle-path-budget              # a measure from factcheck.config.yaml
    value: 380000                           # the number, in the unit below
    unit: pounds
    date: "2024-03-04"                      # when, at the precision the text gives
    quote: The council will spend £380,000 on the path   # the exact words in the source
`;

export const CLAIMS_YAML = `#
# Claims to verify.
${EXAMPLE_NOTE}
# Add more with: factcheck new claim; then run factcheck verify, and
# factcheck explain <claim-id> to see why a verdict came out as it did.
claims:
  - id: cycle-path-costs-380000             # factcheck explain and reports name it by this id
    text: The council is spending £380,000 on the Mill Lane cycle path.   # the words, verbatim, as said
    claimant: exampleton-cycling-club       # who said it: an entity id
    date: "2024-03-05"                      # when it was said
    appearance: exampleton-cycling-club-post   # where it was said: a source id (never counts as support)
    interpretation: The council's budget for the Mill Lane cycle path is £380,000.   # how the words are read into asserts
    tags: [example]                         # for filtering reports (optional)
    asserts:                                # what the claim says, in structured form
      kind: quantity                        # quantity, event, absence, timing, attribution or opinion
      subject: exampleton-town-council      # whom the number is about
      measure: cycle-path-budget            # a measure from factcheck.config.yaml
      value: 380000                         # the number claimed
      unit: pounds
      comparison: equal                     # equal, at-most, at-least or approximately
`;

export const GITIGNORE = `# factcheck's parse and result cache: rebuilt on each machine, never committed.
.factcheck-cache/
node_modules/
`;

export const EXTENSIONS_JSON = `${JSON.stringify({ recommendations: ['redhat.vscode-yaml'] }, null, 2)}\n`;
