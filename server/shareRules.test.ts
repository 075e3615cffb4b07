/**
 * The rule book at the sharing server, with raw Hocuspocus frames: an update
 * is checked whatever frame carries it; what no honest peer sends is refused;
 * what honest edits can produce (a fuzzy quote, links aimed at each other)
 * passes, and the clients repair it the same way, so no connection closes.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { emptyChange, type MapDoc } from '../src/domain/change';
import { updateSource } from '../src/domain/edits';
import { checkDoc } from '../src/domain/integrity';
import { makeClaim, makeLink, makeSource, smallDoc } from '../src/test/factories';
import { newShareKeys, type ShareKeys } from '../src/share/tokens';
import { diffYDocToChange } from '../src/share/yMap';
import { updateOfMessage } from './shareServer';
import { NetClient, RawSocket, authMessage, buildServer, startServerProcess, updateMessage, type ServerProcess } from './testKit';

// This lane's node port range is 4541–4549; override for a parallel run.
const PORT = Number(process.env.WARRANT_RULES_TEST_PORT ?? 4541);

let dataDir = '';
let server: ServerProcess;
const open: NetClient[] = [];
const sockets: RawSocket[] = [];

beforeAll(() => {
  buildServer();
}, 120_000);

afterEach(async () => {
  for (const c of open.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
  await server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});
afterAll(async () => {
  await server?.kill();
});

const track = (c: NetClient) => (open.push(c), c);

async function shared(): Promise<{ keys: ShareKeys; alice: NetClient }> {
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-rules-'));
  server = await startServerProcess(PORT, dataDir);
  const keys = newShareKeys();
  const alice = track(await NetClient.share(server.url, smallDoc(), keys, 'Alice'));
  await alice.conn.whenSynced();
  return { keys, alice };
}

/** A raw socket authenticated with the edit token: a peer that writes its own frames. */
async function editor(keys: ShareKeys): Promise<RawSocket> {
  const raw = await RawSocket.open(server.url);
  sockets.push(raw);
  raw.send(authMessage(keys.doc, JSON.stringify({ token: keys.editToken })));
  await expect.poll(() => raw.received.includes(2), { timeout: 10_000 }).toBe(true);
  return raw;
}

/** The update `write` makes on top of what the client holds now. */
function updateOn(ydoc: Y.Doc, write: (d: Y.Doc) => void): Uint8Array {
  const evil = new Y.Doc();
  Y.applyUpdate(evil, Y.encodeStateAsUpdate(ydoc));
  const sv = Y.encodeStateVector(evil);
  write(evil);
  return Y.encodeStateAsUpdate(evil, sv);
}
const record = (fields: object) => new Y.Map<unknown>(Object.entries(fields));

/** The same bytes as an update message, framed as Hocuspocus's SyncReply (outer type 4). */
function syncReplyMessage(doc: string, update: Uint8Array): Uint8Array {
  const message = updateMessage(doc, update);
  // updateMessage is [name][0 = Sync][2 = update][bytes]: the outer type follows the name.
  const nameLength = new TextEncoder().encode(doc).length;
  const framed = Uint8Array.from(message);
  expect(nameLength).toBeLessThan(128); // one-byte length prefix
  expect(framed[1 + nameLength]).toBe(0);
  framed[1 + nameLength] = 4;
  return framed;
}

const refused = (raw: RawSocket) => raw.closed !== null || raw.received.includes(7);

function sameMap(a: MapDoc, b: MapDoc): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
async function converged(clients: NetClient[]): Promise<void> {
  await expect.poll(() => clients.every((c) => sameMap(c.doc, clients[0]!.doc)), { timeout: 20_000, interval: 50 }).toBe(true);
  for (const c of clients) {
    expect(diffYDocToChange(c.client.ydoc, c.doc).change).toEqual(emptyChange(c.doc.map.id));
    expect(checkDoc(c.doc)).toEqual([]);
  }
}

describe('updateOfMessage', () => {
  it('finds the update in a SyncReply frame as in a Sync frame (so the size cap and the checks apply to both), and none in other frames', () => {
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    expect(updateOfMessage(updateMessage('share_x', update))).toEqual(update);
    expect(updateOfMessage(syncReplyMessage('share_x', update))).toEqual(update);
    expect(updateOfMessage(authMessage('share_x', 'token'))).toBeNull();
    const awareness = Uint8Array.from(updateMessage('share_x', update));
    awareness[1 + 'share_x'.length] = 1;
    expect(updateOfMessage(awareness)).toBeNull();
  });
});

