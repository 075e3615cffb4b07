/** Placeholder until the feature lands (being built in parallel). */
export function Reader() {
  return <p className="placeholder">Loading…</p>;
}
