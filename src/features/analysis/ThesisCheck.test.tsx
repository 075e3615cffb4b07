// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mapStore } from '../../store/useMapStore';
import { createMap, deleteMap } from '../../storage/writes';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource, smallDoc } from '../../test/factories';
import { docFromRecords } from '../../domain/change';
import { ThesisCheck } from './ThesisCheck';
import { getThesisChoice, setThesisChoice } from '../../store/thesisChoice';

beforeEach(async () => {
  await createMap(smallDoc());
  await mapStore.getState().openMap('map_test');
  setThesisChoice(null);
});

afterEach(async () => {
  cleanup();
  await mapStore.getState().flush();
  mapStore.getState().closeMap();
  await deleteMap('map_test');
});

const totals = () => ({
  for: document.querySelector('.total-for dd')?.textContent,
  against: document.querySelector('.total-against dd')?.textContent,
});

// getByRole walks the accessibility tree: slow in jsdom, slower still on a busy machine.
describe('ThesisCheck', { timeout: 30_000 }, () => {
  it('shows the first thesis, its status, totals, chart and evidence by source', () => {
    render(<ThesisCheck onClose={() => {}} />);
    expect(screen.getByRole('combobox', { name: 'Thesis' })).toHaveProperty('value', 'c_thesis');
    expect(screen.getByRole('heading', { name: 'The thesis' })).toBeTruthy();
    expect(screen.getByText('contested')).toBeTruthy();
    expect(totals()).toEqual({ for: 'weight 4 · 2 quotes', against: 'weight 2 · 1 quote' });
    const chart = screen.getByRole('img');
    expect(chart.getAttribute('aria-label')).toBe(
      'Evidence for and against by source, 1 source: weight 4 for and 2 against. Most for: “Source src_a” (4). Most against: “Source src_a” (2).',
    );
    const source = screen.getByRole('region', { name: 'Evidence from Source src_a' });
    const items = within(source).getAllByRole('listitem').filter((li) => li.classList.contains('quote-evidence'));
    expect(items).toHaveLength(3);
    // The indirect quote shows its chain: sub-claim → thesis.
    const q3 = items.find((li) => li.textContent?.includes('Theta iota kappa.'))!;
    expect(within(q3).getByRole('list', { name: 'Chain to the thesis' }).textContent).toBe('+A sub-claim+The thesis');
    expect(within(items.find((li) => li.textContent?.includes('The sky is blue'))!).getByText('B2')).toBeTruthy();
  });

  it('filters the evidence For, Against or Both, and signs each step of a chain', async () => {
    const user = userEvent.setup();
    render(<ThesisCheck onClose={() => {}} />);
    const quoteRows = () => document.querySelectorAll('.quote-evidence').length;
    expect(screen.getByRole('radio', { name: 'Both' })).toHaveProperty('checked', true);
    expect(quoteRows()).toBe(3);
    await user.click(screen.getByRole('radio', { name: 'Against' }));
    expect(quoteRows()).toBe(1);
    expect(screen.getByText('Delta epsilon — “zeta” eta.')).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'For' }));
    expect(quoteRows()).toBe(2);
    // The totals stay those of the whole thesis.
    expect(totals()).toEqual({ for: 'weight 4 · 2 quotes', against: 'weight 2 · 1 quote' });
    const chain = screen.getAllByRole('list', { name: 'Chain to the thesis' }).find((l) => l.textContent?.includes('A sub-claim'))!;
    expect(within(chain).getAllByLabelText('supports:')).toHaveLength(2);
  });

  it('weighs evidence by grades when asked, without touching the map', async () => {
    const user = userEvent.setup();
    render(<ThesisCheck onClose={() => {}} />);
    const docBefore = mapStore.getState().doc;
    const before = totals();
    await user.click(screen.getByRole('checkbox', { name: 'Weigh by grades' }));
    expect(totals()).not.toEqual(before);
    expect(totals().for).toMatch(/^weight \d+(\.\d+)? · 2 quotes$/);
    await user.click(screen.getByRole('checkbox', { name: 'Weigh by grades' }));
    expect(totals()).toEqual(before);
    expect(mapStore.getState().doc).toBe(docBefore);
  });

  it('switches a source and a quote off and on without touching the map', async () => {
    const user = userEvent.setup();
    render(<ThesisCheck onClose={() => {}} />);
    const docBefore = mapStore.getState().doc;

    await user.click(screen.getByRole('checkbox', { name: 'Use Source src_a' }));
    expect(totals()).toEqual({ for: 'weight 0 · 0 quotes', against: 'weight 0 · 0 quotes' });
    expect(screen.getByRole('img').getAttribute('aria-label')).toContain('(1 switched off)');
    // The quotes of a switched-off source cannot be switched one by one.
    expect(screen.getByRole('checkbox', { name: 'Use quote “The sky is blue today.”' })).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Reset' }));
    expect(totals()).toEqual({ for: 'weight 4 · 2 quotes', against: 'weight 2 · 1 quote' });

    await user.click(screen.getByRole('checkbox', { name: 'Use quote “Theta iota kappa.”' }));
    expect(totals()).toEqual({ for: 'weight 3 · 1 quote', against: 'weight 2 · 1 quote' });
    // With q_3 off nothing supports the sub-claim any more.
    expect(screen.getByRole('button', { name: 'Nothing supports “A sub-claim”.' })).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Use quote “Delta epsilon — “zeta” eta.”' }));
    expect(totals()).toEqual({ for: 'weight 3 · 1 quote', against: 'weight 0 · 0 quotes' });
    expect(screen.getByText('supported')).toBeTruthy();

    await user.click(screen.getByRole('checkbox', { name: 'Use quote “Theta iota kappa.”' }));
    expect(totals()).toEqual({ for: 'weight 4 · 2 quotes', against: 'weight 0 · 0 quotes' });

    const s = mapStore.getState();
    expect(s.doc).toBe(docBefore);
    expect(s.undoStack).toHaveLength(0);
  });

  it('follows edits of the map live', async () => {
    render(<ThesisCheck onClose={() => {}} />);
    await mapStore.getState().remove({ links: ['l_2'] }, 'Delete link');
    expect(await screen.findByText('weight 0 · 0 quotes')).toBeTruthy();
    expect(totals().for).toBe('weight 4 · 2 quotes');
  });

  it('selects what a warning or an evidence button is about', async () => {
    const user = userEvent.setup();
    render(<ThesisCheck onClose={() => {}} />);
    await user.click(screen.getByRole('button', { name: /^All the evidence supporting “A sub-claim” comes from one source/ }));
    expect(mapStore.getState().selection).toEqual({ kind: 'claim', id: 'c_sub' });
    expect(mapStore.getState().reveal?.nodeId).toBe('c_sub');

    await user.click(screen.getByRole('button', { name: 'Show in graph: “Theta iota kappa.”' }));
    expect(mapStore.getState().selection).toEqual({ kind: 'quote', id: 'q_3' });
    await user.click(screen.getByRole('button', { name: 'Show in source: “The sky is blue today.”' }));
    expect(mapStore.getState().flash?.quoteId).toBe('q_1');
  });

  it('shares the chosen thesis with the report, prints and closes', async () => {
    const user = userEvent.setup();
    const onClose = vi.fn();
    const print = vi.fn();
    vi.stubGlobal('print', print);
    render(<ThesisCheck onClose={onClose} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Thesis' }), 'A sub-claim');
    expect(screen.getByRole('heading', { name: 'A sub-claim' })).toBeTruthy();
    expect(totals()).toEqual({ for: 'weight 1 · 1 quote', against: 'weight 0 · 0 quotes' });
    expect(getThesisChoice(mapStore.getState().doc!)).toBe('c_sub');
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalledOnce();
    await user.click(screen.getByRole('button', { name: 'Close thesis check' }));
    expect(onClose).toHaveBeenCalledOnce();
    vi.unstubAllGlobals();
  });

  it('keeps the weak evidence only, and sorts it by weight, source or chain', async () => {
    const user = userEvent.setup();
    render(<ThesisCheck onClose={() => {}} />);
    const rows = (name: string) =>
      within(screen.getByRole('list', { name }))
        .getAllByRole('listitem')
        .filter((li) => li.classList.contains('evidence-row'))
        .map((li) => li.querySelector('.row-passage')!.textContent);
    expect(screen.getByRole('status').textContent).toBe('Showing all 3 pieces of evidence');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Weight');
    expect(rows('Evidence by weight')).toEqual(['The sky is blue today.', 'Delta epsilon — “zeta” eta.', 'Theta iota kappa.']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Chain');
    // Direct links first, then the evidence through “A sub-claim”.
    expect(rows('Evidence by chain')).toEqual(['The sky is blue today.', 'Delta epsilon — “zeta” eta.', 'Theta iota kappa.']);
    await user.click(screen.getByRole('checkbox', { name: 'Weak only' }));
    expect(screen.getByRole('status').textContent).toBe('Showing 1 weak of 3 pieces of evidence');
    expect(rows('Evidence by chain')).toEqual(['Theta iota kappa.']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Source');
    expect(document.querySelectorAll('.quote-evidence')).toHaveLength(1);
    await user.click(screen.getByRole('radio', { name: 'Against' }));
    expect(screen.getByText('No weak evidence against this thesis.')).toBeTruthy();
  });

  it('draws a long sorted list a page at a time', async () => {
    const n = 95;
    const text = Array.from({ length: n }, (_, i) => `Sentence number ${i}.`).join(' ');
    const s = makeSource('src_long', text);
    const quotes = Array.from({ length: n }, (_, i) => makeQuote(`q_${i}`, s, `Sentence number ${i}.`));
    await mapStore.getState().flush();
    mapStore.getState().closeMap();
    await deleteMap('map_test');
    await createMap(
      docFromRecords({
        map: makeMap(),
        sources: [s],
        quotes,
        claims: [makeClaim('c_thesis', 'The thesis', { kind: 'thesis' })],
        links: quotes.map((q, i) => makeLink(`l_${i}`, q.id, 'c_thesis', 'supports', { weight: i % 2 ? 1 : 3 })),
        layout: {},
      }),
    );
    await mapStore.getState().openMap('map_test');
    const user = userEvent.setup();
    render(<ThesisCheck onClose={() => {}} />);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Sort by' }), 'Weight');
    const drawn = () => document.querySelectorAll('.evidence-row').length;
    expect(drawn()).toBe(40);
    await user.click(screen.getByRole('button', { name: 'Show 40 more of 55' }));
    expect(drawn()).toBe(80);
    await user.click(screen.getByRole('button', { name: 'Show 15 more of 15' }));
    expect(drawn()).toBe(95);
    expect(screen.queryByRole('button', { name: /^Show \d+ more/ })).toBeNull();
  });
});
