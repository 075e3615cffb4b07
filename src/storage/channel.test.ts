import { afterEach, expect, it, vi } from 'vitest';
import { emptyChange, type Change } from '../domain/change';
import { CHANNEL_NAME, TAB_ID, broadcastChange, broadcastMapsChanged, subscribeChanges, subscribeMapsChanged } from './channel';
import { claim } from '../test/testDocs';

const others: BroadcastChannel[] = [];
/** Another tab's end of the channel. */
function otherTab(): BroadcastChannel {
  const c = new BroadcastChannel(CHANNEL_NAME);
  others.push(c);
  return c;
}
afterEach(() => {
  for (const c of others.splice(0)) c.close();
});

const change: Change = { ...emptyChange('map_one'), put: { claims: [claim('c_1', 'One')] } };
const tick = () => new Promise((r) => setTimeout(r, 20));

it('delivers valid Change messages of other tabs and drops malformed ones', async () => {
  const handler = vi.fn();
  const unsubscribe = subscribeChanges(handler);
  const tab = otherTab();
  const valid = { type: 'change', tabId: 'tab_other', mapId: 'map_one', revision: 3, change };
  tab.postMessage(valid);
  tab.postMessage({ ...valid, revision: 'three' });
  tab.postMessage({ ...valid, change: { ...change, put: { claims: [{ id: 'c_bad' }] } } });
  tab.postMessage({ ...valid, mapId: 'map_two' }); // disagrees with change.mapId
  tab.postMessage({ ...valid, tabId: TAB_ID }); // our own
  tab.postMessage('hello');
  tab.postMessage(null);
  await tick();
  expect(handler).toHaveBeenCalledTimes(1);
  expect(handler).toHaveBeenCalledWith({ tabId: 'tab_other', mapId: 'map_one', revision: 3, change });
  unsubscribe();
  tab.postMessage(valid);
  await tick();
  expect(handler).toHaveBeenCalledTimes(1);
});

it('tells other tabs about changes and map list changes', async () => {
  const tab = otherTab();
  const received: unknown[] = [];
  tab.onmessage = (e: MessageEvent) => received.push(e.data);
  broadcastChange({ mapId: 'map_one', change, revision: 4, tabId: TAB_ID });
  broadcastMapsChanged(['map_one']);
  broadcastMapsChanged();
  await tick();
  expect(received).toEqual([
    { type: 'change', mapId: 'map_one', change, revision: 4, tabId: TAB_ID },
    { type: 'maps-changed', tabId: TAB_ID, mapIds: ['map_one'] },
    { type: 'maps-changed', tabId: TAB_ID },
  ]);
});

it('delivers maps-changed messages to their own subscribers', async () => {
  const maps = vi.fn();
  const changes = vi.fn();
  const offMaps = subscribeMapsChanged(maps);
  const offChanges = subscribeChanges(changes);
  otherTab().postMessage({ type: 'maps-changed', tabId: 'tab_other', mapIds: ['map_x'] });
  await tick();
  expect(maps).toHaveBeenCalledWith({ tabId: 'tab_other', mapIds: ['map_x'] });
  expect(changes).not.toHaveBeenCalled();
  offMaps();
  offChanges();
});
