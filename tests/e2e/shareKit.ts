/**
 * What the sharing browser tests have in common: one user per browser
 * profile (its own IndexedDB), sharing from the Share map dialog, opening a
 * link as a user would, and comparing what is stored.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { buildServer, startServerProcess, type ServerProcess } from '../../server/testKit';
import { expect, test } from './fixtures';
import { dumpDatabase, type Dump } from './hostile';

export const LIVE = 'Live';
export const OFFLINE = 'Offline — changes will sync';
export const CONFIRM_SERVER = 'Connect to a new sharing server?';

/** WebSocket failures while a server is down or a context offline are expected. */
export const EXPECTED_ERROR = /WebSocket connection to 'ws:\/\/127\.0\.0\.1:\d+\/?' failed|ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_REFUSED/;

/** A user: a browser profile of their own, its page, and its console errors. */
export type User = { context: BrowserContext; page: Page; errors: string[] };

export async function newUser(browser: Browser, users: User[], expected: RegExp = EXPECTED_ERROR): Promise<User> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !expected.test(msg.text())) errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  const user = { context, page, errors };
  users.push(user);
  return user;
}

/**
 * A spec file's own sharing server on loopback (`port`, a data folder of its
 * own), started before its tests and stopped after them, the tests run one at
 * a time; after each test its users' browsers close, and none may have logged
 * an unexpected console error. Returns the running server.
 */
export function shareServerForFile(port: number, users: User[]): () => ServerProcess {
  let server: ServerProcess | null = null;
  let dataDir = '';
  test.describe.configure({ mode: 'serial' });
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    buildServer();
    dataDir = mkdtempSync(join(tmpdir(), `warrant-share-e2e-${port}-`));
    server = await startServerProcess(port, dataDir);
  });
  test.afterAll(async () => {
    await server?.kill('SIGTERM');
    server = null;
    rmSync(dataDir, { recursive: true, force: true });
  });
  test.afterEach(async () => {
    for (const u of users.splice(0)) {
      await u.context.close();
      expect(u.errors, 'console errors').toEqual([]);
    }
  });
  return () => {
    if (!server) throw new Error('the sharing server is not running');
    return server;
  };
}

export const shareStatus = (page: Page) => page.getByRole('status', { name: 'Sharing' });

/** Shares the open map from the Share map dialog; returns its edit and review links. */
export async function share(page: Page, server: string): Promise<{ edit: string; review: string }> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share map' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(server);
  await dialog.getByRole('button', { name: 'Start sharing' }).click();
  await expect(shareStatus(page)).toHaveText(LIVE);
  const edit = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  const review = await dialog.getByRole('textbox', { name: 'Review link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return { edit, review };
}

/** Pastes a share link into Open shared map on the start screen; answers nothing yet. */
export async function pasteLink(page: Page, link: string) {
  await page.goto('/?e2e');
  await page.getByRole('button', { name: 'Open shared map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open shared map' });
  await dialog.getByRole('textbox', { name: 'Share link' }).fill(link);
  await dialog.getByRole('button', { name: 'Open' }).click();
}

/**
 * Opens a share link as the user would, and says yes when asked about a
 * server this browser has not used (the first link from each server).
 */
export async function openLink(page: Page, link: string) {
  await pasteLink(page, link);
  const confirm = page.getByRole('alertdialog', { name: CONFIRM_SERVER });
  await expect(confirm.or(shareStatus(page)).or(page.getByRole('alert')).first()).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Connect and open' }).click();
}

/** What must agree between users: every record of the shared map, as stored. */
export function sharedRecords(dump: Dump) {
  // A joined map has a local id of its own: rows are compared without it.
  const sorted = (rows: Record<string, unknown>[]) =>
    rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'mapId').sort(([a], [b]) => (a < b ? -1 : 1))))).sort();
  return {
    titles: dump.maps.map((m) => m['title']),
    sources: sorted(dump.sources),
    quotes: sorted(dump.quotes),
    claims: sorted(dump.claims),
    links: sorted(dump.links),
    layout: sorted(dump.layout),
  };
}

export async function claimTexts(page: Page): Promise<string[]> {
  return (await dumpDatabase(page)).claims.map((c) => String(c['text'])).sort();
}

/** The `shares` table as stored (raw IndexedDB): which local map is shared where, with what right. */
export async function readShares(page: Page): Promise<Array<{ mapId: string; server: string; doc: string; role: string; token: string }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('warrant');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('shares')) {
            db.close();
            resolve([]);
            return;
          }
          const req = db.transaction('shares').objectStore('shares').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result.map(({ mapId, server, doc, role, token }) => ({ mapId, server, doc, role, token })));
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** The claim texts of one local map, as stored. */
export async function claimsOfMap(page: Page, mapId: string): Promise<string[]> {
  return (await dumpDatabase(page)).claims
    .filter((c) => c['mapId'] === mapId)
    .map((c) => String(c['text']))
    .sort();
}
