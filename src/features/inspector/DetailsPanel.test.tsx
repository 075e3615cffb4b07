// @vitest-environment jsdom
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DetailsPanel } from './DetailsPanel';
import { mapStore } from '../../store/useMapStore';
import { createMap, deleteMap } from '../../storage/writes';
import { smallDoc } from '../../test/factories';
import { newClaim, updateSource } from '../../domain/edits';
import type { Selection } from '../../store/mapStore';

const MAP = 'map_test';
const state = () => mapStore.getState();
const doc = () => {
  const d = state().doc;
  if (!d) throw new Error('no map open');
  return d;
};

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
  await createMap(smallDoc());
  await state().openMap(MAP);
});

afterEach(async () => {
  cleanup();
  await state().flush();
  state().closeMap();
  await deleteMap(MAP);
});

function setup(selection: Selection = null) {
  const user = userEvent.setup();
  act(() => state().select(selection));
  render(<DetailsPanel />);
  return user;
}

const undo = () => act(async () => void (await state().undo()));
const redo = () => act(async () => void (await state().redo()));

describe('nothing selected', () => {
  it('shows a hint and edits the map title as one undo step', async () => {
    const user = setup();
    expect(screen.getByText(/Select a claim, quote, source or link/)).toBeTruthy();
    const title = screen.getByRole('textbox', { name: 'Map title' }) as HTMLInputElement;
    expect(title.value).toBe('Test map');
    await user.type(title, ' two ');
    // The trailing space stays in the field while typing, though the stored title is trimmed.
    expect(title.value).toBe('Test map two ');
    expect(doc().map.title).toBe('Test map two');
    expect(state().undoStack).toHaveLength(1);
    await undo();
    expect(doc().map.title).toBe('Test map');
    expect(title.value).toBe('Test map');
  });

  it('lists the theses, and a thesis button selects it', async () => {
    const user = setup();
    await user.click(screen.getByRole('button', { name: 'The thesis' }));
    expect(state().selection).toEqual({ kind: 'claim', id: 'c_thesis' });
    expect((screen.getByRole('textbox', { name: 'Claim text' }) as HTMLTextAreaElement).value).toBe('The thesis');
  });
});

