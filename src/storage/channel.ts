/**
 * Cross-tab messages: a tab that wrote a Change tells the others, which apply
 * it too (tldraw's local sync does the same), so two tabs never overwrite
 * each other silently. Messages from other tabs are untrusted input: each is
 * checked against its schema and dropped when malformed.
 */
import { ChangeSchema, type Change } from '../domain/change';
import { freshIdLike } from '../domain/ids';
import { z } from '../domain/zod';

/** DO NOT RENAME: tabs of different versions of the app must still hear each other. */
export const CHANNEL_NAME = 'warrant';

/** This tab's id, so a tab can recognise its own messages. */
export const TAB_ID: string = freshIdLike('tab_');

const ChangeMessageSchema = z.object({
  type: z.literal('change'),
  tabId: z.string().min(1).max(200),
  mapId: z.string().min(1).max(200),
  /** The map's revision after the change was written. */
  revision: z.number().int().positive(),
  /** The incarnation of the map written to (rows.ts); absent from older versions. */
  epoch: z.string().max(200).optional(),
  change: ChangeSchema,
});
const MapsChangedMessageSchema = z.object({
  type: z.literal('maps-changed'),
  tabId: z.string().min(1).max(200),
  mapIds: z.array(z.string().max(200)).optional(),
});
const MessageSchema = z.discriminatedUnion('type', [ChangeMessageSchema, MapsChangedMessageSchema]);

/** A Change another tab wrote: it brought the map to `revision`. */
export type ChangeMessage = { mapId: string; change: Change; revision: number; epoch?: string | undefined; tabId: string };
/** Maps were created, deleted, replaced or renamed in another tab (the ids, when known). */
export type MapsChangedMessage = { tabId: string; mapIds?: string[] };

const changeHandlers = new Set<(message: ChangeMessage) => void>();
const mapsHandlers = new Set<(message: MapsChangedMessage) => void>();
let channel: BroadcastChannel | null | undefined;

function dispatch<T>(handlers: Set<(m: T) => void>, message: T) {
  for (const handler of [...handlers]) {
    try {
      handler(message);
    } catch (e) {
      console.error(e);
    }
  }
}

function receive(data: unknown): void {
  const parsed = MessageSchema.safeParse(data);
  if (!parsed.success) return; // another version's or a hostile message: ignore
  const m = parsed.data;
  if (m.tabId === TAB_ID) return;
  if (m.type === 'change') {
    if (m.change.mapId !== m.mapId) return;
    dispatch(changeHandlers, { mapId: m.mapId, change: m.change, revision: m.revision, epoch: m.epoch, tabId: m.tabId });
  } else {
    dispatch(mapsHandlers, m.mapIds ? { tabId: m.tabId, mapIds: m.mapIds } : { tabId: m.tabId });
  }
}

/** The one channel of this tab, or null where BroadcastChannel does not exist. */
function getChannel(): BroadcastChannel | null {
  if (channel !== undefined) return channel;
  if (typeof BroadcastChannel === 'undefined') return (channel = null);
  channel = new BroadcastChannel(CHANNEL_NAME);
  channel.onmessage = (event: MessageEvent) => receive(event.data);
  // Node (tests) would otherwise keep the process alive for the channel.
  (channel as { unref?: () => void }).unref?.();
  return channel;
}

function post(message: z.input<typeof MessageSchema>): void {
  try {
    getChannel()?.postMessage(message);
  } catch (e) {
    // A change too large to clone, or a closed channel: other tabs will
    // catch up from the database on their next stale write.
    console.warn('Warrant: could not tell other tabs about a change', e);
  }
}

/** Tells other tabs about a Change written to storage. Call after `commitChange` resolves. */
export function broadcastChange(message: ChangeMessage): void {
  post({ type: 'change', ...message });
}

/** Tells other tabs that maps were created, deleted, replaced or renamed. */
export function broadcastMapsChanged(mapIds?: string[]): void {
  post(mapIds ? { type: 'maps-changed', tabId: TAB_ID, mapIds } : { type: 'maps-changed', tabId: TAB_ID });
}

/** Calls `handler` with every valid Change message of another tab. Returns unsubscribe. */
export function subscribeChanges(handler: (message: ChangeMessage) => void): () => void {
  getChannel();
  changeHandlers.add(handler);
  return () => {
    changeHandlers.delete(handler);
  };
}

/** Calls `handler` when another tab created, deleted, replaced or renamed maps. Returns unsubscribe. */
export function subscribeMapsChanged(handler: (message: MapsChangedMessage) => void): () => void {
  getChannel();
  mapsHandlers.add(handler);
  return () => {
    mapsHandlers.delete(handler);
  };
}
