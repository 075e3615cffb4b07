// @vitest-environment jsdom
import { afterEach, expect, it, vi } from 'vitest';
import { act, cleanup, configure, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Dexie } from 'dexie';
import { DB_NAME } from '../../storage/db';
import { listMaps } from '../../storage/queries';
import { OutdatedBanner } from './OutdatedBanner';

// Live queries answer slower on a loaded machine than Testing Library's 1 s default.
configure({ asyncUtilTimeout: 5000 });

afterEach(cleanup);

it('appears when another tab opens the database with newer code, and offers a reload', async () => {
  const reload = vi.fn();
  render(<OutdatedBanner reload={reload} />);
  await listMaps(); // this tab's connection is open
  expect(screen.queryByRole('alert')).toBeNull();

  const newer = new Dexie(DB_NAME);
  newer.version(99).stores({ maps: 'id' });
  await act(async () => {
    await newer.open();
  });
  const alert = await screen.findByRole('alert');
  expect(alert.textContent).toContain('Warrant was updated in another tab. Reload to continue.');
  await userEvent.click(screen.getByRole('button', { name: 'Reload' }));
  expect(reload).toHaveBeenCalledTimes(1);
  newer.close();
  await Dexie.delete(DB_NAME);
});
