/**
 * The GitHub workflow of a new project (factcheck init): factcheck's own
 * example workflow, made to work in a repository that is not factcheck itself.
 * factcheck is installed from the repository variable FACTCHECK_PACKAGE, else
 * with npm ci when the repository's package-lock.json lists it from a registry
 * or git; the shards are as many as the matrix lists.
 */

const INSTALL_STEPS = `      - uses: actions/setup-node@v4
        with:
          node-version: 20
      # FACTCHECK_PACKAGE wins. Else npm ci, only if package-lock.json lists factcheck from where CI
      # can fetch it: a tarball, folder or git clone listed as file: is on someone's machine, not here.
      - name: Install factcheck
        run: |
          if [ -n "$FACTCHECK_PACKAGE" ]; then
            npm install --global "$FACTCHECK_PACKAGE"
            exit 0
          fi
          from=$(node -e '
            let p;
            try { p = JSON.parse(require("fs").readFileSync("package-lock.json", "utf8")).packages["node_modules/factcheck"]; } catch {}
            if (p) console.log(p.link ? "file:" + p.resolved : p.resolved ?? "the registry");
          ')
          fix="set the repository variable FACTCHECK_PACKAGE to an npm install spec for factcheck (factcheck@<version>, a git URL or a tarball URL)"
          case "$from" in
            "")
              echo "::error::Nothing says where to install factcheck from: $fix, or commit a package-lock.json that lists factcheck"
              exit 2 ;;
            file:* | git+file:*)
              echo "::error::package-lock.json installs factcheck from $from, which CI cannot fetch: $fix"
              exit 2 ;;
          esac
          npm ci
          echo "$PWD/node_modules/.bin" >> "$GITHUB_PATH"`;

export const WORKFLOW_YAML = `# Re-verifies the claims on every pull request that touches them, the evidence
# or the rules, and shows which recorded verdicts (factcheck.lock.json) it
# would change, and why, before anyone merges it. Made by factcheck init.
#
# factcheck is installed from the repository variable FACTCHECK_PACKAGE: an npm
# install spec such as factcheck@<version>, a git URL (github:<owner>/<repo>#<tag>)
# or a tarball URL. Set it under Settings > Secrets and variables > Actions >
# Variables. Without it, npm ci installs the factcheck this repository's
# package-lock.json lists, unless that is a local tarball or folder.
#
# It fails while verdicts differ from the recorded ones: review the changes,
# run factcheck verify --update and commit factcheck.lock.json.
name: verify

on:
  pull_request:
    paths:
      - "claims/**"
      - "evidence/**"
      - "sources/**"
      - "entities/**"
      - "rules/**"
      - "factcheck.config.yaml"
      - "factcheck.lock.json"
      - ".github/workflows/verify.yml"

permissions:
  contents: read
  pull-requests: write
  # Code scanning alerts from the SARIF upload.
  security-events: write

env:
  FACTCHECK_PACKAGE: \${{ vars.FACTCHECK_PACKAGE }}
  # Where factcheck's docs folder is read, such as the docs of the repository it is installed
  # from: SARIF rules link each code to its entry there.
  FACTCHECK_DOCS_URL: \${{ vars.FACTCHECK_DOCS_URL }}

jobs:
  shard:
    name: verify shard \${{ matrix.shard }} of \${{ strategy.job-total }}
    runs-on: ubuntu-latest
    strategy:
      fail-fast: false
      matrix:
        # One job is plenty for a small archive. For a large one, list more
        # shards, such as [1, 2, 3]: each job verifies its share of the claims.
        shard: [1]
    steps:
      - uses: actions/checkout@v4
${INSTALL_STEPS}
      # Exit 1 means verdicts differ from the recorded ones: the report job reports that.
      # Exit 2 (invalid input) fails here, with the problems in the log.
      - name: Check this shard against the recorded verdicts
        run: |
          set +e
          factcheck verify --check --shard \${{ matrix.shard }}/\${{ strategy.job-total }} --format json > shard-\${{ matrix.shard }}.json
          status=$?
          [ "$status" -le 1 ] || exit "$status"
      - uses: actions/upload-artifact@v4
        with:
          name: shard-\${{ matrix.shard }}
          path: shard-\${{ matrix.shard }}.json

  rule-tests:
    name: rule tests
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${INSTALL_STEPS}
      # A rule change that moves an expected verdict (rules/tests/) fails here, with expected against actual.
      - name: Run the rules' test cases
        run: factcheck test --coverage

  report:
    name: verdict changes
    needs: shard
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          # The base branch's history, for --changed-since.
          fetch-depth: 0
${INSTALL_STEPS}
      - uses: actions/download-artifact@v4
        with:
          pattern: shard-*
          path: shards
          merge-multiple: true
      # Which claims this pull request can move. Compare with the pull request's base, never HEAD:
      # HEAD already holds the change, so nothing has changed since it. (--check on its own, as the
      # shards run it, compares every verdict and always catches a lock left out of date.)
      - name: Claims this pull request can affect
        run: factcheck verify --check --changed-since "origin/$GITHUB_BASE_REF" --format md > affected-claims.md || true
      - name: Markdown for the pull request
        run: factcheck merge shards/shard-*.json --format md > verdict-changes.md || true
      - name: Comment on the pull request
        if: github.event.pull_request.head.repo.full_name == github.repository
        env:
          GH_TOKEN: \${{ github.token }}
        run: gh pr comment \${{ github.event.pull_request.number }} --body-file verdict-changes.md --edit-last || gh pr comment \${{ github.event.pull_request.number }} --body-file verdict-changes.md
      - name: Verified results
        run: factcheck merge shards/shard-*.json --format json > verdicts.json || true
      - name: HTML report for editors
        run: factcheck report --format html --out report.html || true
      - name: SARIF for code scanning
        run: factcheck merge shards/shard-*.json --format sarif > factcheck.sarif || true
      # Code scanning needs GitHub Advanced Security on private repositories: without it, this step fails alone.
      - uses: github/codeql-action/upload-sarif@v3
        continue-on-error: true
        with:
          sarif_file: factcheck.sarif
      - uses: actions/upload-artifact@v4
        with:
          name: verdicts
          path: |
            report.html
            verdicts.json
            verdict-changes.md
            affected-claims.md
            factcheck.sarif
      # Annotations at each changed claim, the table in the job summary, and the exit code:
      # 0 as recorded, 1 verdicts changed (run factcheck verify --update and commit the lock file).
      - name: Annotate and fail on changed verdicts
        run: factcheck merge shards/shard-*.json --format github
`;
