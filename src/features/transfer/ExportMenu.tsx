/** Placeholder until the feature lands (being built in parallel). */
export function ExportMenu() {
  return <p className="placeholder">Loading…</p>;
}
