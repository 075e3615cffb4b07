// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { deletionChange } from '../../domain/change';
import { db } from '../../storage/db';
import { loadMap } from '../../storage/reads';
import { CHANNEL_NAME } from '../../storage/channel';
import { sampleDoc } from '../../test/testDocs';
import { commitChange, createMap, deleteMap } from '../../storage/writes';
import { mapStore } from '../../store/useMapStore';
import { TrashView } from './TrashView';

// Live queries answer slower on a loaded machine than Testing Library's 1 s default.
configure({ asyncUtilTimeout: 5000 });

beforeAll(() => {
  // jsdom has no modal dialogs: enough of <dialog> for the confirmation.
  const proto = HTMLDialogElement.prototype as HTMLDialogElement & { showModal: () => void; close: () => void };
  proto.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

beforeEach(async () => {
  await Promise.all(db.tables.map((t) => t.clear()));
  mapStore.setState({ notices: [] });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const notices = () => mapStore.getState().notices.map((n) => `${n.kind}: ${n.text}`);

/** Map "Map map_one" deleted whole, and source "Source src_b" deleted from map "Map map_two". */
async function fillTrash() {
  await createMap(sampleDoc('map_one'));
  await deleteMap('map_one');
  const two = sampleDoc('map_two');
  await createMap(two);
  await commitChange(deletionChange(two, { sources: ['src_b'] }), 0);
}

describe('TrashView', { timeout: 20_000 }, () => {
  it('says so when the trash is empty, and Close calls onClose', async () => {
    const onClose = vi.fn();
    render(<TrashView onClose={onClose} />);
    const region = screen.getByRole('region', { name: 'Trash' });
    expect(await within(region).findByText('Nothing in the Trash.')).toBeTruthy();
    expect(within(region).queryByRole('button', { name: 'Delete all forever' })).toBeNull();
    await userEvent.click(within(region).getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('lists each entry with its kind, title, map and date; Restore brings a map back whole', async () => {
    await fillTrash();
    render(<TrashView onClose={() => {}} />);
    const list = await screen.findByRole('list', { name: 'Deleted items' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    const source = items.find((li) => li.textContent?.includes('Source src_b'))!;
    expect(source.textContent).toMatch(/^Source/);
    expect(source.textContent).toContain('from the map “Map map_two”');
    expect(source.textContent).toContain('1 quote, 1 link');
    const map = items.find((li) => li.textContent?.includes('Map map_one'))!;
    expect(map.textContent).toContain('2 sources, 3 quotes, 2 claims, 4 links');
    expect(map.textContent).toMatch(/deleted .*kept until/);
    expect(within(map).getByRole('button', { name: 'Delete forever Map map_one' })).toBeTruthy();

    await userEvent.click(within(map).getByRole('button', { name: 'Restore Map map_one' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect((await loadMap('map_one'))?.doc).toEqual(sampleDoc('map_one'));
    expect(notices()).toEqual(['info: Restored the map “Map map_one”.']);
  });

  it('restores a source into its map and tells open tabs with the change', async () => {
    await fillTrash();
    const heard: unknown[] = [];
    const other = new BroadcastChannel(CHANNEL_NAME);
    other.onmessage = (e: MessageEvent) => heard.push(e.data);
    try {
      render(<TrashView onClose={() => {}} />);
      await userEvent.click(await screen.findByRole('button', { name: 'Restore Source src_b' }));
      await waitFor(() => expect(notices()).toEqual(['info: Restored the source “Source src_b” to the map “Map map_two”.']));
      const loaded = await loadMap('map_two');
      expect(loaded?.doc.sources.src_b).toEqual(sampleDoc('map_two').sources.src_b);
      expect(loaded?.revision).toBe(2);
      await waitFor(() => expect(heard).toEqual([expect.objectContaining({ type: 'change', mapId: 'map_two', revision: 2 })]));
    } finally {
      other.close();
    }
  });

  it('reports a restore it must refuse, and keeps the entry', async () => {
    await fillTrash();
    await deleteMap('map_two');
    render(<TrashView onClose={() => {}} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Restore Source src_b' }));
    await waitFor(() =>
      expect(notices()).toEqual([
        'error: The source “Source src_b” cannot be restored: its map “Map map_two” no longer exists. Restore the map from the Trash first, then the source.',
      ]),
    );
    expect(screen.getByRole('button', { name: 'Restore Source src_b' })).toBeTruthy();
  });

  it('deletes one entry forever after confirmation, then all', async () => {
    await fillTrash();
    render(<TrashView onClose={() => {}} />);
    const list = await screen.findByRole('list', { name: 'Deleted items' });
    await userEvent.click(within(list).getByRole('button', { name: 'Delete forever Map map_one' }));
    let dialog = screen.getByRole('alertdialog', { name: 'Delete forever?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(await db.trash.count()).toBe(2);

    await userEvent.click(within(list).getByRole('button', { name: 'Delete forever Map map_one' }));
    dialog = screen.getByRole('alertdialog', { name: 'Delete forever?' });
    expect(dialog.textContent).toContain('“Map map_one” will be deleted from this browser for good.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete forever' }));
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(await db.trash.count()).toBe(1);

    await userEvent.click(screen.getByRole('button', { name: 'Delete all forever' }));
    dialog = screen.getByRole('alertdialog', { name: 'Delete forever?' });
    expect(dialog.textContent).toContain('1 item in the Trash will be deleted');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete forever' }));
    expect(await screen.findByText('Nothing in the Trash.')).toBeTruthy();
    expect(await db.trash.count()).toBe(0);
  });

  it('offers no Restore into the map open by a review link (read-only), and still into others', async () => {
    await fillTrash();
    mapStore.setState({ mapId: 'map_two', readOnly: true });
    try {
      render(<TrashView onClose={() => {}} />);
      const into = await screen.findByRole('button', { name: 'Restore Source src_b' });
      expect(into.matches(':disabled')).toBe(true);
      expect(into.title).toBe('Read-only: opened by a review link');
      expect(screen.getByRole('button', { name: 'Restore Map map_one' }).matches(':disabled')).toBe(false);
    } finally {
      mapStore.setState({ mapId: null, readOnly: false });
    }
  });
});
