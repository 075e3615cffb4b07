import { useSyncExternalStore } from 'react';
import { isDatabaseOutdated, onDatabaseOutdated } from '../../storage/outdated';

const subscribe = (notify: () => void) => onDatabaseOutdated(() => notify());

/**
 * True once another tab opened the database with newer code: this tab's
 * connection is closed and nothing more can be saved until it reloads.
 */
export function useOutdated(): boolean {
  return useSyncExternalStore(subscribe, isDatabaseOutdated, isDatabaseOutdated);
}
