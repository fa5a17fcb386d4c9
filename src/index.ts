/** The library API. The CLI is a thin layer over these functions. */
export { loadProject, verifyProject, verify, assembleResult, exitCodeOf, ruleInputs, VERSION } from './pipeline.js';
export { createRunner } from './rules/run-rules.js';
export type { VerifyOptions } from './pipeline.js';
export { main } from './cli/main.js';
export type { CliIO } from './cli/io.js';
export { FACTS } from './facts/catalogue.js';
export { OPERATORS } from './rules/operators.js';
export { DIAGNOSTIC_CODES } from './diagnostics.js';
export type { Diagnostic, DiagnosticCode, Position, Severity } from './diagnostics.js';
export * from './report/formatters/index.js';
export type * from './types.js';
