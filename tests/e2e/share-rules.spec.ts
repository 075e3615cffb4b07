/**
 * The rule book with two and three users of a shared map, against the sharing
 * server started here (server/testKit.ts): a normal edit never ends sharing,
 * and concurrent edits that merge into a map breaking a rule are repaired
 * the same way by every user, so all converge on a map their import accepts.
 *
 * Every check waits on a condition (a status, equal stored maps), never on time.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { parseMapFile } from '../../src/domain/format/parse';
import { test, expect, newMap } from './fixtures';
import { dumpDatabase, type Dump } from './hostile';
import { newUser, openLink as openLinkAsUser, shareServerForFile, shareStatus, type User } from './shareKit';

const PORT = Number(process.env['E2E_SHARE_PORT'] ?? 4431);
const SERVER = `ws://127.0.0.1:${PORT}`;
const LIVE = 'Live';
const OFFLINE = 'Offline — changes will sync';

const users: User[] = [];
const server = shareServerForFile(PORT, users);

test.afterEach(() => {
  // No update was refused: every edit in these tests is an honest one.
  expect(server().logs.filter((l) => l.includes('refused an update'))).toEqual([]);
});

// Opening the example map and re-anchoring its quotes are the slow steps; on a busy machine they take more than the default 10 s.
const SLOW = { timeout: 30_000 };
const details = (page: Page) => page.getByRole('region', { name: 'Details' });
const sources = (page: Page) => page.getByRole('region', { name: 'Sources' });

async function share(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Share map' });
  await dialog.getByRole('textbox', { name: 'Server address' }).fill(SERVER);
  await dialog.getByRole('button', { name: 'Start sharing' }).click();
  await expect(shareStatus(page)).toHaveText(LIVE, SLOW);
  const edit = await dialog.getByRole('textbox', { name: 'Edit link' }).inputValue();
  await dialog.getByRole('button', { name: 'Close' }).click();
  return edit;
}

async function openLink(page: Page, link: string) {
  // As the user would, saying yes to the server the first time (shareKit).
  await openLinkAsUser(page, link);
  await expect(shareStatus(page)).toHaveText(LIVE, SLOW);
}

function records(dump: Dump, mapId: string) {
  const of = (rows: Record<string, unknown>[]) =>
    rows
      .filter((r) => r['mapId'] === undefined || r['mapId'] === mapId)
      // A joined map has a local id of its own: compared without it.
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'mapId').sort(([a], [b]) => (a < b ? -1 : 1)))))
      .sort();
  return { sources: of(dump.sources), quotes: of(dump.quotes), claims: of(dump.claims), links: of(dump.links), layout: of(dump.layout) };
}

/** The id of the map open in `page` (its address is #/map/<id>). */
async function openMapId(page: Page): Promise<string> {
  await expect(page).toHaveURL(/#\/map\/[^/?]+/);
  return decodeURIComponent(/#\/map\/([^/?]+)/.exec(page.url())![1]!);
}

async function expectSameMap(pages: Page[]) {
  const ids = await Promise.all(pages.map(openMapId));
  await expect
    .poll(async () => {
      const all = await Promise.all(pages.map(async (p, i) => JSON.stringify(records(await dumpDatabase(p), ids[i]!))));
      return all.every((s) => s === all[0]);
    }, { timeout: 30_000 })
    .toBe(true);
}

/** Exports the open map as JSON through the Export menu and reads it back with the import's parser. */
async function exportImports(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('menu').getByRole('menuitem', { name: 'JSON', exact: true }).click();
  const path = await (await downloading).path();
  const parsed = parseMapFile(readFileSync(path, 'utf8'));
  return parsed.kind === 'ok' ? 'ok' : parsed.message;
}

test('a source edit that leaves a quote found only approximately keeps sharing live, and a later peer has the quote', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newUser(browser, users);
  const b = await newUser(browser, users);
  await a.page.goto('/?e2e');
  await a.page.getByRole('button', { name: 'Open example map' }).click();
  await expect(a.page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible(SLOW);
  const link = await share(a.page);
  await openLink(b.page, link);
  await expectSameMap([a.page, b.page]);

  await sources(a.page).getByRole('button', { name: /Xi Jinping’s Diplomacy Is Shifting from Offense to Defense/ }).click();
  const text = details(a.page).getByRole('textbox', { name: 'Text' });
  await expect(text).toBeVisible(SLOW);
  const original = await text.inputValue();
  expect(original).toContain('(MSS) published an article');
  await text.fill(original.replace('(MSS) published an article', '(MSS) released an article'));
  await details(a.page).getByRole('button', { name: 'Save source' }).click();
  await expect(a.page.getByRole('status').filter({ hasText: /Source saved: .*needs? review/ })).toBeVisible(SLOW);

  // B gets the edit: the server took it; sharing is still live on both sides.
  await expect
    .poll(async () => (await dumpDatabase(b.page)).sources.some((s) => String(s['text']).includes('(MSS) released an article')), { timeout: 30_000 })
    .toBe(true);
  await expect(shareStatus(a.page)).toHaveText(LIVE);
  await expect(shareStatus(b.page)).toHaveText(LIVE);

  const c = await newUser(browser, users);
  await openLink(c.page, link);
  await expectSameMap([a.page, b.page, c.page]);
  const quotes = (await dumpDatabase(c.page)).quotes.map((q) => String(q['exact']));
  expect(quotes.some((q) => q.includes('(MSS) published an article laying out the conditions'))).toBe(true);
  await expect(shareStatus(a.page)).toHaveText(LIVE);
  expect(await exportImports(c.page)).toBe('ok');
});

type Hook = {
  mapStore: { getState(): { doc: HookDoc | null; edit(build: (doc: HookDoc) => unknown, o: { label: string }): Promise<boolean> } };
  edits: {
    newClaim(doc: HookDoc, input: { text: string; kind?: string; position: { x: number; y: number } }): { change: unknown; id: string };
    addLink(doc: HookDoc, input: { from: string; to: string; relation: string }): { ok: boolean; change?: unknown; id?: string };
    groupLinks(doc: HookDoc, ids: string[]): { ok: boolean; change?: unknown };
    updateLink(doc: HookDoc, id: string, patch: { weight?: number; relation?: string }): unknown;
  };
};
type HookDoc = { links: Record<string, { id: string; from: string; to: string; relation: string; weight?: number; group?: string }> };

test('A joins two links into one argument while B, offline, makes one strong and flips the other: both converge on a map that exports and imports', async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newUser(browser, users);
  const b = await newUser(browser, users);
  await newMap(a.page, '/?e2e');
  // A thesis with two reasons, built through the store's one door as the UI does.
  const [l1, l2] = await a.page.evaluate(async () => {
    const hook = (window as unknown as { __warrantE2E: Hook }).__warrantE2E;
    const ids: string[] = [];
    const state = () => hook.mapStore.getState();
    const claim = async (text: string, x: number) => {
      let id = '';
      await state().edit((doc) => {
        const r = hook.edits.newClaim(doc, { text, position: { x, y: x / 2 } });
        id = r.id;
        return r.change;
      }, { label: 'New claim' });
      return id;
    };
    const thesis = await claim('Rules hold', 0);
    for (const [i, text] of ['First reason', 'Second reason'].entries()) {
      const from = await claim(text, 300 * (i + 1));
      await state().edit((doc) => {
        const r = hook.edits.addLink(doc, { from, to: thesis, relation: 'supports' });
        ids.push(r.id!);
        return r.change;
      }, { label: 'Link' });
    }
    return ids;
  });
  const link = await share(a.page);
  await openLink(b.page, link);
  await expectSameMap([a.page, b.page]);

  await b.context.setOffline(true);
  await expect(shareStatus(b.page)).toHaveText(OFFLINE);
  expect(
    await a.page.evaluate(async (ids) => {
      const hook = (window as unknown as { __warrantE2E: Hook }).__warrantE2E;
      return hook.mapStore.getState().edit((doc) => hook.edits.groupLinks(doc, ids).change ?? null, { label: 'Join as one argument' });
    }, [l1!, l2!]),
  ).toBe(true);
  expect(
    await b.page.evaluate(async ([first, second]) => {
      const hook = (window as unknown as { __warrantE2E: Hook }).__warrantE2E;
      const state = hook.mapStore.getState();
      const strong = await state.edit((doc) => hook.edits.updateLink(doc, second!, { weight: 3 }), { label: 'Weight' });
      const flipped = await hook.mapStore.getState().edit((doc) => hook.edits.updateLink(doc, first!, { relation: 'contradicts' }), { label: 'Relation' });
      return strong && flipped;
    }, [l1!, l2!]),
  ).toBe(true);
  await b.context.setOffline(false);
  await expect(shareStatus(b.page)).toHaveText(LIVE, SLOW);

  await expectSameMap([a.page, b.page]);
  await expect(shareStatus(a.page)).toHaveText(LIVE);
  const links = (await dumpDatabase(a.page)).links as HookDoc['links'][string][];
  expect(links).toHaveLength(2);
  // Both edits of B stand; the argument A made could not hold them both, so it came apart the same way for both.
  expect(links.find((l) => l.id === l2)?.weight).toBe(3);
  expect(links.find((l) => l.id === l1)?.relation).toBe('contradicts');
  // The user whose client mended the merge is told what changed, in words.
  const mended = (page: Page) => page.getByRole('status').filter({ hasText: /After a collaborator's change, Warrant turned \d links? of an argument into (a )?plain links? to keep the map's rules/ });
  await expect.poll(async () => (await mended(a.page).count()) + (await mended(b.page).count()), { timeout: 15_000 }).toBeGreaterThan(0);
  const told = (await mended(a.page).count()) ? a.page : b.page;
  for (const size of [{ width: 1280, height: 720 }, { width: 1440, height: 900 }]) {
    await told.setViewportSize(size);
    await expect(mended(told).first()).toBeInViewport();
    await told.screenshot({ path: test.info().outputPath(`mended-notice-${size.width}.png`) });
  }
  expect(await exportImports(a.page)).toBe('ok');
  expect(await exportImports(b.page)).toBe('ok');
});
