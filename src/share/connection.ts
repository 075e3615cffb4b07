/**
 * The connection of one shared map to its server: a Hocuspocus provider over
 * the map's Y.Doc, the status the UI shows, and presence (who else is here and
 * what they have selected). The Y.Doc keeps working offline; the provider
 * sends what is pending when the server is reachable again.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type * as Y from 'yjs';
import { z } from '../domain/zod';

export type ShareStatus = 'offline' | 'live' | 'read-only' | 'refused' | 'too-large';

/** The words of the UI contract for each status. */
export const SHARE_STATUS_TEXT: Record<ShareStatus, string> = {
  live: 'Live',
  offline: 'Offline — changes will sync',
  'read-only': 'Read-only',
  refused: 'Refused — this link no longer opens the map',
  'too-large': 'Paused — a change is too large to share',
};

/**
 * The server's limit on one WebSocket message is 16 MiB. A source is sent as
 * one value in one message, so a source above this (a margin left for the
 * record's other fields and the protocol's framing) can never reach it.
 */
export const MAX_SHARED_SOURCE_BYTES = 15 * 1024 * 1024;

/**
 * Whether a close means the server refused a message as too large: 1009 is
 * WebSocket's own "message too big" (what `ws` sends past maxPayload); the
 * server may also say so in its close reason. Resending the same message
 * would be refused again, forever.
 */
export function isTooLargeClose(code: number, reason: string): boolean {
  return code === 1009 || /too (large|big)|max(imum)? payload/i.test(reason);
}

/** What a peer publishes about itself. Peers are untrusted: states are parsed, never rendered raw. */
const PresenceSchema = z.object({
  name: z.string().max(100),
  selection: z.array(z.string().max(200)).max(1000),
});
export type Presence = z.infer<typeof PresenceSchema>;
export type Peer = Presence & { clientId: number };

export type ShareConnectionOptions = {
  /** ws:// or wss:// address of the server. */
  server: string;
  /** Document name (from the share keys or the link). */
  doc: string;
  /** The provider token: `creatorAuth(keys)` for the sharer, `memberAuth(token)` otherwise. */
  auth: string;
  ydoc: Y.Doc;
  /** This user's name as others see it. */
  name: string;
  /** Node has no WebSocket before 22: pass `ws` there. */
  WebSocketPolyfill?: unknown;
  onStatus?: (status: ShareStatus) => void;
  onPeers?: (peers: Peer[]) => void;
  /** Longest wait between reconnection attempts, ms. */
  maxReconnectDelay?: number;
};

export class ShareConnection {
  readonly provider: HocuspocusProvider;
  readonly socket: HocuspocusProviderWebsocket;
  private currentStatus: ShareStatus = 'offline';
  private refused = false;
  private tooLarge: string | null = null;
  private name: string;

  constructor(private readonly options: ShareConnectionOptions) {
    this.name = options.name;
    this.socket = new HocuspocusProviderWebsocket({
      url: options.server,
      // Why: the provider types the polyfill as `any`; it is a WebSocket constructor.
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill } : {}),
      minDelay: 200,
      maxDelay: options.maxReconnectDelay ?? 10_000,
      maxAttempts: 0,
    });
    this.provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: options.doc,
      document: options.ydoc,
      token: options.auth,
      onStatus: () => this.update(),
      onAuthenticated: () => this.update(),
      onAuthenticationFailed: () => {
        this.refused = true;
        this.update();
      },
      onSynced: () => this.update(),
      onClose: ({ event }) => {
        if (isTooLargeClose(event.code, event.reason)) {
          // Stop here: the provider would reconnect and resend the same message.
          this.tooLarge = event.reason || 'the server refused a message as too large';
          this.socket.disconnect();
        }
        this.update();
      },
      onAwarenessChange: () => options.onPeers?.(this.peers()),
    });
    // A provider built on a socket of its own making does not attach itself.
    this.provider.attach();
    this.setSelection([]);
  }

  private update(): void {
    let next: ShareStatus;
    if (this.refused) next = 'refused';
    else if (this.tooLarge !== null) next = 'too-large';
    else if (!this.socket.shouldConnect || this.socket.status !== 'connected' || !this.provider.isAuthenticated) next = 'offline';
    else next = this.provider.authorizedScope === 'readonly' ? 'read-only' : 'live';
    if (next !== this.currentStatus) {
      this.currentStatus = next;
      this.options.onStatus?.(next);
    }
  }

  get status(): ShareStatus {
    return this.currentStatus;
  }

  /** Why the server closed the connection over a message's size, or null. */
  get tooLargeReason(): string | null {
    return this.tooLarge;
  }

  get readOnly(): boolean {
    return this.provider.authorizedScope === 'readonly';
  }

  /** Local changes the server has not yet acknowledged. */
  get hasUnsyncedChanges(): boolean {
    return this.provider.hasUnsyncedChanges;
  }

  private selection: readonly string[] = [];

  /** Publishes what this user has selected (record ids). */
  setSelection(selection: readonly string[]): void {
    this.selection = selection.slice(0, 1000);
    const presence: Presence = { name: this.name.slice(0, 100), selection: [...this.selection] };
    this.provider.setAwarenessField('user', presence);
  }

  /** Publishes a new name for this user. */
  setName(name: string): void {
    this.name = name;
    this.setSelection(this.selection);
  }

  /** Everyone else connected to this map, with valid presence. */
  peers(): Peer[] {
    const awareness = this.provider.awareness;
    if (!awareness) return [];
    const out: Peer[] = [];
    for (const [clientId, state] of awareness.getStates()) {
      if (clientId === awareness.clientID) continue;
      const parsed = PresenceSchema.safeParse((state as { user?: unknown }).user);
      if (parsed.success) out.push({ clientId, ...parsed.data });
    }
    return out;
  }

  /** Resolves once the server has the Y.Doc's state and this client has the server's. */
  whenSynced(): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.provider.isSynced && !this.provider.hasUnsyncedChanges) {
          this.provider.off('synced', check);
          this.provider.off('unsyncedChanges', check);
          resolve();
        }
      };
      this.provider.on('synced', check);
      this.provider.on('unsyncedChanges', check);
      check();
    });
  }

  /** Goes offline on purpose (the Y.Doc keeps taking edits). */
  disconnect(): void {
    this.socket.disconnect();
    this.update();
  }

  async connect(): Promise<void> {
    if (this.socket.status === 'connected' && !this.socket.shouldConnect) {
      // Still closing after disconnect(): the socket would take connect() as a no-op.
      await new Promise<void>((resolve) => {
        const closed = () => {
          this.socket.off('disconnect', closed);
          resolve();
        };
        this.socket.on('disconnect', closed);
      });
    }
    const connecting = this.socket.connect();
    this.update();
    await connecting;
  }

  destroy(): void {
    // A socket still connecting is aborted by close(); Node's `ws` reports that
    // abort as an 'error' event a tick later, after the provider has removed its
    // handlers, and an 'error' nobody listens to is thrown. Browsers drop it.
    this.socket.webSocket?.addEventListener('error', () => {});
    this.provider.destroy();
    this.socket.destroy();
  }
}
