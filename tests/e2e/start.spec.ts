import { test, expect, openExampleByButton } from './fixtures';

test('the start screen loads and offers the example map', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Warrant' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open example map' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'New map' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import map' })).toBeVisible();
  await expect(page.getByLabel('Import map file')).toBeAttached();
});

test('Open example map shows its title, and the map list its counts', async ({ page }) => {
  await openExampleByButton(page);
  await page.getByRole('link', { name: 'All maps' }).click();
  const list = page.getByRole('list', { name: 'Maps' });
  const item = list.getByRole('listitem').filter({ has: page.getByRole('link', { name: "Is Xi's diplomacy turning defensive?" }) });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('5 sources');
  await expect(item).toContainText(/\d+ quotes/);
});

test('importing the example file through the file input opens it', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Import map file').setInputFiles('examples/xi-diplomacy.warrant.json');
  await expect(page.getByRole('heading', { level: 1, name: "Is Xi's diplomacy turning defensive?" })).toBeVisible();
});
