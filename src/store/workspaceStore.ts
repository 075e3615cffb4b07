/**
 * Session state of the workspace around the open map: which panels are shown,
 * which view covers the graph, and where the claim view stands. Per tab,
 * never written to the map; the panel choices are remembered in localStorage
 * so a reload keeps the workspace as the user left it.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';

export type PanelName = 'sources' | 'reader' | 'details';
/** Views that open over the graph, as tabs: they get the graph's whole area. */
export type ViewName = 'thesis' | 'matrix' | 'claim';
export type Stage = 'graph' | ViewName;

export type WorkspaceState = {
  panels: Record<PanelName, boolean>;
  /** The graph takes the whole window below the top bar; the panels keep their choice for when it ends. */
  graphOnly: boolean;
  /** Views open as tabs over the graph, in the order opened. */
  views: ViewName[];
  stage: Stage;
  /** The tab in front when Graph only began: in front again when it ends, if still open. */
  stageBeforeGraphOnly: Stage | null;
  /** The claim view's chain: from a thesis (first) down to the claim shown (last). */
  claimPath: string[];
};

export type WorkspaceActions = {
  togglePanel(panel: PanelName): void;
  showPanel(panel: PanelName): void;
  toggleGraphOnly(): void;
  /** Opens a view in front; a view already in front is closed (the header buttons toggle). */
  toggleView(view: ViewName): void;
  openView(view: ViewName): void;
  closeView(view: ViewName): void;
  setStage(stage: Stage): void;
  /** Opens the claim view on a chain (thesis first, shown claim last). */
  openClaimView(path: string[]): void;
  setClaimPath(path: string[]): void;
  /** A new map: no views open. Panel choices stay. */
  resetViews(): void;
};

export const WORKSPACE_STORAGE_KEY = 'warrant.workspace.v1';

type Persisted = { panels: Record<PanelName, boolean>; graphOnly: boolean };

const DEFAULT_PANELS: Record<PanelName, boolean> = { sources: true, reader: true, details: true };

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be denied (privacy settings); the workspace then starts with defaults.
    return null;
  }
}

function loadPersisted(): Persisted {
  const fallback: Persisted = { panels: { ...DEFAULT_PANELS }, graphOnly: false };
  const raw = storage()?.getItem(WORKSPACE_STORAGE_KEY);
  if (!raw) return fallback;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object') return fallback;
    const p = parsed as Partial<Record<string, unknown>>;
    const panels = (p['panels'] ?? {}) as Partial<Record<string, unknown>>;
    const flag = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : d);
    return {
      panels: {
        sources: flag(panels['sources'], true),
        reader: flag(panels['reader'], true),
        details: flag(panels['details'], true),
      },
      graphOnly: flag(p['graphOnly'], false),
    };
  } catch {
    return fallback;
  }
}

function save(state: Persisted): void {
  try {
    storage()?.setItem(WORKSPACE_STORAGE_KEY, JSON.stringify({ panels: state.panels, graphOnly: state.graphOnly }));
  } catch {
    // A full or denied storage only loses the remembered layout.
  }
}

export function createWorkspaceStore() {
  const store = createStore<WorkspaceState & WorkspaceActions>()((set, get) => {
    const setPersisted = (patch: Partial<Persisted>) => {
      set(patch);
      save(get());
    };
    /**
     * Ends Graph only with `panels`: the tab that was in front before it
     * comes back, if still open and no other tab was chosen meanwhile.
     */
    const endGraphOnly = (panels: Record<PanelName, boolean>) => {
      const s = get();
      const back = s.stageBeforeGraphOnly;
      setPersisted({ graphOnly: false, panels });
      const restore = back && back !== 'graph' && s.stage === 'graph' && s.views.includes(back);
      set({ stageBeforeGraphOnly: null, ...(restore ? { stage: back } : {}) });
    };
    return {
      ...loadPersisted(),
      views: [],
      stage: 'graph',
      stageBeforeGraphOnly: null,
      claimPath: [],
      togglePanel(panel) {
        const s = get();
        // While the graph is alone, a panel's button brings the panels back with this one shown.
        if (s.graphOnly) endGraphOnly({ ...s.panels, [panel]: true });
        else setPersisted({ panels: { ...s.panels, [panel]: !s.panels[panel] } });
      },
      showPanel(panel) {
        const s = get();
        if (s.panels[panel] && !s.graphOnly) return;
        if (s.graphOnly) endGraphOnly({ ...s.panels, [panel]: true });
        else setPersisted({ panels: { ...s.panels, [panel]: true } });
      },
      toggleGraphOnly() {
        const s = get();
        // Graph only shows the graph alone; leaving it goes back to the tab that was in front (the matrix, say).
        if (s.graphOnly) endGraphOnly(s.panels);
        else {
          setPersisted({ graphOnly: true });
          set({ stage: 'graph', stageBeforeGraphOnly: s.stage });
        }
      },
      toggleView(view) {
        const s = get();
        if (s.stage === view) get().closeView(view);
        else get().openView(view);
      },
      openView(view) {
        const s = get();
        set({ views: s.views.includes(view) ? s.views : [...s.views, view], stage: view });
      },
      closeView(view) {
        const s = get();
        const views = s.views.filter((v) => v !== view);
        set({ views, stage: s.stage === view ? 'graph' : s.stage, ...(view === 'claim' ? { claimPath: [] } : {}) });
      },
      setStage(stage) {
        set({ stage });
      },
      openClaimView(path) {
        set({ claimPath: path });
        get().openView('claim');
      },
      setClaimPath(path) {
        set({ claimPath: path });
      },
      resetViews() {
        set({ views: [], stage: 'graph', claimPath: [] });
      },
    };
  });
  return store;
}

export const workspaceStore = createWorkspaceStore();

export function useWorkspace<T>(selector: (s: WorkspaceState & WorkspaceActions) => T): T {
  return useStore(workspaceStore, selector);
}
