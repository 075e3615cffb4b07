/**
 * Bounds on what one WebSocket may cost the server, checked before
 * Hocuspocus sees a message. Hocuspocus queues every message a socket sends
 * for a document until that document is authenticated, without limit, and a
 * socket may name any number of documents; so a token-less socket could grow
 * the server without bound. Here each socket has:
 *  - a deadline to authenticate at least one document;
 *  - a cap on messages and bytes sent for documents it has not authenticated;
 *  - a cap on the document names it uses;
 *  - a rate cap (messages and bytes per window) once authenticated;
 * and each remote address a cap on open sockets. Past a bound the socket is
 * closed with a 44xx code and a reason the client can show.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';

export type GuardLimits = {
  maxConnectionsPerAddress: number;
  maxDocumentsPerSocket: number;
  /** Messages and bytes a socket may send for documents it has not authenticated. */
  maxUnauthenticatedMessages: number;
  maxUnauthenticatedBytes: number;
  /** Milliseconds a socket may stay open without authenticating any document. */
  authenticateWithinMs: number;
  /** Per authenticated socket, per window. */
  maxMessagesPerWindow: number;
  maxBytesPerWindow: number;
  windowMs: number;
};

export const GUARD_DEFAULTS: GuardLimits = {
  maxConnectionsPerAddress: 64,
  maxDocumentsPerSocket: 8,
  maxUnauthenticatedMessages: 64,
  maxUnauthenticatedBytes: 256 * 1024,
  authenticateWithinMs: 10_000,
  maxMessagesPerWindow: 3000,
  maxBytesPerWindow: 64 * 1024 * 1024,
  windowMs: 10_000,
};

/** Close codes and reasons the server uses (the client shows them; docs/sharing.md lists them). */
export const CLOSE = {
  tooManyMessages: { code: 4429, reason: 'too-many-messages' },
  tooManyDocuments: { code: 4429, reason: 'too-many-documents' },
  unauthenticated: { code: 4401, reason: 'authentication-timeout' },
  messageTooLarge: { code: 1009, reason: 'message-too-large' },
} as const;

type SocketState = {
  address: string;
  documents: Set<string>;
  authenticated: Set<string>;
  unauthMessages: number;
  unauthBytes: number;
  windowStart: number;
  windowMessages: number;
  windowBytes: number;
  closed: boolean;
};

/** The document name a message starts with (lib0 varString), or null if malformed. */
function documentNameOf(data: Uint8Array): string | null {
  let len = 0;
  let mult = 1;
  let pos = 0;
  for (;;) {
    if (pos >= data.length || mult > 2 ** 28) return null;
    const b = data[pos++]!;
    len += (b & 0x7f) * mult;
    if (b < 0x80) break;
    mult *= 128;
  }
  if (pos + len > data.length) return null;
  return Buffer.from(data.buffer, data.byteOffset + pos, len).toString('utf8');
}

export class SocketGuard {
  private readonly byRequest = new WeakMap<IncomingMessage, SocketState>();
  private readonly perAddress = new Map<string, number>();
  private lastTooLargeLog = new Map<string, number>();

  constructor(
    private readonly limits: GuardLimits,
    private readonly log: (line: string) => void,
  ) {}

  static addressOf(request: IncomingMessage): string {
    return request.socket.remoteAddress ?? 'unknown';
  }

  /** At the HTTP upgrade: false (and the socket answered 429) when the address has too many open. */
  admit(request: IncomingMessage, socket: Duplex): boolean {
    const address = SocketGuard.addressOf(request);
    if ((this.perAddress.get(address) ?? 0) >= this.limits.maxConnectionsPerAddress) {
      this.log(`refused a connection from ${address}: more than ${this.limits.maxConnectionsPerAddress} open`);
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\ntoo many connections from this address\n');
      socket.destroy();
      return false;
    }
    return true;
  }

  /** Called with each new WebSocket before Hocuspocus attaches its own listeners. */
  watch(ws: WebSocket, request: IncomingMessage): void {
    const address = SocketGuard.addressOf(request);
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    const state: SocketState = {
      address,
      documents: new Set(),
      authenticated: new Set(),
      unauthMessages: 0,
      unauthBytes: 0,
      windowStart: Date.now(),
      windowMessages: 0,
      windowBytes: 0,
      closed: false,
    };
    this.byRequest.set(request, state);

    // ws closes a socket whose message is over maxPayload with 1009 and no reason; give it one.
    const close = ws.close.bind(ws);
    ws.close = (code?: number, reason?: string | Buffer) => close(code, code === 1009 && !reason ? CLOSE.messageTooLarge.reason : reason);
    // One line per refusal (and at most one a minute per address), never a stack trace:
    // a client that resends a too-large message must not flood the log.
    ws.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        const last = this.lastTooLargeLog.get(address) ?? 0;
        if (Date.now() - last > 60_000) {
          this.lastTooLargeLog.set(address, Date.now());
          this.log(`refused a message from ${address}: larger than the message limit (closed with 1009 message-too-large)`);
        }
      } else {
        this.log(`WebSocket error from ${address}: ${error.message}`);
      }
    });

    const timer = setTimeout(() => {
      if (state.authenticated.size === 0) this.shut(ws, state, CLOSE.unauthenticated);
    }, this.limits.authenticateWithinMs);
    timer.unref();
    ws.once('close', () => {
      clearTimeout(timer);
      state.closed = true;
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left > 0) this.perAddress.set(address, left);
      else this.perAddress.delete(address);
    });
    // Runs before Hocuspocus's listener (prepended), so it sees every message first.
    ws.prependListener('message', (data: Buffer) => this.onMessage(ws, state, data));
  }

  /** onAuthenticate passed for this document on this socket. */
  authenticated(request: IncomingMessage, documentName: string): void {
    this.byRequest.get(request)?.authenticated.add(documentName);
  }

  private onMessage(ws: WebSocket, state: SocketState, data: Buffer): void {
    if (state.closed) return;
    const name = documentNameOf(data);
    if (name === null) return; // Hocuspocus closes the socket on a malformed message itself
    state.documents.add(name);
    if (state.documents.size > this.limits.maxDocumentsPerSocket) return this.shut(ws, state, CLOSE.tooManyDocuments);
    if (!state.authenticated.has(name)) {
      state.unauthMessages += 1;
      state.unauthBytes += data.length;
      if (state.unauthMessages > this.limits.maxUnauthenticatedMessages || state.unauthBytes > this.limits.maxUnauthenticatedBytes) {
        return this.shut(ws, state, CLOSE.tooManyMessages);
      }
      return;
    }
    const now = Date.now();
    if (now - state.windowStart > this.limits.windowMs) {
      state.windowStart = now;
      state.windowMessages = 0;
      state.windowBytes = 0;
    }
    state.windowMessages += 1;
    state.windowBytes += data.length;
    if (state.windowMessages > this.limits.maxMessagesPerWindow || state.windowBytes > this.limits.maxBytesPerWindow) {
      this.shut(ws, state, CLOSE.tooManyMessages);
    }
  }

  /** Closes the socket and stops feeding Hocuspocus its messages (its queues go with the socket). */
  private shut(ws: WebSocket, state: SocketState, why: { code: number; reason: string }): void {
    if (state.closed) return;
    state.closed = true;
    this.log(`closed a connection from ${state.address}: ${why.reason}`);
    ws.removeAllListeners('message');
    ws.close(why.code, why.reason);
    // A peer that never answers the close handshake is cut off.
    setTimeout(() => ws.terminate(), 2000).unref();
  }
}
