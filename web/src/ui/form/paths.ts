/** Reads the value at a dotted path (`roles.0.role`) of plain form values. */
export function valueAtPath(values: unknown, path: string): unknown {
  let current: unknown = values;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A copy of the values with the one at a dotted path replaced; arrays stay arrays. */
export function withValueAtPath<V>(values: V, path: string, value: unknown): V {
  const [key, ...rest] = path.split('.');
  if (key === undefined) return values;
  const container: Record<string, unknown> | unknown[] = Array.isArray(values)
    ? [...values]
    : { ...(values as Record<string, unknown>) };
  const current = (container as Record<string, unknown>)[key];
  (container as Record<string, unknown>)[key] =
    rest.length === 0 ? value : withValueAtPath(current, rest.join('.'), value);
  return container as V;
}
