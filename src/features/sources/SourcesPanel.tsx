/** Placeholder until the feature lands (being built in parallel). */
export function SourcesPanel() {
  return <p className="placeholder">Loading…</p>;
}