describe('a claim', () => {
  it('edits its text in place, keeping the caret, as one undo step; undo and redo', async () => {
    const user = setup({ kind: 'claim', id: 'c_thesis' });
    const text = screen.getByRole('textbox', { name: 'Claim text' }) as HTMLTextAreaElement;
    await user.type(text, ' is', { initialSelectionStart: 3, initialSelectionEnd: 3 });
    expect(text.value).toBe('The is thesis');
    expect(doc().claims['c_thesis']!.text).toBe('The is thesis');
    expect(state().undoStack.map((e) => e.label)).toEqual(['Edit claim text']);
    await undo();
    expect(text.value).toBe('The thesis');
    await redo();
    expect(text.value).toBe('The is thesis');
  });

  it('changes kind, note and tags', async () => {
    const user = setup({ kind: 'claim', id: 'c_thesis' });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Kind' }), 'Claim');
    expect(doc().claims['c_thesis']!.kind).toBe('claim');
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Needs work');
    expect(doc().claims['c_thesis']!.note).toBe('Needs work');
    const tags = screen.getByRole('textbox', { name: 'Tags' }) as HTMLInputElement;
    await user.type(tags, ', security, ');
    expect(tags.value).toBe('main, security, ');
    expect(doc().claims['c_thesis']!.tags).toEqual(['main', 'security']);
    await user.clear(tags);
    expect(doc().claims['c_thesis']!.tags).toBeUndefined();
    await undo();
    expect(doc().claims['c_thesis']!.tags).toEqual(['main']);
    expect(tags.value).toBe('main');
  });

  it('shows its status and its evidence for and against, with sources and grades', async () => {
    const user = setup({ kind: 'claim', id: 'c_thesis' });
    expect(screen.getByText(/Contested/)).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Weight for 5, against 2' })).toBeTruthy();
    const forList = within(screen.getByRole('region', { name: /^For/ }));
    const against = within(screen.getByRole('region', { name: /^Against/ }));
    const q1 = forList.getByRole('button', { name: /The sky is blue today/ });
    expect(q1.textContent).toContain('Source src_a');
    expect(q1.textContent).toContain('B2');
    expect(forList.getByRole('button', { name: /A sub-claim/ })).toBeTruthy();
    expect(against.getByRole('button', { name: /Delta epsilon/ }).textContent).toContain('B–');
    // Through the sub-claim, q_3 reaches the thesis too.
    // In the Thesis check's words: direct links, then the quote evidence through chains.
    expect(screen.getByText('By direct links: 2 for, 1 against (weight 5 for, 2 against)')).toBeTruthy();
    expect(screen.getByText('Quote evidence through chains: for weight 4 · 2 quotes; against weight 2 · 1 quote.')).toBeTruthy();
    await user.click(forList.getByRole('button', { name: 'Strong link' }));
    expect(state().selection).toEqual({ kind: 'link', id: 'l_1' });
    expect(screen.getByRole('radio', { name: 'Supports' })).toBeTruthy();
  });

  it('a For item selects its quote', async () => {
    const user = setup({ kind: 'claim', id: 'c_thesis' });
    await user.click(screen.getByRole('button', { name: /The sky is blue today/ }));
    expect(state().selection).toEqual({ kind: 'quote', id: 'q_1' });
  });

  it('Delete claim takes its links; undo brings all back', async () => {
    const user = setup({ kind: 'claim', id: 'c_sub' });
    await user.click(screen.getByRole('button', { name: 'Delete claim' }));
    expect(doc().claims['c_sub']).toBeUndefined();
    expect(Object.keys(doc().links).sort()).toEqual(['l_1', 'l_2']);
    expect(screen.getByRole('textbox', { name: 'Map title' })).toBeTruthy();
    await undo();
    expect(doc().claims['c_sub']?.text).toBe('A sub-claim');
    expect(Object.keys(doc().links).sort()).toEqual(['l_1', 'l_2', 'l_3', 'l_4']);
  });

  it('falls back to the hint when the selected claim is undone away', async () => {
    setup();
    const { change, id } = newClaim(doc(), { text: 'Fresh' });
    await act(async () => {
      await state().apply(change, { label: 'New claim' });
      state().select({ kind: 'claim', id });
    });
    expect((screen.getByRole('textbox', { name: 'Claim text' }) as HTMLTextAreaElement).value).toBe('Fresh');
    await undo();
    expect(screen.queryByRole('textbox', { name: 'Claim text' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Map title' })).toBeTruthy();
  });
});

describe('a quote', () => {
  it('shows its passage and source; Show in source asks the reader to flash it', async () => {
    const user = setup({ kind: 'quote', id: 'q_1' });
    expect(screen.getByText('The sky is blue today.').tagName).toBe('BLOCKQUOTE');
    expect(screen.getByRole('button', { name: 'Source src_a' })).toBeTruthy();
    await user.click(screen.getByRole('link', { name: 'Show in source' }));
    expect(state().flash?.quoteId).toBe('q_1');
    expect(state().openSourceId).toBe('src_a');
    expect(window.location.hash).toBe('');
  });

  it('sets credibility and note; lists its links, each selecting the link', async () => {
    const user = setup({ kind: 'quote', id: 'q_1' });
    const cred = screen.getByRole('combobox', { name: 'Credibility' }) as HTMLSelectElement;
    expect(cred.value).toBe('2');
    await user.selectOptions(cred, '4 – Doubtful');
    expect(doc().quotes['q_1']!.credibility).toBe(4);
    await user.selectOptions(cred, 'Not rated');
    expect(doc().quotes['q_1']!.credibility).toBeUndefined();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Eyewitness');
    expect(doc().quotes['q_1']!.note).toBe('Eyewitness');
    await user.click(screen.getByRole('button', { name: /Supports · strong\s*The thesis/ }));
    expect(state().selection).toEqual({ kind: 'link', id: 'l_1' });
  });

  it('a quote found only approximately offers Accept new text', async () => {
    const d = doc();
    const s = d.sources['src_a']!;
    const { change } = updateSource(d, 'src_a', { ...s, text: s.text.replace('The sky is blue today.', 'The sky is blue toady.') });
    await act(async () => void (await state().apply(change, { label: 'Edit source' })));
    const user = setup({ kind: 'quote', id: 'q_1' });
    expect(screen.getByText(/The source text changed; this passage was found approximately/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Accept new text' }));
    expect(doc().quotes['q_1']!.exact).toBe('The sky is blue toady.');
    expect(screen.queryByText(/found approximately/)).toBeNull();
  });

  it('a quote no longer in its source is kept and flagged', async () => {
    const d = doc();
    const s = d.sources['src_a']!;
    const { change } = updateSource(d, 'src_a', { ...s, text: 'Something else entirely, nothing alike at all.' });
    await act(async () => void (await state().apply(change, { label: 'Edit source' })));
    setup({ kind: 'quote', id: 'q_1' });
    expect(screen.getByText(/not found in the source text/)).toBeTruthy();
    expect(screen.getByText('The sky is blue today.')).toBeTruthy();
  });

  it('Delete quote, then undo', async () => {
    const user = setup({ kind: 'quote', id: 'q_2' });
    await user.click(screen.getByRole('button', { name: 'Delete quote' }));
    expect(doc().quotes['q_2']).toBeUndefined();
    expect(doc().links['l_2']).toBeUndefined();
    await undo();
    expect(doc().quotes['q_2']).toBeTruthy();
    expect(doc().links['l_2']).toBeTruthy();
  });
});

describe('a source', () => {
  it('validates the URL and saves the fields as one step', async () => {
    const user = setup({ kind: 'source', id: 'src_a' });
    const url = screen.getByRole('textbox', { name: 'URL' }) as HTMLInputElement;
    const save = screen.getByRole('button', { name: 'Save source' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    await user.clear(url);
    await user.type(url, 'javascript:alert(1)');
    expect(url.getAttribute('aria-invalid')).toBe('true');
    const error = document.getElementById(url.getAttribute('aria-describedby')!);
    expect(error?.textContent).toMatch(/http/);
    expect(save.disabled).toBe(true);
    await user.clear(url);
    await user.type(url, 'https://example.org/b');
    expect(url.getAttribute('aria-invalid')).toBeNull();
    await user.clear(screen.getByRole('textbox', { name: 'Title' }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Renamed');
    await user.type(screen.getByRole('textbox', { name: 'Author' }), 'A. Writer');
    await user.type(screen.getByRole('textbox', { name: 'Published' }), '2024-01');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Reliability' }), 'D – Not usually reliable');
    expect(doc().sources['src_a']!.title).toBe('Source src_a'); // nothing applied before Save
    await user.click(save);
    const s = doc().sources['src_a']!;
    expect(s).toMatchObject({ title: 'Renamed', author: 'A. Writer', publishedAt: '2024-01', url: 'https://example.org/b', reliability: 'D' });
    expect(state().undoStack.map((e) => e.label)).toEqual(['Edit source']);
    await undo();
    expect(doc().sources['src_a']!.title).toBe('Source src_a');
    expect((screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement).value).toBe('Source src_a');
  });

  it('keeps unsaved edits when the source is saved elsewhere, and says so', async () => {
    const user = setup({ kind: 'source', id: 'src_a' });
    const title = screen.getByRole('textbox', { name: 'Title' }) as HTMLInputElement;
    await user.clear(title);
    await user.type(title, 'My draft title');
    // Another tab (here: the store directly) saves a different field of the same source.
    await act(async () => {
      const { change } = updateSource(doc(), 'src_a', { ...doc().sources['src_a']!, publisher: 'Elsewhere Press' });
      await state().apply(change, { label: 'Edit source' });
    });
    expect(title.value).toBe('My draft title');
    expect((screen.getByRole('textbox', { name: 'Publisher' }) as HTMLInputElement).value).toBe('Elsewhere Press');
    expect(screen.getByRole('status').textContent).toMatch(/changed elsewhere/);
    await user.click(screen.getByRole('button', { name: 'Save source' }));
    expect(doc().sources['src_a']).toMatchObject({ title: 'My draft title', publisher: 'Elsewhere Press' });
    expect(screen.queryByText(/changed elsewhere/)).toBeNull();
  });

  it('saving a new text re-anchors the quotes and says what happened', async () => {
    const user = setup({ kind: 'source', id: 'src_a' });
    expect(screen.getByText(/3 quotes from this source/)).toBeTruthy();
    const text = screen.getByRole('textbox', { name: 'Text' }) as HTMLTextAreaElement;
    await user.type(text, 'Intro. ', { initialSelectionStart: 0, initialSelectionEnd: 0 });
    await user.click(screen.getByRole('button', { name: 'Save source' }));
    expect(doc().quotes['q_1']!.start).toBe(smallDoc().quotes['q_1']!.start + 7);
    expect(state().notices.at(-1)?.text).toBe('Source saved: 3 quotes moved.');
  });

  it('Delete source asks first, then takes its quotes and their links; undo restores', async () => {
    const user = setup({ kind: 'source', id: 'src_a' });
    await user.click(screen.getByRole('button', { name: 'Delete source' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete source?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(doc().sources['src_a']).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Delete source' }));
    await user.click(within(screen.getByRole('alertdialog', { name: 'Delete source?' })).getByRole('button', { name: 'Delete source' }));
    expect(doc().sources).toEqual({});
    expect(doc().quotes).toEqual({});
    expect(Object.keys(doc().links)).toEqual(['l_3']);
    expect(state().undoStack).toHaveLength(1);
    await undo();
    expect(Object.keys(doc().quotes).sort()).toEqual(['q_1', 'q_2', 'q_3']);
    expect(Object.keys(doc().links)).toHaveLength(4);
  });
});

describe('a link', () => {
  it('shows its ends, changes relation and weight once each, and deletes', async () => {
    const user = setup({ kind: 'link', id: 'l_2' });
    const contra = screen.getByRole('radio', { name: 'Contradicts' }) as HTMLInputElement;
    expect(contra.checked).toBe(true);
    expect(screen.getByRole('group', { name: 'Relation' })).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: 'Supports' }));
    expect(doc().links['l_2']!.relation).toBe('supports');
    const weight = screen.getByRole('combobox', { name: 'Weight' }) as HTMLSelectElement;
    expect(weight.value).toBe('2');
    await user.selectOptions(weight, 'Strong');
    expect(doc().links['l_2']!.weight).toBe(3);
    await user.selectOptions(weight, 'Moderate');
    expect(doc().links['l_2']!.weight).toBeUndefined();
    expect(state().undoStack.map((e) => e.label)).toEqual(['Make link supporting', 'Change link weight', 'Change link weight']);
    await user.click(screen.getByRole('button', { name: /The thesis/ }));
    expect(state().selection).toEqual({ kind: 'claim', id: 'c_thesis' });
  });

  it('Delete link', async () => {
    const user = setup({ kind: 'link', id: 'l_4' });
    await user.click(screen.getByRole('button', { name: /Theta iota kappa/ }));
    expect(state().selection).toEqual({ kind: 'quote', id: 'q_3' });
    act(() => state().select({ kind: 'link', id: 'l_4' }));
    await user.click(screen.getByRole('button', { name: 'Delete link' }));
    expect(doc().links['l_4']).toBeUndefined();
    expect(doc().quotes['q_3']).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Map title' })).toBeTruthy();
  });
});

describe('a read-only map (review link)', () => {
  it('offers no field or button to change it', async () => {
    act(() => state().setReadOnly(true));
    const user = setup({ kind: 'claim', id: 'c_thesis' });
    const text = screen.getByRole('textbox', { name: 'Claim text' });
    expect(text.matches(':disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Delete claim' }).matches(':disabled')).toBe(true);
    await user.type(text, 'x');
    expect(doc().claims['c_thesis']!.text).toBe('The thesis');
    // Reading stays possible: a reviewer still moves through the argument from here.
    expect(screen.getByRole('button', { name: 'Claim view' }).matches(':disabled')).toBe(false);
    for (const field of ['Kind', 'Tags', 'Note']) expect(screen.getByRole(field === 'Kind' ? 'combobox' : 'textbox', { name: field }).matches(':disabled')).toBe(true);
    act(() => state().setReadOnly(false));
    expect(screen.getByRole('textbox', { name: 'Claim text' }).matches(':disabled')).toBe(false);
  });
});
