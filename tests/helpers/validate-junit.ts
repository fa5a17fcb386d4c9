import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { REPO } from './project.js';

/** The xUnit XSD Jenkins validates JUnit reports against: ../shared's copy when it is beside the repository, else ours. */
export const JUNIT_XSD = existsSync(join(REPO, '../shared/ci-schemas/junit-10.xsd')) ? join(REPO, '../shared/ci-schemas/junit-10.xsd') : join(REPO, 'tests/vendor/junit-10.xsd');

/**
 * Validates JUnit XML against the XSD with libxml2's xmllint, compiled to
 * WebAssembly: the same validator as the system binary, with nothing to
 * install. Throws with xmllint's messages when the XML is not valid.
 */
export async function validateJunit(xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'report.xml', contents: xml }], schema: [{ fileName: 'junit-10.xsd', contents: await readFile(JUNIT_XSD, 'utf8') }] });
  if (!result.valid) throw new Error(`JUnit XML is not valid against ${JUNIT_XSD}:\n${result.errors.map((e) => e.rawMessage).join('\n')}`);
}
