/**
 * The one link straight from a quote to a hypothesis, as the evidence
 * matrix edits it: set to a relation and weight, or removed. A pure edit:
 * the caller hands the Change to the store with the label given here.
 */
import { deletionChange, type Change, type MapDoc } from './change';
import { addLink, updateLink } from './edits';
import type { Relation, Weight } from './schema';
import { WEIGHTS, weightWord } from './vocabulary';

/** What the direct link should be: none, or a relation with a weight. */
export type DirectLinkChoice = null | { relation: Relation; weight: Weight };

export type DirectLinkEdit =
  | { kind: 'change'; change: Change; label: 'Link quote' | 'Change link' | 'Remove link' }
  /** The link is not allowed (the reason is for the user). */
  | { kind: 'refused'; reason: string }
  /** Already as asked: nothing to do. */
  | { kind: 'none' };

export function setDirectLink(doc: MapDoc, quoteId: string, hypothesisId: string, choice: DirectLinkChoice): DirectLinkEdit {
  const existing = Object.values(doc.links).find((l) => l.from === quoteId && l.to === hypothesisId);
  if (!choice) {
    return existing ? { kind: 'change', change: deletionChange(doc, { links: [existing.id] }), label: 'Remove link' } : { kind: 'none' };
  }
  if (existing) {
    return { kind: 'change', change: updateLink(doc, existing.id, { relation: choice.relation, weight: choice.weight }), label: 'Change link' };
  }
  const result = addLink(doc, { from: quoteId, to: hypothesisId, relation: choice.relation, weight: choice.weight });
  return result.ok ? { kind: 'change', change: result.change, label: 'Link quote' } : { kind: 'refused', reason: result.reason };
}

/** A matrix cell's menu value for the direct link: '' (none) or `+1` … `-3`, the sign its relation. */
export type CellChoice = '' | `${'+' | '-'}${Weight}`;

/** The menu of a cell: none, then supports and contradicts at each weight (`supports, weak`). */
export const CELL_CHOICES: ReadonlyArray<{ value: CellChoice; label: string }> = [
  { value: '', label: 'none' },
  ...(['supports', 'contradicts'] as const).flatMap((relation) =>
    WEIGHTS.map((w) => ({ value: `${relation === 'supports' ? '+' : '-'}${w}` as CellChoice, label: `${relation}, ${weightWord(w)}` })),
  ),
];

/** The direct link a cell's menu value asks for. */
export function directLinkChoice(value: CellChoice): DirectLinkChoice {
  if (value === '') return null;
  return { relation: value.startsWith('+') ? 'supports' : 'contradicts', weight: Number(value.slice(1)) as Weight };
}

/** The menu value that shows a direct link of `sign` and `weight`. */
export const cellChoiceOf = (sign: number, weight: Weight): CellChoice => `${sign > 0 ? '+' : '-'}${weight}`;
