/**
 * Two users on two sharing server instances edit one map live. The instances
 * share a PostgreSQL and a Redis started here on loopback
 * (server/serviceKit.ts), as child processes, and stopped after.
 *
 * Every check waits on a condition (a node, the status, the stored claims),
 * never on time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { startPostgres, startRedis, type Service } from '../../server/serviceKit';
import { buildServer, startServerProcess, type ServerProcess } from '../../server/testKit';
import { test, expect, newMap, addClaim, claimNode } from './fixtures';
import { dumpDatabase } from './hostile';

// Two instances from E2E_SHARE_PORT + 10 (clear of the single-server specs' port).
const PORT = Number(process.env['E2E_SHARE_PORT'] ?? 4421) + 10;
const REDIS_PORT = Number(process.env['E2E_REDIS_PORT'] ?? 6390);
const PG_PORT = Number(process.env['E2E_PG_PORT'] ?? 5440);
const LIVE = 'Live';

let redis: Service | null = null;
let pg: Service | null = null;
const instances: ServerProcess[] = [];
let dataDir = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  buildServer();
  dataDir = mkdtempSync(join(tmpdir(), 'warrant-share-multi-e2e-'));
  [redis, pg] = await Promise.all([startRedis(REDIS_PORT), startPostgres(PG_PORT)]);
  for (const n of [0, 1]) instances.push(await startServerProcess(PORT + n, dataDir, ['--postgres', pg.url, '--redis', redis.url]));
});

test.afterAll(async () => {
  for (const s of instances.splice(0)) await s.kill('SIGTERM');
  await Promise.all([redis?.stop(), pg?.stop()]);
  rmSync(dataDir, { recursive: true, force: true });
});

type User = { context: BrowserContext; page: Page; errors: string[] };
const users: User[] = [];

async function newUser(browser: Browser): Promise<User> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(String(err)));
  const user = { context, page, errors };
  users.push(user);
  return user;
}

test.afterEach(async () => {
  for (const u of users.splice(0)) {
    await u.context.close();
    expect(u.errors, 'console errors').toEqual([]);
  }
});

const shareStatus = (page: Page) => page.getByRole('status', { name: 'Sharing' });

/** The same link with another server address: the second user reaches the map through the other instance. */
function throughServer(link: string, server: string): string {
  const url = new URL(link);
  const at = url.hash.indexOf('?');
  const params = new URLSearchParams(url.hash.slice(at + 1));
  params.set('server', server);
  url.hash = `${url.hash.slice(0, at)}?${params.toString()}`;
  return url.toString();
}

/** Opens a link from the start screen; says yes if the app asks about a server it has not used. */
async function openLink(page: Page, link: string) {
  await page.goto('/?e2e');
  await page.getByRole('button', { name: 'Open shared map' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open shared map' });
  await dialog.getByRole('textbox', { name: 'Share link' }).fill(link);
  await dialog.getByRole('button', { name: 'Open' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Connect to a new sharing server?' });
  await expect(confirm.or(shareStatus(page)).first()).toBeVisible();
  if (await confirm.isVisible()) await confirm.getByRole('button', { name: 'Connect and open' }).click();
}

const claimTexts = async (page: Page) => (await dumpDatabase(page)).claims.map((c) => String(c['text'])).sort();

test('two users on two instances edit one map live', async ({ browser }) => {
  test.setTimeout(120_000);
  const [one, two] = instances.map((s) => s.url);
  const a = await newUser(browser);
  const b = await newUser(browser);
  await newMap(a.page, '/?e2e');
  await addClaim(a.page, 'From A at instance one');

  await a.page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = a.page.getByRole('dialog', { name: 'Share map' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(one!);
  await dialog.getByRole('button', { name: 'Start sharing' }).click();
  await expect(shareStatus(a.page)).toHaveText(LIVE);
  const edit = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();

  await openLink(b.page, throughServer(edit, two!));
  await expect(shareStatus(b.page)).toHaveText(LIVE);
  await expect(claimNode(b.page, 'From A at instance one')).toBeVisible();

  // Live both ways: each edit shows at the other user, through the other instance.
  await addClaim(b.page, 'From B at instance two');
  await expect(claimNode(a.page, 'From B at instance two')).toBeVisible();
  await addClaim(a.page, 'From A again');
  await expect(claimNode(b.page, 'From A again')).toBeVisible();
  // Both browsers store the same claims, all three among them.
  await expect
    .poll(async () => {
      const [atA, atB] = await Promise.all([claimTexts(a.page), claimTexts(b.page)]);
      return JSON.stringify(atA) === JSON.stringify(atB) && ['From A at instance one', 'From B at instance two', 'From A again'].every((t) => atA.includes(t));
    }, { timeout: 30_000 })
    .toBe(true);
});
