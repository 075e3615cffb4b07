/**
 * The one link straight from a quote to a hypothesis, as the evidence
 * matrix edits it: set to a relation and weight, or removed. A pure edit:
 * the caller hands the Change to the store with the label given here.
 */
import { deletionChange, type Change, type MapDoc } from './change';
import { addLink, updateLink } from './edits';
import type { Relation, Weight } from './schema';

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
