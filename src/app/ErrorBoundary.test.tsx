// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ErrorBoundary } from './ErrorBoundary';

afterEach(cleanup);

function Boom(): never {
  throw new Error('encodeURIComponent: URI malformed');
}

describe('ErrorBoundary', () => {
  it('says what happened and keeps the map list and the Trash reachable', async () => {
    // React reports the caught error on the console; that is expected here.
    vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <ErrorBoundary>
        <Boom />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { name: 'Something went wrong' })).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toContain('URI malformed');
    expect(screen.getByRole('link', { name: 'All maps' }).getAttribute('href')).toBe('#/');
    await userEvent.click(screen.getByRole('button', { name: 'Trash' }));
    expect(await screen.findByRole('heading', { name: 'Trash' })).toBeTruthy();
    vi.restoreAllMocks();
  });
});
