// Regenerates what is made from code (the fact catalogue, the diagnostic codes, the starter's rule tests): npm run docs.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { diagnosticsMarkdown, withDiagnosticsTable } from '../src/document-diagnostics.js';
import { factsMarkdown } from '../src/facts/document-facts.js';
import { loadProject, portableRuleTests } from '../src/pipeline.js';

await writeFile(new URL('../docs/facts.md', import.meta.url), factsMarkdown());
await writeFile(new URL('../docs/diagnostics.md', import.meta.url), diagnosticsMarkdown());
const security = new URL('../docs/security.md', import.meta.url);
await writeFile(security, withDiagnosticsTable(await readFile(security, 'utf8')));

// The methodology a new project starts with (factcheck init): the rules' test cases, made to hold in any project.
const loaded = await loadProject(fileURLToPath(new URL('..', import.meta.url)), { cache: false });
if (!loaded.project) throw new Error('the bundled project does not load');
const tests = new URL('../methodology/tests/', import.meta.url);
await mkdir(tests, { recursive: true });
for (const [name, text] of await portableRuleTests(loaded.project)) await writeFile(new URL(name, tests), text);
