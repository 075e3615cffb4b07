/** Placeholder until the feature lands (being built in parallel). */
export function GraphCanvas() {
  return <p className="placeholder">Loading…</p>;
}
