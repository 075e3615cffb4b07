// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mapStore } from '../../store/useMapStore';
import { createMap, deleteMap } from '../../storage/writes';
import { smallDoc } from '../../test/factories';
import { EvidenceMatrix } from './EvidenceMatrix';

beforeEach(async () => {
  await createMap(smallDoc());
  await mapStore.getState().openMap('map_test');
});

afterEach(async () => {
  cleanup();
  await mapStore.getState().flush();
  mapStore.getState().closeMap();
  await deleteMap('map_test');
});

/** The direct links from a quote to a claim in the store. */
const linksBetween = (from: string, to: string) =>
  Object.values(mapStore.getState().doc!.links).filter((l) => l.from === from && l.to === to);

const cellMenu = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;

// getByRole walks the accessibility tree: slow in jsdom, slower still on a busy machine.
describe('EvidenceMatrix', { timeout: 30_000 }, () => {
  it('shows a row per quote with signed cells, diagnosticity and inconsistency', () => {
    render(<EvidenceMatrix onClose={() => {}} />);
    const table = screen.getByRole('table', { name: 'Evidence matrix' });
    const rows = within(table).getAllByRole('row');
    // header, three quotes (reading order numbers them 1–3), footer
    expect(rows).toHaveLength(5);
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Quote', 'Thesis: The thesis', 'Diagnosticity']);
    // q_1 supports directly (+3, a button selecting the link); q_3 only through the sub-claim (lighter, not a button).
    expect(screen.getByRole('button', { name: /^\+3: select the link of quote 1/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^−2: select the link of quote 2/ })).toBeTruthy();
    const indirect = document.querySelector('.cell-indirect')!;
    expect(indirect.textContent).toBe('+1');
    expect(indirect.getAttribute('title')).toMatch(/^Indirect: quote 3 supports this hypothesis through a chain/);
    expect(cellMenu('Quote 3 vs The thesis').value).toBe('');
    expect(cellMenu('Quote 1 vs The thesis').value).toBe('+3');
    // One hypothesis: nothing to tell apart. Inconsistency of the thesis: q_2's weight 2.
    expect([...document.querySelectorAll('.diagnosticity')].map((d) => d.textContent)).toEqual(['0', '0', '0']);
    expect(within(rows[4]!).getAllByRole('cell')[0]!.textContent).toBe('2');
    expect(screen.getByRole('status').textContent).toBe('Showing 3 of 3 quotes');
  });

  it('weighs evidence by grades when asked, without touching the map or the menus', async () => {
    const user = userEvent.setup();
    render(<EvidenceMatrix onClose={() => {}} />);
    const docBefore = mapStore.getState().doc;
    const inconsistency = () => within(screen.getByRole('table', { name: 'Evidence matrix' })).getAllByRole('row').at(-1)!.querySelector('td')!.textContent;
    expect(inconsistency()).toBe('2');
    await user.click(screen.getByRole('checkbox', { name: 'Weigh by grades' }));
    // Source B (0.9): q_1 with credibility 2 (0.9) counts 3 × 0.81, q_2 ungraded 2 × 0.9, q_3 through the sub-claim 1 × 0.9.
    expect(screen.getByRole('button', { name: /^\+2\.43: select the link of quote 1/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^−1\.8: select the link of quote 2/ })).toBeTruthy();
    expect(document.querySelector('.cell-indirect')!.textContent).toBe('+0.9');
    expect(inconsistency()).toBe('1.8');
    // The menus keep the links as stored.
    expect(cellMenu('Quote 1 vs The thesis').value).toBe('+3');
    expect(cellMenu('Quote 2 vs The thesis').value).toBe('-2');
    await user.click(screen.getByRole('checkbox', { name: 'Weigh by grades' }));
    expect(screen.getByRole('button', { name: /^\+3: select the link of quote 1/ })).toBeTruthy();
    expect(inconsistency()).toBe('2');
    expect(mapStore.getState().doc).toBe(docBefore);
  });

  it('creates, changes and removes the direct link of a cell, one undo step each', async () => {
    const user = userEvent.setup();
    render(<EvidenceMatrix onClose={() => {}} />);
    const undo = () => mapStore.getState().undoStack.length;

    await user.selectOptions(cellMenu('Quote 3 vs The thesis'), 'contradicts, strong');
    expect(linksBetween('q_3', 'c_thesis')).toMatchObject([{ relation: 'contradicts', weight: 3 }]);
    expect(undo()).toBe(1);
    // The direct link now outranks the chain in the cell.
    expect(cellMenu('Quote 3 vs The thesis').value).toBe('-3');
    expect(screen.getByRole('button', { name: /^−3: select the link of quote 3/ })).toBeTruthy();

    await user.selectOptions(cellMenu('Quote 3 vs The thesis'), 'supports, moderate');
    const [changed] = linksBetween('q_3', 'c_thesis');
    expect(changed).toMatchObject({ relation: 'supports' });
    expect(changed!.weight).toBeUndefined(); // moderate is stored as the default
    expect(undo()).toBe(2);

    await user.selectOptions(cellMenu('Quote 3 vs The thesis'), 'none');
    expect(linksBetween('q_3', 'c_thesis')).toEqual([]);
    expect(undo()).toBe(3);
    expect(cellMenu('Quote 3 vs The thesis').value).toBe('');

    await mapStore.getState().undo();
    expect(linksBetween('q_3', 'c_thesis')).toMatchObject([{ relation: 'supports' }]);
    await mapStore.getState().undo();
    expect(linksBetween('q_3', 'c_thesis')).toMatchObject([{ relation: 'contradicts', weight: 3 }]);
    await mapStore.getState().undo();
    expect(linksBetween('q_3', 'c_thesis')).toEqual([]);
    expect(await screen.findByText('+1')).toBeTruthy();
  });

  it('changes an existing link and selects it from its cell', async () => {
    const user = userEvent.setup();
    render(<EvidenceMatrix onClose={() => {}} />);
    await user.click(screen.getByRole('button', { name: /^\+3: select the link of quote 1/ }));
    expect(mapStore.getState().selection).toEqual({ kind: 'link', id: 'l_1' });
    await user.selectOptions(cellMenu('Quote 1 vs The thesis'), 'contradicts, weak');
    expect(mapStore.getState().doc!.links['l_1']).toMatchObject({ relation: 'contradicts', weight: 1 });
    expect(mapStore.getState().undoStack).toHaveLength(1);
  });

  it('adds a hypothesis column, sorts by diagnosticity and links a quote to it', async () => {
    const user = userEvent.setup();
    render(<EvidenceMatrix onClose={() => {}} />);
    await user.click(screen.getByRole('checkbox', { name: 'A sub-claim' }));
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Quote',
      'Thesis: The thesis',
      'A sub-claim',
      'Diagnosticity',
    ]);
    // q_1: +3 vs 0 → 3; q_2: −2 vs 0 → 2; q_3: +1 and +1 → 0. Sorted most diagnostic first.
    const rowQuotes = () => [...document.querySelectorAll('tbody .quote-no')].map((e) => e.textContent);
    expect(rowQuotes()).toEqual(['Quote 1', 'Quote 2', 'Quote 3']);
    expect([...document.querySelectorAll('.diagnosticity')].map((d) => d.textContent)).toEqual(['3', '2', '0']);

    await user.selectOptions(cellMenu('Quote 2 vs A sub-claim'), 'supports, strong');
    expect(linksBetween('q_2', 'c_sub')).toMatchObject([{ relation: 'supports', weight: 3 }]);
    // q_2 now −2 vs +3: diagnosticity 5, first.
    expect(rowQuotes()[0]).toBe('Quote 2');
    expect(document.querySelector('.diagnosticity')!.textContent).toBe('5');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Source');
    expect(rowQuotes()).toEqual(['Quote 1', 'Quote 2', 'Quote 3']);

    await user.click(screen.getByRole('checkbox', { name: 'A sub-claim' }));
    expect(screen.getAllByRole('columnheader')).toHaveLength(3);
  });
});