describe('the rule book at the server', { timeout: 90_000 }, () => {
  it('refuses invalid records framed as SyncReply exactly as when framed as Sync', async () => {
    const { keys, alice } = await shared();
    const attempts: Array<[string, (d: Y.Doc) => void]> = [
      ['a 20,000-character claim', (d) => d.getMap('claims').set('c_long', record(makeClaim('c_long', 'x'.repeat(20_000))))],
      ['a dangling link', (d) => d.getMap('links').set('l_dangling', record(makeLink('l_dangling', 'c_thesis', 'c_missing')))],
      ['a javascript: URL', (d) => d.getMap('sources').set('src_evil', record({ ...makeSource('src_evil', 'x'), url: 'javascript:alert(1)' }))],
      ['a changed map id', (d) => d.getMap('map').set('id', 'map_other')],
    ];
    for (const [what, write] of attempts) {
      const raw = await editor(keys);
      raw.send(syncReplyMessage(keys.doc, updateOn(alice.client.ydoc, write)));
      await expect.poll(() => refused(raw), { timeout: 20_000, message: what }).toBe(true);
    }
    expect(server.logs.filter((l) => l.includes('refused an update')).length).toBe(attempts.length);
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    expect(carol.client.ydoc.getMap('claims').has('c_long')).toBe(false);
    expect(carol.client.ydoc.getMap('links').has('l_dangling')).toBe(false);
    expect(carol.client.ydoc.getMap('sources').has('src_evil')).toBe(false);
    expect(carol.doc.map.id).toBe(alice.doc.map.id);
    expect(carol.client.rejected()).toEqual([]);
  });

  it('refuses a self-undercut (a link aimed at itself) from an edit-link holder', async () => {
    const { keys, alice } = await shared();
    const raw = await editor(keys);
    raw.send(updateMessage(keys.doc, updateOn(alice.client.ydoc, (d) => {
      d.getMap('links').set('l_self', record(makeLink('l_self', 'q_3', 'l_self', 'contradicts')));
    })));
    await expect.poll(() => refused(raw), { timeout: 20_000 }).toBe(true);
    expect(server.logs.some((l) => l.includes('refused an update') && l.includes('l_self'))).toBe(true);
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    expect(carol.client.ydoc.getMap('links').has('l_self')).toBe(false);
    await converged([alice, carol]);
  });

  it('keeps two undercutters aimed at each other out of every map by the same repair, closing no connection', async () => {
    const { keys, alice } = await shared();
    const bob = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Bob'));
    const raw = await editor(keys);
    raw.send(updateMessage(keys.doc, updateOn(alice.client.ydoc, (d) => {
      d.getMap('links').set('l_a', record(makeLink('l_a', 'q_1', 'l_b', 'contradicts')));
      d.getMap('links').set('l_b', record(makeLink('l_b', 'q_2', 'l_a', 'contradicts')));
    })));
    const repairedBy = (c: NetClient) => c.client.remote.flatMap((r) => r.repaired).map((p) => p.path);
    await expect.poll(() => repairedBy(alice), { timeout: 20_000 }).toEqual(['links[l_a].to', 'links[l_b].to']);
    await expect.poll(() => repairedBy(bob), { timeout: 20_000 }).toEqual(['links[l_a].to', 'links[l_b].to']);
    await converged([alice, bob]);
    expect(alice.doc.links['l_a']).toBeUndefined();
    expect(alice.doc.links['l_b']).toBeUndefined();
    // The repair went back to the server: a newcomer's Y.Doc no longer holds the cycle.
    const carol = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Carol'));
    await expect.poll(() => carol.client.ydoc.getMap('links').has('l_a') || carol.client.ydoc.getMap('links').has('l_b'), { timeout: 20_000 }).toBe(false);
    await converged([alice, bob, carol]);
    expect(refused(raw)).toBe(false);
    expect(alice.conn.status).toBe('live');
    expect(bob.conn.status).toBe('live');
    expect(server.logs.filter((l) => l.includes('refused an update'))).toEqual([]);
  });

  it('accepts a source edit that leaves a quote found only approximately (rule 3)', async () => {
    const { keys, alice } = await shared();
    const source = alice.doc.sources['src_a']!;
    const { change } = updateSource(alice.doc, 'src_a', { ...source, text: source.text.replace('The sky is blue today.', 'The sky was blue today.') });
    alice.client.edit(change);
    const quote = alice.doc.quotes['q_1']!;
    // Found approximately: kept, with words that are no longer in its source at its range.
    expect(alice.doc.sources['src_a']!.text.slice(quote.start, quote.end)).not.toBe(quote.exact);
    const bob = track(await NetClient.join(server.url, keys.doc, keys.editToken, 'Bob'));
    await converged([alice, bob]);
    expect(bob.doc.quotes['q_1']).toEqual(quote);
    expect(bob.doc.sources['src_a']!.text).toContain('The sky was blue today.');
    expect(alice.conn.status).toBe('live');
    expect(server.logs.filter((l) => l.includes('refused an update'))).toEqual([]);
  });
});
