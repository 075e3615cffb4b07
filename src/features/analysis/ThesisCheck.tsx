/** Placeholder until the feature lands (being built in parallel). */
export function ThesisCheck({ onClose }: { onClose: () => void }) {
  return <button type="button" onClick={onClose}>Close</button>;
}
