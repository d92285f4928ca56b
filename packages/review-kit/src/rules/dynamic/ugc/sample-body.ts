/**
 * A request body that passes a route's schema, with the probe text in one chosen field and
 * harmless values everywhere else, so the only thing that can make the route refuse it is the
 * probe itself. Values the schema constrains in ways we cannot invent (a `pattern`) are left out
 * when optional; when required, the route cannot be exercised and the caller is told.
 */
import type { JsonSchema } from './write-routes';

/** Ordinary Chinese prose: passes the fake WeChat (no marker) and reads like real input. */
export const FILLER_TEXT = '审核工具自动填写的内容';

export class UnfillableFieldError extends Error {
  constructor(
    readonly field: string,
    why: string,
  ) {
    super(`cannot make up a value for ${field}: ${why}`);
    this.name = 'UnfillableFieldError';
  }
}

function firstChoice(schema: JsonSchema): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return alternatives[0] ? valueFor(alternatives[0], '') : undefined;
  return undefined;
}

function fitted(text: string, schema: JsonSchema): string {
  let value = text;
  while (value.length < (schema.minLength ?? 0)) value += text;
  return schema.maxLength === undefined ? value : value.slice(0, schema.maxLength);
}

function valueFor(schema: JsonSchema, field: string): unknown {
  if (schema.default !== undefined) return schema.default;
  const choice = firstChoice(schema);
  if (choice !== undefined) return choice;
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
      if (schema.format !== undefined) throw new UnfillableFieldError(field, `it must match ${schema.format}`);
      if (schema.pattern !== undefined && !matches(schema.pattern, fitted(FILLER_TEXT, schema)))
        throw new UnfillableFieldError(field, `it must match ${schema.pattern}`);
      return fitted(FILLER_TEXT, schema);
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    case 'array':
      return (schema.minItems ?? 0) > 0 && schema.items
        ? Array.from({ length: schema.minItems ?? 1 }, () => valueFor(schema.items as JsonSchema, `${field}[]`))
        : [];
    case 'object':
      return objectFor(schema, field);
    default:
      return null;
  }
}

function objectFor(schema: JsonSchema, prefix: string, probe?: { field: string; text: string }): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const required = new Set(schema.required ?? []);
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const probed = probe && (probe.field === path || probe.field === `${path}[]` || probe.field.startsWith(`${path}.`));
    if (probed && probe) {
      if (probe.field === path) body[name] = probe.text;
      else if (probe.field === `${path}[]`) body[name] = [probe.text];
      else body[name] = objectFor(property, path, probe);
    } else if (required.has(name)) {
      body[name] = valueFor(property, path);
    }
  }
  return body;
}

/** The body for `schema` with `probeText` in `field` (a dotted path from write-routes.ts). */
export function sampleBody(schema: JsonSchema, field: string, probeText: string): Record<string, unknown> {
  return objectFor(schema, '', { field, text: probeText });
}

/** The field's own schema, to size the probe text to its limits. */
export function fieldSchema(schema: JsonSchema, field: string): JsonSchema | undefined {
  let current: JsonSchema | undefined = schema;
  for (const part of field.split('.')) {
    const name = part.replace(/\[\]$/, '');
    current = current?.properties?.[name];
    if (part.endsWith('[]')) current = current?.items;
  }
  return current;
}

/** Whether a JSON-schema pattern (ECMA-262, unanchored) accepts the value; an invalid pattern accepts nothing. */
function matches(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}
