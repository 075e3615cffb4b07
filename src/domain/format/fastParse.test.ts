import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from '../zod';
import { INVALID, compileFastParser } from './fastParse';
import { MapFileSchema } from '../schema';
import { serializeMap } from './serialize';
import { mapDocArb } from '../../test/arbitraries';
import packageJson from '../../../package.json';

/** Random edits of a JSON value: the fast parser must agree with Zod on each. */
const mutation = fc.record({
  at: fc.nat(),
  value: fc.oneof(
    fc.string(),
    fc.integer({ min: -3, max: 8 }),
    fc.double(),
    fc.constant(null),
    fc.boolean(),
    fc.constant([]),
    fc.constant({}),
    fc.constantFrom('c_x', 'q_x', 'l_x', 'src_x', 'map_x', 'supports', 'thesis', 'A', 'G', '2026-11-23T10:00:00.000Z', 'https://a.b', 'javascript:x', ''),
    fc.constant(undefined),
  ),
  remove: fc.boolean(),
});

function mutate(value: unknown, m: { at: number; value: unknown; remove: boolean }): unknown {
  const copy = JSON.parse(JSON.stringify(value)) as unknown;
  const slots: Array<{ parent: Record<string, unknown>; key: string }> = [];
  const walk = (v: unknown) => {
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        slots.push({ parent: v as Record<string, unknown>, key: k });
        walk(x);
      }
    }
  };
  walk(copy);
  const slot = slots[m.at % Math.max(1, slots.length)];
  if (!slot) return copy;
  if (m.remove && !Array.isArray(slot.parent)) delete slot.parent[slot.key];
  else slot.parent[slot.key] = m.value;
  return copy;
}

describe('compileFastParser', () => {
  const parse = compileFastParser(MapFileSchema)!;

  it('compiles the map file schema', () => {
    expect(parse).not.toBeNull();
  });

  it('returns exactly what Zod returns on valid maps', () => {
    fc.assert(
      fc.property(mapDocArb, (doc) => {
        const raw = JSON.parse(serializeMap(doc)) as unknown;
        const zod = MapFileSchema.safeParse(raw);
        expect(zod.success).toBe(true);
        expect(parse(raw)).toEqual(zod.data);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses exactly what Zod refuses, and agrees on the rest', () => {
    fc.assert(
      fc.property(mapDocArb, fc.array(mutation, { minLength: 1, maxLength: 3 }), (doc, ms) => {
        let raw: unknown = JSON.parse(serializeMap(doc));
        for (const m of ms) raw = mutate(raw, m);
        const zod = MapFileSchema.safeParse(raw);
        const fast = parse(raw);
        if (zod.success) expect(fast).toEqual(zod.data);
        else expect(fast).toBe(INVALID);
      }),
      { numRuns: 400 },
    );
  });

  it('drops unknown keys and fills defaults like Zod', () => {
    const schema = z.object({ a: z.string(), b: z.string().default('x'), c: z.number().optional() });
    const p = compileFastParser(schema)!;
    expect(p({ a: 'A', extra: 1 })).toEqual({ a: 'A', b: 'x' });
    expect(p({ a: 1 })).toBe(INVALID);
    expect(p(null)).toBe(INVALID);
  });

  it('gives up on constructs it does not know, so callers use Zod', () => {
    expect(compileFastParser(z.object({ d: z.date() }))).toBeNull();
    expect(compileFastParser(z.string().transform((s) => s.length))).toBeNull();
    expect(compileFastParser(z.object({ a: z.string() }).catchall(z.number()))).toBeNull();
  });

  it('keeps record keys as own properties', () => {
    const p = compileFastParser(z.record(z.string(), z.number()))!;
    const out = p(JSON.parse('{"__proto__": 1, "a": 2}')) as Record<string, number>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
  });
});

describe('the Zod upgrade gate', () => {
  // fastParse reads Zod's internal definitions: a new minor may change them
  // silently. The equivalence properties above are what must pass before the
  // pin below is raised.
  it('keeps zod pinned to one minor (~4.x.y)', () => {
    expect(packageJson.dependencies.zod).toMatch(/^~4\.\d+\.\d+$/);
  });
});
