/**
 * UPGRADE GATE: this reads Zod's internal definitions (`_zod.def`), which a
 * minor release may change. `zod` is therefore pinned to a minor (`~4.x.y` in
 * package.json); before raising it, run `fastParse.test.ts`, whose property
 * tests check that this parser accepts and returns exactly what Zod does.
 *
 * A fast path for validating large map files, compiled FROM the Zod schemas so
 * that Zod stays the one definition of the data.
 *
 * Why: Zod must run jitless (the production CSP forbids eval), and jitless
 * Zod spends most of a 20 MB import collecting issue context for checks that
 * pass. This walks a schema's definition once and builds plain closures for
 * the constructs the map schemas use (objects, strings with length, prefix,
 * pattern and refine checks, numbers, literals, enums, unions, optionals,
 * defaults, arrays, records). On valid input it returns what Zod would
 * return; on anything it rejects, the caller runs Zod itself for the exact
 * problems. A construct it does not know makes `compileFastParser` return
 * null, and callers then always use Zod. A property test checks that both
 * agree (fastParse.test.ts).
 */
import type { z } from '../zod';

/** Returned by a fast parser when the input is invalid. */
export const INVALID: unique symbol = Symbol('invalid');
export type FastParser = (value: unknown) => unknown;

type AnyDef = { type: string; [key: string]: unknown };
type AnyCheck = { _zod: { def: { check: string; [key: string]: unknown } } };

class Unsupported extends Error {}

const defOf = (schema: unknown): AnyDef => (schema as { _zod: { def: AnyDef } })._zod.def;

function compileStringChecks(def: AnyDef): Array<(s: string) => boolean> {
  const tests: Array<(s: string) => boolean> = [];
  // A string format schema (z.iso.datetime, …) carries its own pattern.
  if (def['pattern'] instanceof RegExp) {
    const re = def['pattern'];
    tests.push((s) => re.test(s));
  }
  for (const c of (def['checks'] as AnyCheck[] | undefined) ?? []) {
    const d = c._zod.def;
    switch (d.check) {
      case 'min_length': {
        const n = d['minimum'] as number;
        tests.push((s) => s.length >= n);
        break;
      }
      case 'max_length': {
        const n = d['maximum'] as number;
        tests.push((s) => s.length <= n);
        break;
      }
      case 'string_format': {
        if (d['format'] === 'starts_with') {
          const prefix = d['prefix'] as string;
          tests.push((s) => s.startsWith(prefix));
        } else if (d['pattern'] instanceof RegExp) {
          const re = d['pattern'];
          tests.push((s) => re.test(s));
        } else throw new Unsupported(`string format ${String(d['format'])}`);
        break;
      }
      case 'custom': {
        const fn = d['fn'] as (v: unknown) => unknown;
        tests.push((s) => {
          const r = fn(s);
          if (r instanceof Promise) throw new Unsupported('async refine');
          return Boolean(r);
        });
        break;
      }
      default:
        throw new Unsupported(`string check ${d.check}`);
    }
  }
  return tests;
}

function compileNumberChecks(def: AnyDef): Array<(n: number) => boolean> {
  const tests: Array<(n: number) => boolean> = [];
  for (const c of (def['checks'] as AnyCheck[] | undefined) ?? []) {
    const d = c._zod.def;
    if (d.check === 'number_format' && (d['format'] === 'safeint' || d['format'] === 'int32')) {
      tests.push((n) => Number.isSafeInteger(n));
    } else if (d.check === 'greater_than') {
      const v = d['value'] as number;
      tests.push(d['inclusive'] ? (n) => n >= v : (n) => n > v);
    } else if (d.check === 'less_than') {
      const v = d['value'] as number;
      tests.push(d['inclusive'] ? (n) => n <= v : (n) => n < v);
    } else throw new Unsupported(`number check ${d.check}`);
  }
  return tests;
}

function compileArrayChecks(def: AnyDef): Array<(a: unknown[]) => boolean> {
  const tests: Array<(a: unknown[]) => boolean> = [];
  for (const c of (def['checks'] as AnyCheck[] | undefined) ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length') {
      const n = d['minimum'] as number;
      tests.push((a) => a.length >= n);
    } else if (d.check === 'max_length') {
      const n = d['maximum'] as number;
      tests.push((a) => a.length <= n);
    } else throw new Unsupported(`array check ${d.check}`);
  }
  return tests;
}

