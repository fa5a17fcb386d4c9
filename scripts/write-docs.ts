// Regenerates the docs made from code (the fact catalogue, the diagnostic codes): npm run docs.
import { readFile, writeFile } from 'node:fs/promises';
import { diagnosticsMarkdown, withDiagnosticsTable } from '../src/document-diagnostics.js';
import { factsMarkdown } from '../src/facts/document-facts.js';

await writeFile(new URL('../docs/facts.md', import.meta.url), factsMarkdown());
await writeFile(new URL('../docs/diagnostics.md', import.meta.url), diagnosticsMarkdown());
const security = new URL('../docs/security.md', import.meta.url);
await writeFile(security, withDiagnosticsTable(await readFile(security, 'utf8')));
