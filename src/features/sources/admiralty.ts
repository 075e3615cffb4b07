/**
 * Temporary: features/search still imports the reliability labels from here.
 * The words are defined in domain/vocabulary.ts; the integrator switches that
 * import and deletes this file.
 */
export { RELIABILITY_LABELS } from '../../domain/vocabulary';
