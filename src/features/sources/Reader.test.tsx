// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { mapStore } from '../../store/useMapStore';
import { applyChange, docFromRecords, type Change, type MapDoc } from '../../domain/change';
import { updateSource } from '../../domain/edits';
import { makeClaim, makeLink, makeMap, makeQuote, makeSource } from '../../test/factories';
import { selectOffsets } from './textOffsets';
import type * as Segments from './segments';

const segmentCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('./segments', async (importOriginal) => {
  const actual = await importOriginal<typeof Segments>();
  return {
    ...actual,
    splitSegments: (...args: Parameters<typeof actual.splitSegments>) => {
      segmentCalls.count++;
      return actual.splitSegments(...args);
    },
  };
});

const { Reader, selectedCount } = await import('./Reader');

const ORIGINAL =
  'Alpha beta gamma. The sky is blue today. Delta epsilon eta. Theta iota kappa lambda mu. Omega is a sentence that will be removed.';
const EDITED = 'Alpha beta gamma. The sky is blue today. Delta epsilon eta. Theta iotta kappa lambda mu.';

/** A source edited after quoting: one quote exact, two overlapping, one fuzzy, one orphaned. */
function editedDoc(): MapDoc {
  const s = makeSource('src_a', ORIGINAL, { title: 'Weather report', publisher: 'Met', reliability: 'B' });
  const doc = docFromRecords({
    map: makeMap(),
    sources: [s],
    quotes: [
      makeQuote('q_sky', s, 'The sky is blue today.'),
      makeQuote('q_over', s, 'blue today. Delta'),
      makeQuote('q_theta', s, 'Theta iota kappa lambda mu.'),
      makeQuote('q_omega', s, 'Omega is a sentence that will be removed.'),
      makeQuote('q_alpha', s, 'Alpha beta'),
    ],
    claims: [makeClaim('c_thesis', 'The weather is fine', { kind: 'thesis' }), makeClaim('c_other', 'Rain is coming')],
    links: [
      makeLink('l_1', 'q_sky', 'c_thesis', 'supports'),
      makeLink('l_2', 'q_over', 'c_other', 'contradicts'),
      makeLink('l_3', 'q_theta', 'c_thesis', 'supports'),
    ],
    layout: { c_thesis: { x: 10, y: 20 }, c_other: { x: 200, y: 300 } },
  });
  const { change } = updateSource(doc, 'src_a', { title: s.title, text: EDITED, publisher: 'Met', reliability: 'B' });
  return applyChange(doc, change);
}

const applied: Change[] = [];

function applyInMemory(change: Change): Promise<boolean> {
  applied.push(change);
  mapStore.setState((s) => ({ doc: s.doc ? applyChange(s.doc, change) : s.doc }));
  return Promise.resolve(true);
}

beforeAll(() => {
  // jsdom has no modal dialogs or scrolling.
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.open = true;
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.open = false;
  };
  Element.prototype.scrollIntoView = vi.fn();
  Element.prototype.scrollTo = vi.fn() as unknown as Element['scrollTo'];
});

beforeEach(() => {
  applied.length = 0;
  const doc = editedDoc();
  mapStore.setState({
    status: 'ready',
    mapId: doc.map.id,
    doc,
    openSourceId: 'src_a',
    selection: null,
    flash: null,
    // The store's writes need IndexedDB; here a change is applied in memory only.
    apply: applyInMemory,
    edit: (build: (doc: MapDoc) => Change | null) => {
      const doc = mapStore.getState().doc;
      const change = doc ? build(doc) : null;
      return change ? applyInMemory(change) : Promise.resolve(false);
    },
  });
});

afterEach(() => cleanup());

const textEl = () => screen.getByRole('document', { name: 'Text of Weather report' });
const marks = () => [...textEl().querySelectorAll<HTMLElement>('mark')];

