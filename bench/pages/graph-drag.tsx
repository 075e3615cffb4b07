/**
 * Dragging one node of a 1,000-node map: how many node components render, and
 * how many store changes and storage writes the drag makes. The goal is the
 * dragged node alone re-rendering, and one change (one write) at the end.
 */
import { param, report, nextPaint } from './benchKit';
import { benchMap, loadIntoStore, mountOurs } from './graph-kit';
import { mapStore } from '../../src/store/useMapStore';

function mouse(type: string, target: EventTarget, x: number, y: number) {
  target.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: type === 'mouseup' ? 0 : 1, view: window }));
}

void report(async () => {
  const n = param('n', 1000);
  const steps = 60;
  const doc = benchMap(n);
  await loadIntoStore(doc);
  const m = await mountOurs();
  const id = Object.keys(doc.claims)[10]!;
  const before = mapStore.getState().doc!.layout[id]!;
  await m.rf.setCenter(before.x + 110, before.y + 45, { zoom: 1 });
  await nextPaint();
  await nextPaint();
  const nodeEl = m.el.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
  if (!nodeEl) throw new Error('the claim is not on screen');

  // Count store changes (apply calls) and storage writes (pendingWrites going up).
  let applies = 0;
  let writes = 0;
  const original = mapStore.getState().apply;
  const counted: typeof original = (change, options) => (applies++, original(change, options));
  mapStore.setState({ apply: counted });
  const unsubscribe = mapStore.subscribe((s, prev) => {
    if (s.pendingWrites > prev.pendingWrites) writes++;
  });
  const rendered = document.querySelectorAll('.react-flow__node').length;
  window.__renderCounts = {};

  const box = nodeEl.getBoundingClientRect();
  const x0 = box.left + 30;
  const y0 = box.top + 20;
  mouse('mousedown', nodeEl, x0, y0);
  for (let i = 1; i <= steps; i++) {
    mouse('mousemove', window, x0 + i * 3, y0 + i * 2);
    await new Promise((r) => requestAnimationFrame(r));
  }
  mouse('mouseup', window, x0 + steps * 3, y0 + steps * 2);
  await mapStore.getState().flush();
  await nextPaint();
  unsubscribe();
  const counts = window.__renderCounts ?? {};
  const renders = (counts['claim'] ?? 0) + (counts['quote'] ?? 0);
  const after = mapStore.getState().doc!.layout[id]!;
  if (after.x === before.x && after.y === before.y) throw new Error('the drag did not move the node');
  return [
    {
      name: `drag one node of ${n} (${steps} moves): node component renders`,
      value: renders,
      unit: 'renders',
      note: `claim ${counts['claim'] ?? 0}, quote ${counts['quote'] ?? 0}; ${rendered} node elements on screen; goal ≈ one node × moves`,
    },
    { name: `drag one node of ${n}: store changes (apply calls)`, value: applies, unit: 'changes', note: 'goal 1 (one undo step)' },
    { name: `drag one node of ${n}: storage writes`, value: writes, unit: 'writes', note: 'goal 1' },
  ];
});
