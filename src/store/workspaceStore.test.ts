// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { createWorkspaceStore, WORKSPACE_STORAGE_KEY } from './workspaceStore';

beforeEach(() => localStorage.clear());

describe('workspace store', () => {
  it('starts with every panel shown and the graph in front', () => {
    const s = createWorkspaceStore().getState();
    expect(s.panels).toEqual({ sources: true, reader: true, details: true });
    expect(s.graphOnly).toBe(false);
    expect(s.stage).toBe('graph');
  });

  it('remembers panel choices and Graph only across a new store (a reload)', () => {
    const a = createWorkspaceStore();
    a.getState().togglePanel('details');
    a.getState().toggleGraphOnly();
    const b = createWorkspaceStore().getState();
    expect(b.panels.details).toBe(false);
    expect(b.graphOnly).toBe(true);
  });

  it('a panel button while the graph is alone brings the panels back with that one shown', () => {
    const store = createWorkspaceStore();
    store.getState().togglePanel('sources');
    store.getState().toggleGraphOnly();
    store.getState().togglePanel('sources');
    expect(store.getState().graphOnly).toBe(false);
    expect(store.getState().panels.sources).toBe(true);
  });

  it('Graph only shows the graph alone and, when it ends, the tab that was in front again', () => {
    const store = createWorkspaceStore();
    store.getState().openView('matrix');
    store.getState().toggleGraphOnly();
    expect(store.getState().stage).toBe('graph');
    store.getState().toggleGraphOnly();
    expect(store.getState().stage).toBe('matrix');
    // Ended by a panel's button too.
    store.getState().toggleGraphOnly();
    store.getState().togglePanel('details');
    expect(store.getState().stage).toBe('matrix');
    // A tab closed meanwhile does not come back; the graph stays in front.
    store.getState().toggleGraphOnly();
    store.getState().closeView('matrix');
    store.getState().toggleGraphOnly();
    expect(store.getState().stage).toBe('graph');
    // A tab chosen while the graph was alone stays in front.
    store.getState().openView('thesis');
    store.getState().openView('matrix');
    store.getState().toggleGraphOnly();
    store.getState().setStage('thesis');
    store.getState().toggleGraphOnly();
    expect(store.getState().stage).toBe('thesis');
  });

  it('opens views as tabs over the graph; the header button closes the view in front', () => {
    const store = createWorkspaceStore();
    store.getState().toggleView('thesis');
    store.getState().toggleView('matrix');
    expect(store.getState().views).toEqual(['thesis', 'matrix']);
    expect(store.getState().stage).toBe('matrix');
    store.getState().toggleView('thesis');
    expect(store.getState().stage).toBe('thesis');
    store.getState().toggleView('thesis');
    expect(store.getState().views).toEqual(['matrix']);
    expect(store.getState().stage).toBe('graph');
  });

  it('opens the claim view on a chain and forgets it when closed', () => {
    const store = createWorkspaceStore();
    store.getState().openClaimView(['c_t', 'c_r']);
    expect(store.getState().stage).toBe('claim');
    expect(store.getState().claimPath).toEqual(['c_t', 'c_r']);
    store.getState().closeView('claim');
    expect(store.getState().claimPath).toEqual([]);
  });

  it('ignores a damaged remembered layout', () => {
    localStorage.setItem(WORKSPACE_STORAGE_KEY, '{"panels":{"sources":"yes"},"graphOnly":1');
    expect(createWorkspaceStore().getState().panels.sources).toBe(true);
    localStorage.setItem(WORKSPACE_STORAGE_KEY, '{"panels":{"sources":false},"graphOnly":"x"}');
    const s = createWorkspaceStore().getState();
    expect(s.panels.sources).toBe(false);
    expect(s.graphOnly).toBe(false);
  });
});
