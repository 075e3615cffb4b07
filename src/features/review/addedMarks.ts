/**
 * Where what a comparison adds meets the current graph. An added record is
 * not in the current map, so the graph cannot draw it: it is marked on the
 * element it would attach to, by the words of its item in the Changes list.
 *
 * - an added link: at the claim, quote or link it bears on if that is in the
 *   current map, else at the one it comes from;
 * - an added claim or quote: where an added link joins it to the current
 *   map (the element at that link's other end);
 * - an added comment: at what it is on;
 * - an added source, or a record joined to nothing current: nowhere (the
 *   Changes list names it).
 */
import type { MapDoc } from '../../domain/change';
import type { CompareItem } from '../../domain/compare';
import type { Comment, Link } from '../../domain/schema';
import { itemText } from './describeItem';

export function addedMarks(items: readonly CompareItem[], current: MapDoc, other: MapDoc): Map<string, string[]> {
  const inGraph = (id: string) => id in current.claims || id in current.quotes || id in current.links;
  const added = items.filter((i) => i.kind === 'added' && i.after !== undefined);
  const addedLinks = added.filter((i) => i.table === 'links').map((i) => i.after as Link);
  const out = new Map<string, string[]>();
  for (const item of added) {
    let at: string | undefined;
    switch (item.table) {
      case 'links': {
        const l = item.after as Link;
        at = inGraph(l.to) ? l.to : inGraph(l.from) ? l.from : undefined;
        break;
      }
      case 'claims':
      case 'quotes': {
        const id = item.after!.id;
        for (const l of addedLinks) {
          if (l.from === id && inGraph(l.to)) at = l.to;
          else if (l.to === id && inGraph(l.from)) at = l.from;
          if (at !== undefined) break;
        }
        break;
      }
      case 'comments': {
        const on = (item.after as Comment).on;
        at = inGraph(on) ? on : undefined;
        break;
      }
      case 'sources':
        break;
    }
    if (at === undefined) continue;
    const list = out.get(at) ?? [];
    list.push(itemText(item, current, other));
    out.set(at, list);
  }
  return out;
}
