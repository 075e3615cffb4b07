/** Placeholder until the feature lands (being built in parallel). */
export function DetailsPanel() {
  return <p className="placeholder">Loading…</p>;
}
