/**
 * Share links cannot be turned against the user who opens them: two and
 * three users, each a browser profile of its own, against sharing servers
 * started here on loopback (the genuine one, and in one test an attacker's
 * second server). Every check waits on a condition, never on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { buildServer, NetClient, startServerProcess, type ServerProcess } from '../../server/testKit';
import { formatShareLink, newShareKeys, parseShareLink } from '../../src/share/tokens';
import { test, expect, newMap, addClaim, claimNode, openExample, writesSettled } from './fixtures';
import { dumpDatabase } from './hostile';
import {
  CONFIRM_SERVER,
  LIVE,
  claimTexts,
  claimsOfMap,
  newUser,
  openLink,
  pasteLink,
  readShares,
  share,
  shareStatus,
  type User,
} from './shareKit';

const PORT = Number(process.env['E2E_SHARE_PORT'] ?? 4421);
const ATTACKER_PORT = Number(process.env['E2E_SHARE_PORT2'] ?? PORT + 1);
const SERVER = `ws://127.0.0.1:${PORT}`;
const ATTACKER_SERVER = `ws://127.0.0.1:${ATTACKER_PORT}`;
const PAUSED = 'Paused — a change is too large to share';

const servers: ServerProcess[] = [];
const dataDirs: string[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  buildServer();
  for (const port of [PORT, ATTACKER_PORT]) {
    const dir = mkdtempSync(join(tmpdir(), 'warrant-share-links-'));
    dataDirs.push(dir);
    servers.push(await startServerProcess(port, dir));
  }
});

test.afterAll(async () => {
  for (const s of servers.splice(0)) await s.kill('SIGTERM');
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const users: User[] = [];
const netClients: NetClient[] = [];

test.afterEach(async () => {
  for (const c of netClients.splice(0)) c.destroy();
  for (const u of users.splice(0)) {
    await u.context.close();
    expect(u.errors, 'console errors').toEqual([]);
  }
});

/** The local id of the open map, from its address (`#/map/<id>`). */
async function openMapId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/#\/map\//);
  return decodeURIComponent(page.url().replace(/^.*#\/map\//, '').replace(/[/?].*$/, ''));
}

test('a link to another server asks first, and never re-points a share or touches its map', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newUser(browser, users);
  const b = await newUser(browser, users);
  await newMap(a.page, '/?e2e');
  await addClaim(a.page, 'Genuine claim');
  const links = await share(a.page, SERVER);

  // The first link from a server this browser never used asks, naming it.
  await pasteLink(b.page, links.edit);
  const ask = b.page.getByRole('alertdialog', { name: CONFIRM_SERVER });
  await expect(ask).toContainText(SERVER);
  await ask.getByRole('button', { name: 'Connect and open' }).click();
  await expect(shareStatus(b.page)).toHaveText(LIVE);
  await expect(claimNode(b.page, 'Genuine claim')).toBeVisible();
  const genuineMapId = await openMapId(b.page);
  const before = await readShares(b.page);
  expect(before).toEqual([expect.objectContaining({ mapId: genuineMapId, server: SERVER, role: 'edit' })]);

  // Someone holding only the review link hosts the same document name, emptied, on a server of their own.
  const reviewLink = parseShareLink(links.review)!;
  const spy = await NetClient.join(SERVER, reviewLink.doc, reviewLink.token, 'spy');
  netClients.push(spy);
  const keys = { ...newShareKeys(), doc: reviewLink.doc };
  const fake = await NetClient.share(ATTACKER_SERVER, { ...spy.doc, claims: {}, links: {}, layout: {} }, keys, 'attacker');
  netClients.push(fake);
  await fake.conn.whenSynced();
  const evil = formatShareLink(links.edit.replace(/#.*$/, ''), { server: ATTACKER_SERVER, doc: keys.doc, token: keys.editToken });

  // The editor is asked, sees the attacker's server named, and says no: nothing changes.
  await pasteLink(b.page, evil);
  const askEvil = b.page.getByRole('alertdialog', { name: CONFIRM_SERVER });
  await expect(askEvil).toContainText(ATTACKER_SERVER);
  await askEvil.getByRole('button', { name: 'Don’t connect' }).click();
  await expect(b.page.getByRole('button', { name: 'Open shared map' })).toBeVisible();
  expect(await readShares(b.page)).toEqual(before);

  // Even with a yes, the attacker's map opens as a map of its own; the editor's share keeps its server.
  await pasteLink(b.page, evil);
  await b.page.getByRole('alertdialog', { name: CONFIRM_SERVER }).getByRole('button', { name: 'Connect and open' }).click();
  await expect(shareStatus(b.page)).toHaveText(LIVE);
  const evilMapId = await openMapId(b.page);
  expect(evilMapId).not.toBe(genuineMapId);
  await expect(claimNode(b.page, 'Genuine claim')).toHaveCount(0);
  const after = await readShares(b.page);
  expect(after.find((r) => r.mapId === genuineMapId)).toEqual(before[0]);
  expect(after.find((r) => r.mapId === evilMapId)).toEqual(expect.objectContaining({ server: ATTACKER_SERVER }));
  expect(await claimsOfMap(b.page, genuineMapId)).toEqual(['Genuine claim']);

  // The genuine link opens the genuine map, on the genuine server, without asking again.
  await openLink(b.page, links.edit);
  await expect(shareStatus(b.page)).toHaveText(LIVE);
  expect(await openMapId(b.page)).toBe(genuineMapId);
  await addClaim(b.page, 'Still genuine');
  await expect(claimNode(a.page, 'Still genuine')).toBeVisible();
  expect(await claimTexts(a.page)).toEqual(['Genuine claim', 'Still genuine']);
  expect(Object.values(fake.doc.claims)).toEqual([]);
});

test('a shared map with the id of a private map opens beside it: the private map is never sent', async ({ browser }) => {
  test.setTimeout(150_000);
  const victim = await newUser(browser, users);
  const sharer = await newUser(browser, users);
  // The example map's id is the same in every browser.
  await openExample(victim.page);
  await addClaim(victim.page, 'Private note');
  await writesSettled(victim.page);
  const privateId = await openMapId(victim.page);

  await openExample(sharer.page);
  const links = await share(sharer.page, SERVER);

  await openLink(victim.page, links.edit);
  await expect(shareStatus(victim.page)).toHaveText(LIVE);
  const joinedId = await openMapId(victim.page);
  expect(joinedId).not.toBe(privateId);
  await expect(claimNode(victim.page, 'Private note')).toHaveCount(0);
  await addClaim(victim.page, 'Hello from the victim');
  await expect(claimNode(sharer.page, 'Hello from the victim')).toBeVisible();

  // What reached the sharer is the victim's one edit in the joined map, nothing of the private one.
  await expect(claimNode(sharer.page, 'Private note')).toHaveCount(0);
  expect(await claimTexts(sharer.page)).not.toContain('Private note');
  expect(await claimsOfMap(victim.page, privateId)).toContain('Private note');
  expect((await readShares(victim.page)).map((r) => r.mapId)).toEqual([joinedId]);
});

test('an editor who opens the review link keeps editing, and a reviewer who opens the edit link can edit', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newUser(browser, users);
  const b = await newUser(browser, users);
  const c = await newUser(browser, users);
  await newMap(a.page, '/?e2e');
  await addClaim(a.page, 'Owner claim');
  const links = await share(a.page, SERVER);

  await openLink(b.page, links.edit);
  await expect(shareStatus(b.page)).toHaveText(LIVE);
  // The review link of a map this browser edits: the same map, still editable, no question asked.
  await openLink(b.page, links.review);
  await expect(claimNode(b.page, 'Owner claim')).toBeVisible();
  await expect(shareStatus(b.page)).toHaveText(LIVE);
  await addClaim(b.page, 'Editor after the review link');
  await expect(claimNode(a.page, 'Editor after the review link')).toBeVisible();
  expect(await readShares(b.page)).toEqual([expect.objectContaining({ role: 'edit', token: parseShareLink(links.edit)!.token })]);
  await b.page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = b.page.getByRole('dialog', { name: 'Share map' });
  await expect(dialog.getByRole('textbox', { name: 'Edit link' })).toHaveValue(links.edit);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // The other way round: a reviewer given the edit link becomes an editor of the same map.
  await openLink(c.page, links.review);
  await expect(shareStatus(c.page)).toHaveText('Read-only');
  const reviewedId = await openMapId(c.page);
  await openLink(c.page, links.edit);
  await expect(shareStatus(c.page)).toHaveText(LIVE);
  expect(await openMapId(c.page)).toBe(reviewedId);
  await addClaim(c.page, 'Reviewer turned editor');
  await expect(claimNode(a.page, 'Reviewer turned editor')).toBeVisible();
  expect(await readShares(c.page)).toEqual([expect.objectContaining({ role: 'edit', token: parseShareLink(links.edit)!.token })]);
});

type Hook = {
  mapStore: {
    getState(): {
      doc: { map: { id: string } } | null;
      apply(change: unknown, o: { label: string }): Promise<boolean>;
    };
  };
};

/** Adds a source of `megabytes` MB of text through the store's one door (window.__warrantE2E). */
async function addBigSource(page: Page, id: string, title: string, megabytes: number): Promise<void> {
  const ok = await page.evaluate(
    async ({ id, title, megabytes }) => {
      const store = (window as unknown as { __warrantE2E: Hook }).__warrantE2E.mapStore;
      const mapId = store.getState().doc!.map.id;
      const text = `${title}\n`.padEnd(megabytes * 1024 * 1024, 'lorem ipsum ');
      const source = { id, title, text, addedAt: new Date().toISOString() };
      return store.getState().apply({ mapId, put: { sources: [source] }, delete: {} }, { label: 'Add source' });
    },
    { id, title, megabytes },
  );
  expect(ok).toBe(true);
}

async function deleteSource(page: Page, id: string): Promise<void> {
  const ok = await page.evaluate(async (id) => {
    const store = (window as unknown as { __warrantE2E: Hook }).__warrantE2E.mapStore;
    const mapId = store.getState().doc!.map.id;
    return store.getState().apply({ mapId, put: {}, delete: { sources: [id] } }, { label: 'Delete source' });
  }, id);
  expect(ok).toBe(true);
}

test('a map larger than one message shares in parts; a source too large for any message is refused by name, and sharing pauses until it goes', async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await newUser(browser, users);
  const b = await newUser(browser, users);
  await newMap(a.page, '/?e2e');
  await addBigSource(a.page, 'src_hugeappendix0001', 'Huge appendix', 17);

  // Refused before anything is sent, naming the source.
  await a.page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.page.getByRole('dialog', { name: 'Share map' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(SERVER);
  await dialog.getByRole('button', { name: 'Start sharing' }).click();
  await expect(dialog.getByRole('alert')).toContainText('The source “Huge appendix” is 17.0 MB');
  await expect(dialog.getByRole('textbox', { name: 'Edit link' })).toHaveCount(0);
  expect(await readShares(a.page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Close' }).click();

  // Two sources of 9 MB: more than one message holds, each source alone fits.
  await deleteSource(a.page, 'src_hugeappendix0001');
  await addBigSource(a.page, 'src_partone000000001', 'Part one', 9);
  await addBigSource(a.page, 'src_parttwo000000001', 'Part two', 9);
  await addClaim(a.page, 'Before sharing');
  const links = await share(a.page, SERVER);
  await openLink(b.page, links.edit);
  // 18 MB to fetch and store on a shared 2-core machine: a condition, with room.
  await expect(shareStatus(b.page)).toHaveText(LIVE, { timeout: 90_000 });
  await expect(claimNode(b.page, 'Before sharing')).toBeVisible();
  const sourcesAt = async (page: Page) =>
    (await dumpDatabase(page)).sources.map((s) => `${String(s['title'])} ${String(s['text']).length}`).sort();
  await expect.poll(() => sourcesAt(b.page), { timeout: 60_000 }).toEqual(await sourcesAt(a.page));

  // Adding a source no message can hold pauses sharing, says why, and sends nothing more.
  await addBigSource(a.page, 'src_hugeappendix0002', 'Huge appendix', 17);
  await expect(shareStatus(a.page)).toHaveText(PAUSED);
  await expect(a.page.getByText(/The source “Huge appendix” is 17\.0 MB/).first()).toBeVisible();
  await addClaim(a.page, 'Said while paused');
  await expect(shareStatus(a.page)).toHaveText(PAUSED);

  // Without it, sharing resumes and what was said meanwhile arrives.
  await deleteSource(a.page, 'src_hugeappendix0002');
  await expect(shareStatus(a.page)).toHaveText(LIVE);
  await expect(claimNode(b.page, 'Said while paused')).toBeVisible();
  expect((await sourcesAt(b.page)).map((s) => s.replace(/ \d+$/, ''))).toEqual(['Part one', 'Part two']);
});
