/**
 * A broadcast channel between stores of one test: each port is a tab of its
 * own, and messages arrive a task later, as BroadcastChannel's do.
 */
import type { ChangeMessage, MapsChangedMessage } from '../storage/channel';
import type { ChannelPort } from '../store/sync';

export function createTestBus() {
  const changeHandlers = new Map<string, Set<(m: ChangeMessage) => void>>();
  const mapsHandlers = new Map<string, Set<(m: MapsChangedMessage) => void>>();
  const deliver = <M extends { tabId: string }>(handlers: Map<string, Set<(m: M) => void>>, message: M) => {
    setTimeout(() => {
      for (const [tab, set] of handlers) if (tab !== message.tabId) for (const h of set) h(message);
    }, 0);
  };
  const subscribe = <M>(handlers: Map<string, Set<(m: M) => void>>, tabId: string, handler: (m: M) => void) => {
    const set = handlers.get(tabId) ?? new Set();
    handlers.set(tabId, set);
    set.add(handler);
    return () => {
      set.delete(handler);
    };
  };
  return {
    port(tabId: string): ChannelPort {
      return {
        tabId,
        broadcastChange: (m) => deliver(changeHandlers, m),
        subscribeChanges: (h) => subscribe(changeHandlers, tabId, h),
        subscribeMapsChanged: (h) => subscribe(mapsHandlers, tabId, h),
      };
    },
    /** What a tab says after it created, deleted, replaced or restored maps. */
    mapsChanged(fromTab: string, mapIds?: string[]) {
      deliver(mapsHandlers, mapIds ? { tabId: fromTab, mapIds } : { tabId: fromTab });
    },
  };
}
