/**
 * Rule 8 of the map format: every Change is checked before it is applied and
 * written. The check itself lives in the rule book (rules.ts), shared with
 * the sharing bridge and the server; this module keeps the names the store
 * and the tests import.
 */
export { checkChange as changeProblems, refusalMessage } from './rules';
