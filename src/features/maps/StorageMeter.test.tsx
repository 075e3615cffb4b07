// @vitest-environment jsdom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { cleanup, configure, render, screen, waitFor } from '@testing-library/react';
import { db } from '../../storage/db';
import { sampleDoc } from '../../test/testDocs';
import { createMap } from '../../storage/writes';
import { StorageMeter } from './StorageMeter';

// Live queries answer slower on a loaded machine than Testing Library's 1 s default.
configure({ asyncUtilTimeout: 5000 });

let estimate: ReturnType<typeof vi.fn>;
function stubStorage(usage: number, quota: number) {
  estimate = vi.fn(async () => ({ usage, quota }));
  Object.defineProperty(navigator, 'storage', { configurable: true, value: { estimate } });
}

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(navigator, 'storage');
});

it('shows used and available space on a meter labelled Storage used', async () => {
  stubStorage(12_345_678, 2_100_000_000);
  const { container } = render(<StorageMeter />);
  expect(await screen.findByText('12.3 MB used of 2.1 GB')).toBeTruthy();
  const meter = screen.getByLabelText('Storage used');
  expect(meter.tagName).toBe('METER');
  expect(meter.getAttribute('value')).toBe('12345678');
  expect(meter.getAttribute('max')).toBe('2100000000');
  expect(container.textContent).not.toMatch(/almost full/);
});

it('warns past 80% of the quota', async () => {
  stubStorage(850_000_000, 1_000_000_000);
  render(<StorageMeter />);
  expect(await screen.findByText('850 MB used of 1.0 GB')).toBeTruthy();
  expect(screen.getByText(/Storage is almost full \(85% used\)\. Export the maps you no longer need/)).toBeTruthy();
});

it('asks again when maps change, and shows nothing where the browser does not say', async () => {
  stubStorage(500, 1_000_000);
  render(<StorageMeter />);
  expect(await screen.findByText('500 bytes used of 1.0 MB')).toBeTruthy();
  stubStorage(40_000, 1_000_000);
  await createMap(sampleDoc('map_meter'));
  expect(await screen.findByText('40.0 kB used of 1.0 MB')).toBeTruthy();
  expect(estimate).toHaveBeenCalled();

  cleanup();
  Object.defineProperty(navigator, 'storage', { configurable: true, value: {} });
  const { container } = render(<StorageMeter />);
  await waitFor(() => expect(container.innerHTML).toBe(''));
});
