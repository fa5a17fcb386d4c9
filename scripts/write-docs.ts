// Regenerates docs/facts.md from the fact catalogue: npm run docs.
import { writeFile } from 'node:fs/promises';
import { factsMarkdown } from '../src/facts/document-facts.js';

await writeFile(new URL('../docs/facts.md', import.meta.url), factsMarkdown());