describe('Reader', () => {
  it('shows the source with every placeable quote marked, overlaps split, and the rest listed', () => {
    render(<Reader />);
    expect(screen.getByRole('heading', { name: 'Weather report' })).toBeTruthy();
    expect(textEl().textContent).toBe(EDITED);
    const byText = marks().map((m) => [m.textContent, m.dataset['quotes'], m.className]);
    expect(byText).toEqual([
      ['Alpha beta', 'q_alpha', 'q q-unlinked'],
      ['The sky is ', 'q_sky', 'q q-supports'],
      ['blue today.', 'q_over q_sky', 'q q-both'],
      [' Delta', 'q_over', 'q q-contradicts'],
      ['Theta iotta kappa lambda mu.', 'q_theta', 'q q-supports q-fuzzy'],
    ]);
    expect(marks()[0]!.title).toBe('Quote: not linked to a claim');
    expect(marks()[1]!.title).toBe("Quote: supports 'The weather is fine'");
    expect(marks()[2]!.title).toBe("Quote: contradicts 'Rain is coming' (overlaps 1 other quote)");
    expect(marks()[4]!.title).toMatch(/needs review/);

    const missing = screen.getByRole('region', { name: 'Quotes not found in this text' });
    expect(missing.textContent).toContain('Omega is a sentence that will be removed.');
    expect(missing.textContent).toContain('no longer found');
    expect(screen.getByText(/2 quotes need review/)).toBeTruthy();
  });

  it('clicking a mark selects its innermost quote; the selection is shown without re-rendering the text', () => {
    render(<Reader />);
    const before = segmentCalls.count;
    fireEvent.click(marks()[2]!);
    expect(mapStore.getState().selection).toEqual({ kind: 'quote', id: 'q_over' });
    expect(marks().filter((m) => m.hasAttribute('data-selected')).map((m) => m.textContent)).toEqual(['blue today.', ' Delta']);
    act(() => mapStore.getState().select({ kind: 'quote', id: 'q_sky' }));
    expect(marks().filter((m) => m.hasAttribute('data-selected')).map((m) => m.textContent)).toEqual(['The sky is ', 'blue today.']);
    expect(segmentCalls.count).toBe(before);

    // Editing a claim changes the titles, not the text.
    act(() => {
      const s = mapStore.getState();
      mapStore.setState({ doc: { ...s.doc!, claims: { ...s.doc!.claims, c_thesis: makeClaim('c_thesis', 'Sunny all week') } } });
    });
    expect(marks()[1]!.title).toBe("Quote: supports 'Sunny all week'");
    expect(segmentCalls.count).toBe(before);
  });

  it('a not-found quote can be selected from the list', () => {
    render(<Reader />);
    fireEvent.click(screen.getByRole('button', { name: /Omega is a sentence/ }));
    expect(mapStore.getState().selection).toEqual({ kind: 'quote', id: 'q_omega' });
  });

  it('Show in source scrolls to the quote and flashes it', () => {
    render(<Reader />);
    act(() => mapStore.getState().showInSource('q_theta'));
    const mark = marks()[4]!;
    // The text scrolls itself, never the page around it (scrollIntoView scrolled the page).
    expect(screen.getByRole('document').scrollTo).toHaveBeenCalled();
    expect(mark.scrollIntoView).not.toHaveBeenCalled();
    expect(mark.classList.contains('is-flashing')).toBe(true);
  });

  it('counts one character in the singular', () => {
    expect(selectedCount(1)).toBe('1 character selected');
    expect(selectedCount(1200)).toBe('1,200 characters selected');
  });

  it('quotes a selected passage: a new claim below the others, one change, the new quote selected', () => {
    render(<Reader />);
    const button = screen.getByRole('button', { name: 'Quote selection' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    const start = EDITED.indexOf('Delta epsilon eta.');
    act(() => {
      selectOffsets(textEl(), document.getSelection()!, start + 6, start + 17);
      document.dispatchEvent(new Event('selectionchange'));
    });
    expect((button as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(button);
    const dialog = screen.getByRole('dialog', { name: 'Link quote' });
    expect(within(dialog).getByRole('blockquote').textContent).toBe('epsilon eta');
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'New claim text' }), { target: { value: 'Greek letters matter' } });
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Contradicts' }));
    fireEvent.change(within(dialog).getByRole('combobox', { name: 'Credibility' }), { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link quote' }));

    expect(applied).toHaveLength(1);
    const change = applied[0]!;
    const quote = change.put.quotes![0]!;
    expect(quote).toMatchObject({ exact: 'epsilon eta', start: start + 6, end: start + 17, credibility: 2 });
    const claim = change.put.claims![0]!;
    expect(claim.text).toBe('Greek letters matter');
    expect(change.put.layout![claim.id]).toEqual({ x: 200, y: 440 });
    expect(change.put.links![0]).toMatchObject({ from: quote.id, to: claim.id, relation: 'contradicts' });
    expect(mapStore.getState().selection).toEqual({ kind: 'quote', id: quote.id });
    expect(screen.queryByRole('dialog', { name: 'Link quote' })).toBeNull();
    const newMark = marks().find((m) => m.textContent === 'epsilon eta');
    expect(newMark?.className).toBe('q q-contradicts');
  });

  it('links to an existing claim chosen from the filtered list, and shows a refusal inline', () => {
    render(<Reader />);
    const sky = EDITED.indexOf('The sky is blue today.');
    act(() => {
      selectOffsets(textEl(), document.getSelection()!, sky, sky + 'The sky is blue today.'.length);
      document.dispatchEvent(new Event('selectionchange'));
    });
    fireEvent.keyDown(textEl(), { key: 'q' });
    const dialog = screen.getByRole('dialog', { name: 'Link quote' });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Filter claims' }), { target: { value: 'weather' } });
    const select = within(dialog).getByRole('combobox', { name: 'Claim' }) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['— new claim —', 'Thesis: The weather is fine']);
    fireEvent.change(select, { target: { value: 'c_thesis' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link quote' }));
    // The same passage is already linked to that claim.
    expect(within(dialog).getByRole('alert').textContent).toBe('This passage is already linked to that claim.');
    expect(applied).toHaveLength(0);

    fireEvent.change(select, { target: { value: '' } });
    fireEvent.change(within(dialog).getByRole('textbox', { name: 'Filter claims' }), { target: { value: '' } });
    fireEvent.change(select, { target: { value: 'c_other' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Link quote' }));
    expect(applied).toHaveLength(1);
    expect(applied[0]!.put.quotes).toBeUndefined(); // the existing quote is reused
    expect(applied[0]!.put.links![0]).toMatchObject({ from: 'q_sky', to: 'c_other', relation: 'supports' });
  });
});
