// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ImportSummaryDialog } from './ImportSummaryDialog';
import type { ConvertedOutcome } from './importFile';

// jsdom has <dialog> but not its modal methods.
HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
  this.removeAttribute('open');
};

afterEach(cleanup);

const outcome = (over: Partial<ConvertedOutcome['summary']> = {}): ConvertedOutcome => ({
  kind: 'converted',
  mapId: 'map_x',
  format: 'argdown',
  title: 'Port strategy',
  fileName: 'port.argdown',
  summary: {
    imported: { claims: 5, links: 4, quotes: 0, sources: 0 },
    notes: ['2 quotes (statements tagged #source-…) came back as claims: Argdown carries no source text to anchor a quote in.'],
    leftOut: ['1 source in the front matter: Argdown carries only their titles, not their text.'],
    ...over,
  },
});

describe('ImportSummaryDialog', () => {
  it('shows the counts, the notes, what was left out and why, and that quotes came back as claims', () => {
    render(<ImportSummaryDialog outcome={outcome()} onOpen={() => {}} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Import summary' });
    expect(dialog.textContent).toContain('5 claims · 4 links · 0 quotes · 0 sources');
    expect(dialog.textContent).toContain('Port strategy');
    expect(dialog.textContent).toContain('Argdown');
    expect(within(dialog).getByText(/^Quotes came back as claims/)).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Kept as notes' })).getAllByRole('listitem')).toHaveLength(1);
    expect(within(screen.getByRole('list', { name: 'Left out' })).getByRole('listitem').textContent).toMatch(/only their titles/);
  });

  it('says when nothing was turned into notes or left out, and has no quotes callout then', () => {
    render(<ImportSummaryDialog outcome={outcome({ notes: [], leftOut: [], imported: { claims: 1, links: 0, quotes: 0, sources: 0 } })} onOpen={() => {}} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog', { name: 'Import summary' });
    expect(dialog.textContent).toContain('1 claim · 0 links');
    expect(dialog.textContent).toContain('Nothing was left out.');
    expect(within(dialog).queryByText(/^Quotes came back as claims/)).toBeNull();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('Open map opens; Close closes', async () => {
    const onOpen = vi.fn();
    const onClose = vi.fn();
    render(<ImportSummaryDialog outcome={outcome()} onOpen={onOpen} onClose={onClose} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Open map' }));
    await userEvent.click(screen.getByRole('button', { name: 'Open map' }));
    expect(onOpen).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
