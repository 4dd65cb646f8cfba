import type { z } from 'zod';

/** What a form field needs to know from its contract: whether it must be answered, and its limits. */
export type FieldRules = {
  required: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
};

type Def = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  values?: unknown[];
};

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/**
 * Walks a contract schema to the field at a dotted path (`roles.0.role`), through objects, arrays and
 * the wrappers zod puts around a field, noting whether any wrapper makes the field optional.
 */
function fieldSchemaAt(schema: z.ZodType, path: string[]): { schema: z.ZodType; optional: boolean } | null {
  let current: z.ZodType = schema;
  let optional = false;
  let remaining = [...path];
  for (let guard = 0; guard < 100; guard += 1) {
    const def = defOf(current);
    switch (def.type) {
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
        optional = true;
        current = def.innerType as z.ZodType;
        continue;
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        current = def.innerType as z.ZodType;
        continue;
      case 'pipe':
        if (remaining.length === 0) return { schema: current, optional };
        // Deeper paths run through the side that is an object or array, not a transform.
        current = (defOf(def.in as z.ZodType).type === 'transform' ? def.out : def.in) as z.ZodType;
        continue;
      case 'lazy':
        current = (current as unknown as { _zod: { innerType: z.ZodType } })._zod.innerType;
        continue;
    }
    if (remaining.length === 0) return { schema: current, optional };
    const [key, ...rest] = remaining;
    if (def.type === 'object' && def.shape && key !== undefined && key in def.shape) {
      current = def.shape[key] as z.ZodType;
      optional = false;
    } else if (def.type === 'array' && def.element && /^\d+$/.test(key ?? '')) {
      current = def.element;
      optional = false;
    } else {
      return null;
    }
    remaining = rest;
  }
  return null;
}

type CheckDef = { check: string; minimum?: unknown; maximum?: unknown; value?: unknown; format?: unknown };

function checksOf(schema: z.ZodType): CheckDef[] {
  const checks = (defOf(schema) as { checks?: { _zod: { def: CheckDef } }[] }).checks ?? [];
  return checks.map((check) => check._zod.def);
}

function finite(value: unknown): number | undefined {
  if (typeof value === 'bigint') return Number(value);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

type Leaf = {
  type: string;
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  format?: boolean;
};

/** The type and limits of a field, from both sides of a pipe (`.max(254).pipe(z.email())`). */
function leafOf(schema: z.ZodType): Leaf {
  const def = defOf(schema);
  if (def.type === 'pipe') {
    const sides = [def.in, def.out]
      .filter((side): side is z.ZodType => Boolean(side) && defOf(side as z.ZodType).type !== 'transform')
      .map(leafOf);
    // The input side names the type; either side may add a limit or a format.
    return sides.reduceRight<Leaf>((merged, side) => Object.assign(merged, stripUndefined(side)), {
      type: 'unknown',
    });
  }
  if (
    ['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)
  ) {
    return leafOf(def.innerType as z.ZodType);
  }
  const leaf: Leaf = { type: def.type };
  if (typeof (def as { format?: unknown }).format === 'string') leaf.format = true;
  for (const check of checksOf(schema)) {
    if (check.check === 'min_length') leaf.minLength = finite(check.minimum);
    else if (check.check === 'max_length') leaf.maxLength = finite(check.maximum);
    else if (check.check === 'greater_than') leaf.min = finite(check.value);
    else if (check.check === 'less_than') leaf.max = finite(check.value);
    else if (check.check === 'string_format') leaf.format = true;
  }
  return leaf;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/**
 * The rules of the field at `path` in a contract, so a form never writes a limit the contract already
 * knows: a text is required when the contract refuses an empty one, a choice when it is not optional.
 */
export function fieldRules(schema: z.ZodType, path: string): FieldRules {
  const found = fieldSchemaAt(schema, path.split('.').filter(Boolean));
  if (!found) return { required: false };
  const leaf = leafOf(found.schema);
  const rules = (required: boolean, limits: Omit<FieldRules, 'required'>): FieldRules => ({
    required,
    ...stripUndefined(limits),
  });
  switch (leaf.type) {
    case 'string':
      // A formatted text (an e-mail address, a date, a uuid) cannot be empty either.
      return rules(!found.optional && ((leaf.minLength ?? 0) >= 1 || Boolean(leaf.format)), {
        minLength: leaf.minLength || undefined,
        maxLength: leaf.maxLength,
      });
    case 'number':
      return rules(!found.optional, { min: leaf.min, max: leaf.max });
    case 'array':
      return rules(!found.optional && (leaf.minLength ?? 0) >= 1, {
        minLength: leaf.minLength,
        maxLength: leaf.maxLength,
      });
    case 'boolean':
      return { required: false };
    default:
      // A choice (enum), a uuid reference or `z.literal(true)` (a box that must be ticked).
      return { required: !found.optional };
  }
}
