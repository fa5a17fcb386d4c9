/**
 * verify's `--format` values, apart from their formatters: a run that prints
 * a kept view checks the flag and loads none of them. VERIFY_FORMATS has a
 * formatter for each, and no other (its type says so).
 */
export const VERIFY_FORMAT_NAMES = ['text', 'json', 'junit', 'github', 'sarif', 'md'] as const;
export type VerifyFormat = (typeof VERIFY_FORMAT_NAMES)[number];
