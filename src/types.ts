// The types the stages share, by what they describe. These files import no
// stage: stages import them.
export * from './types/inputs.js';
export * from './types/claims.js';
export * from './types/project.js';
export * from './types/results.js';
