/**
 * Boxes bucketed on a square grid, so a question about one place (does this
 * cover a node? which nodes does this line pass?) looks at the boxes near it,
 * not at every box of the map. A box is in every cell it overlaps.
 */
export type GridBox = { x: number; y: number; w: number; h: number };

const NONE: readonly never[] = [];

export class BoxGrid<T extends GridBox> {
  private readonly cells = new Map<string, T[]>();

  constructor(private readonly cell: number) {}

  add(box: T): void {
    const c = this.cell;
    for (let cx = Math.floor(box.x / c); cx <= Math.floor((box.x + box.w) / c); cx++)
      for (let cy = Math.floor(box.y / c); cy <= Math.floor((box.y + box.h) / c); cy++) {
        const key = `${cx} ${cy}`;
        let list = this.cells.get(key);
        if (!list) this.cells.set(key, (list = []));
        list.push(box);
      }
  }

  /** The boxes of the cell holding the point (the same array for every point of one cell). */
  at(x: number, y: number): readonly T[] {
    return this.cells.get(`${Math.floor(x / this.cell)} ${Math.floor(y / this.cell)}`) ?? NONE;
  }

  /** The boxes of every cell the rectangle from (x0, y0) to (x1, y1) meets: a box in several of them comes once per cell. */
  *near(x0: number, y0: number, x1: number, y1: number): Generator<T> {
    const c = this.cell;
    for (let cx = Math.floor(x0 / c); cx <= Math.floor(x1 / c); cx++)
      for (let cy = Math.floor(y0 / c); cy <= Math.floor(y1 / c); cy++) yield* this.cells.get(`${cx} ${cy}`) ?? NONE;
  }
}
