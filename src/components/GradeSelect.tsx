import type { SelectHTMLAttributes } from 'react';
import type { Credibility, Reliability } from '../domain/schema';
import { CREDIBILITY_GRADES, NOT_RATED, RELIABILITY_GRADES, credibilityOption, reliabilityOption } from '../domain/vocabulary';

type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange' | 'children'> & {
  /** A source's reliability (A–F) or a quote's credibility (1–6). */
  scale: 'reliability' | 'credibility';
  /** The grade, or '' for none. */
  value: Reliability | Credibility | '';
  /** The chosen option's value: '' or a grade, for `parseReliability` / `parseCredibility`. */
  onChange: (value: string) => void;
};

const OPTIONS = {
  reliability: RELIABILITY_GRADES.map((g) => ({ value: g, label: reliabilityOption(g) })),
  credibility: CREDIBILITY_GRADES.map((g) => ({ value: String(g), label: credibilityOption(g) })),
};

/** A menu of the Admiralty scale's grades, in the user's words (domain/vocabulary.ts), with `Not rated` first. */
export function GradeSelect({ scale, value, onChange, ...rest }: Props) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{NOT_RATED}</option>
      {OPTIONS[scale].map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
