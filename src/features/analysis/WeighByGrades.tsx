/** The `Weigh by grades` switch of the thesis check and the evidence matrix (factors in docs/analysis.md). */
export function WeighByGrades({ checked, onChange }: { checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <label className="inline-field" title="Scale evidence from a quote by its source's reliability (A–F) and its credibility (1–6)">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      Weigh by grades
    </label>
  );
}