/** A parser for an optional/default field: what to do when the key is absent. */
type Field = { key: string; parse: FastParser; absent: 'omit' | 'default' | 'required'; defaultValue?: unknown; inherited?: boolean };

function compileField(key: string, schema: unknown): Field {
  const field = compileFieldParser(key, schema);
  return key in Object.prototype ? { ...field, inherited: true } : field;
}

function compileFieldParser(key: string, schema: unknown): Field {
  const def = defOf(schema);
  if (def.type === 'optional') return { key, parse: compile(def['innerType']), absent: 'omit' };
  if (def.type === 'default') {
    const dv = def['defaultValue'];
    if (typeof dv === 'function' || (dv !== null && typeof dv === 'object')) throw new Unsupported('non-primitive default');
    return { key, parse: compile(def['innerType']), absent: 'default', defaultValue: dv };
  }
  return { key, parse: compile(schema), absent: 'required' };
}

function compile(schema: unknown): FastParser {
  const def = defOf(schema);
  switch (def.type) {
    case 'string': {
      const tests = compileStringChecks(def);
      return (v) => {
        if (typeof v !== 'string') return INVALID;
        for (const t of tests) if (!t(v)) return INVALID;
        return v;
      };
    }
    case 'number': {
      const tests = compileNumberChecks(def);
      return (v) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) return INVALID;
        for (const t of tests) if (!t(v)) return INVALID;
        return v;
      };
    }
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : INVALID);
    case 'literal': {
      const values = def['values'] as unknown[];
      return (v) => (values.includes(v) ? v : INVALID);
    }
    case 'enum': {
      const values = Object.values(def['entries'] as Record<string, unknown>);
      return (v) => (values.includes(v) ? v : INVALID);
    }
    case 'union': {
      const options = (def['options'] as unknown[]).map(compile);
      return (v) => {
        for (const o of options) {
          const r = o(v);
          if (r !== INVALID) return r;
        }
        return INVALID;
      };
    }
    case 'optional': {
      const inner = compile(def['innerType']);
      return (v) => (v === undefined ? undefined : inner(v));
    }
    case 'array': {
      const element = compile(def['element']);
      const tests = compileArrayChecks(def);
      return (v) => {
        if (!Array.isArray(v)) return INVALID;
        for (const t of tests) if (!t(v)) return INVALID;
        const out = new Array<unknown>(v.length);
        for (let i = 0; i < v.length; i++) {
          const r = element(v[i]);
          if (r === INVALID) return INVALID;
          out[i] = r;
        }
        return out;
      };
    }
    case 'record': {
      const key = compile(def['keyType']);
      const value = compile(def['valueType']);
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return INVALID;
        const out: Record<string, unknown> = {};
        for (const k of Object.keys(v)) {
          if (key(k) === INVALID) return INVALID;
          const r = value((v as Record<string, unknown>)[k]);
          if (r === INVALID) return INVALID;
          // defineProperty: a "__proto__" key stays an own property, never a prototype.
          Object.defineProperty(out, k, { value: r, enumerable: true, writable: true, configurable: true });
        }
        return out;
      };
    }
    case 'object': {
      if (def['catchall'] !== undefined) throw new Unsupported('object catchall');
      const shape = def['shape'] as Record<string, unknown>;
      const fields = Object.keys(shape).map((k) => compileField(k, shape[k]));
      return (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v)) return INVALID;
        const input = v as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const f of fields) {
          // Zod reads fields the same way; the own-property check is kept for
          // names Object.prototype itself has (constructor, toString…).
          const raw = f.inherited ? (Object.prototype.hasOwnProperty.call(input, f.key) ? input[f.key] : undefined) : input[f.key];
          if (raw === undefined) {
            if (f.absent === 'required') {
              // A required field may still accept undefined (z.any, optional inside union…): ask it.
              const r = f.parse(undefined);
              if (r === INVALID) return INVALID;
              if (r !== undefined) out[f.key] = r;
            } else if (f.absent === 'default') out[f.key] = f.defaultValue;
            continue;
          }
          const r = f.parse(raw);
          if (r === INVALID) return INVALID;
          out[f.key] = r;
        }
        return out;
      };
    }
    default:
      throw new Unsupported(def.type);
  }
}

/**
 * Compiles a fast parser for `schema`, or returns null when the schema uses a
 * construct this compiler does not know (then use Zod).
 */
export function compileFastParser(schema: z.ZodType): FastParser | null {
  try {
    return compile(schema);
  } catch (e) {
    if (e instanceof Unsupported) return null;
    throw e;
  }
}
