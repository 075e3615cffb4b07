/** The words of one comparison item, as the Changes list shows it: `Added claim: …`. */
import type { MapDoc } from '../../domain/change';
import type { CompareItem, CompareTable, ThesisDelta } from '../../domain/compare';
import type { Claim, Comment, Link, Quote, Source } from '../../domain/schema';
import type { ClaimBalance } from '../../domain/analysis/balance';

const NOUN: Record<CompareTable, string> = { claims: 'claim', quotes: 'quote', links: 'link', sources: 'source', comments: 'comment' };

const VERB: Record<CompareItem['kind'], string> = { added: 'Added', removed: 'Removed', reworded: 'Reworded', edited: 'Edited', changed: 'Changed' };

const cut = (s: string, n = 120) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** A node's words in either map (the item's record may be in the other one only). */
function nodeText(id: string, current: MapDoc, other: MapDoc): string {
  const c = current.claims[id] ?? other.claims[id];
  if (c) return c.text || 'Untitled claim';
  const q = current.quotes[id] ?? other.quotes[id];
  if (q) return q.exact;
  return current.links[id] || other.links[id] ? 'a link' : id;
}

export function itemText(item: CompareItem, current: MapDoc, other: MapDoc): string {
  const record = item.after ?? item.before!;
  let what: string;
  switch (item.table) {
    case 'claims':
      what = `“${cut((record as Claim).text || 'Untitled claim')}”`;
      if (item.kind === 'reworded' && item.before) what = `“${cut((item.before as Claim).text)}” → ${what}`;
      break;
    case 'quotes':
      what = `“${cut((record as Quote).exact)}”`;
      break;
    case 'sources':
      what = `“${cut((record as Source).title || 'Untitled source')}”`;
      break;
    case 'links': {
      const l = record as Link;
      what = `“${cut(nodeText(l.from, current, other), 60)}” ${l.relation} “${cut(nodeText(l.to, current, other), 60)}”`;
      break;
    }
    case 'comments': {
      const cm = record as Comment;
      what = `“${cut(cm.text)}” (${cm.author || 'Anonymous'})`;
      break;
    }
  }
  const fields = item.kind === 'changed' || item.kind === 'edited' ? ` (${item.fields.join(', ')})` : '';
  return `${VERB[item.kind]} ${NOUN[item.table]}: ${what}${fields}`;
}

const balance = (b: ClaimBalance | undefined) => (b ? `${b.status}, For ${b.forWeight} / Against ${b.againstWeight}` : 'not in the map');

/** `Thesis “…”: contested, For 5 / Against 3 → supported, For 6 / Against 3`. */
export function thesisText(delta: ThesisDelta): string {
  return `Thesis “${cut(delta.text, 80)}”: ${balance(delta.before)} → ${balance(delta.after)}`;
}
