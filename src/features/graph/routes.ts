/**
 * The lines' routes from the last Auto layout (layout.ts `layoutWithRoutes`):
 * local to this tab and never stored, since the file format keeps positions
 * only. A route holds while both its ends stand where that layout put them;
 * once either is moved by hand (or the layout is undone) the line is drawn
 * the plain way again, which follows the nodes.
 */
import { create } from 'zustand';
import type { Position } from '../../domain/schema';
import { routeKey, type LayoutResult } from './layout';

type Point = { x: number; y: number };
export type Route = { points: readonly Point[]; from: Position; to: Position };

type RouteState = {
  routes: ReadonlyMap<string, Route>;
  /** Keep the routes of a layout just applied. */
  set(result: LayoutResult): void;
};

export const useRoutes = create<RouteState>((set) => ({
  routes: new Map(),
  set: (result) => {
    const routes = new Map<string, Route>();
    for (const [key, points] of Object.entries(result.routes)) {
      const [from, to] = key.split('>') as [string, string];
      const a = result.positions[from];
      const b = result.positions[to];
      if (a && b) routes.set(key, { points, from: a, to: b });
    }
    set({ routes });
  },
}));

const same = (a: Position, b: Position) => Math.abs(a.x - b.x) < 0.5 && Math.abs(a.y - b.y) < 0.5;

/** The route of the line from `from` to `to` while both still stand at `fromAt` and `toAt`; else null. */
export function freshRoute(route: Route | undefined, fromAt: Position, toAt: Position): readonly Point[] | null {
  return route && same(route.from, fromAt) && same(route.to, toAt) ? route.points : null;
}

export { routeKey };
