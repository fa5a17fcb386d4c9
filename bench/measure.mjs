/**
 * One benchmark measurement, in a fresh process so that each has its own heap
 * and peak RSS: `measure.mjs <task> <project> [args...]`. Prints one JSON line.
 * It runs the built code (dist/), as users do, with plain node: JavaScript, so
 * that no TypeScript loader starts with it or sits in its module loading.
 */
// @ts-check
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Engine } from 'json-rules-engine';
import { load as loadJsYaml } from 'js-yaml';
import { Lexer, parse } from 'yaml';

const [task, root, ...args] = process.argv.slice(2);
if (!task || !root) throw new Error('usage: measure.mjs <floor|read|jsyaml|lexer|verify|rules> <project> [args...]');
/** @type {typeof import('../src/index.js')} */
const lib = await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'index.js')).href);

/** @type {Record<string, unknown>} */
const out = { task };
switch (task) {
  case 'floor':
  case 'read':
  case 'jsyaml':
  case 'lexer': {
    // Read every file of the project and parse the YAML, nothing else: with yaml (the floor every
    // figure is a ratio of), not at all (read), with js-yaml, or with yaml's lexer alone. Synchronous
    // reads, as verify does, since they are the faster way to read thousands of small files.
    /** @type {Record<string, (text: string) => unknown>} */
    const parsers = { floor: (text) => parse(text), read: () => undefined, jsyaml: (text) => loadJsYaml(text), lexer: (text) => lexOnly(text) };
    const parseOne = /** @type {(text: string) => unknown} */ (parsers[task]);
    const start = performance.now();
    let bytes = 0;
    for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(ya?ml|txt)$/.test(name)) continue;
      const text = readFileSync(join(root, name), 'utf8');
      bytes += text.length;
      if (!name.endsWith('.txt')) parseOne(text);
    }
    out.ms = performance.now() - start;
    out.bytes = bytes;
    break;
  }
  case 'verify': {
    // The CLI's verify, in-process, with its output counted and dropped.
    let stdout = 0;
    let bytes = 0;
    let stderr = '';
    const start = performance.now();
    const cpu = process.cpuUsage();
    const code = await lib.main({
      argv: ['verify', '--root', root, ...args],
      cwd: root,
      stdout: (t) => void (stdout += t.length),
      // As the bin does: a kept view goes out as the bytes kept.
      stdoutBytes: (b) => void (bytes += b.length),
      stderr: (t) => void (stderr += t),
      isTTY: false,
      // Only the switch the bench sets: everything else as a user's default run.
      env: process.env.FACTCHECK_FAST_YAML ? { FACTCHECK_FAST_YAML: process.env.FACTCHECK_FAST_YAML } : {},
    });
    out.ms = performance.now() - start;
    // Every thread's CPU time, the parse workers' too: what the run would take on one core.
    const used = process.cpuUsage(cpu);
    out.cpuMs = (used.user + used.system) / 1000;
    out.code = code;
    out.stdoutChars = stdout;
    out.stdoutBytes = bytes;
    out.summary = stderr.split('\n').filter((l) => l.startsWith('factcheck verify:')).join('\n');
    break;
  }
  case 'rules': {
    // The same precomputed facts through our rules stage and through bare json-rules-engine,
    // one engine per ruleset reused sequentially, alternating so that neither gets a warmer JIT.
    const repeat = Number(args[0] ?? 3);
    const loaded = await lib.loadProject(root, { cache: true });
    if (!loaded.project) throw new Error('the project does not load');
    const inputs = lib.ruleInputs(loaded.project);
    const rulesets = [...new Set(inputs.map((i) => i.ruleset))];
    const ours = new Map(rulesets.map((r) => [r, lib.createRunner(r)]));
    const bare = new Map(
      rulesets.map((r) => [
        r,
        new Engine(
          r.rules.map((rule) => ({ name: rule.name, priority: rule.priority, conditions: /** @type {never} */ (structuredClone(rule.conditions)), event: { type: 'verdict', params: { rating: rule.rating } } })),
        ),
      ]),
    );
    const runBare = async () => {
      const start = performance.now();
      for (const { ruleset, facts } of inputs) await /** @type {Engine} */ (bare.get(ruleset)).run({ ...facts });
      return performance.now() - start;
    };
    const runOurs = async () => {
      const start = performance.now();
      for (const { ruleset, facts } of inputs) await /** @type {(facts: typeof inputs[number]['facts']) => Promise<unknown>} */ (ours.get(ruleset))(facts);
      return performance.now() - start;
    };
    await runBare();
    await runOurs();
    /** @type {number[]} */
    const bareMs = [];
    /** @type {number[]} */
    const oursMs = [];
    for (let i = 0; i < repeat; i++) {
      bareMs.push(await runBare());
      oursMs.push(await runOurs());
    }
    out.claims = inputs.length;
    out.bareMs = bareMs;
    out.oursMs = oursMs;
    break;
  }
  default:
    throw new Error(`unknown task ${task}`);
}
/**
 * yaml's lexer run over the text, its tokens counted and dropped: the least any yaml-based parse can cost.
 * @param {string} text
 */
function lexOnly(text) {
  let tokens = 0;
  for (const _ of new Lexer().lex(text)) tokens++;
  return tokens;
}

out.maxRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`${JSON.stringify(out)}\n`);
