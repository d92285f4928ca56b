/**
 * The server's write routes that accept user text or media, read from its OpenAPI document:
 * POST/PUT/PATCH/DELETE with a JSON body holding free-text strings (no enum, const, format or
 * pattern: those are identifiers and choices, not prose), or a multipart upload.
 */

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  minItems?: number;
  default?: unknown;
}

export interface PathParam {
  name: string;
  schema: JsonSchema;
}

export interface WriteRoute {
  /** `POST /posts/{id}/comments`, as OpenAPI names it. */
  name: string;
  method: string;
  /** OpenAPI path with `{param}` placeholders. */
  path: string;
  pathParams: PathParam[];
  body?: JsonSchema;
  /** Free-text fields of the body as dotted paths (`title`, `profile.bio`, `tags[]`). */
  textFields: string[];
  /** A multipart upload (images): checked by mediaCheckAsync rather than msgSecCheck. */
  upload: boolean;
}

interface OpenApiOperation {
  summary?: string;
  description?: string;
  parameters?: { in?: string; name?: string; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'];

/** Text a person writes: a string that is not constrained to a fixed set or a machine format. */
export function isFreeText(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes('string')) return false;
  return (
    schema.enum === undefined &&
    schema.const === undefined &&
    schema.format === undefined &&
    (schema.pattern === undefined || acceptsProse(schema.pattern))
  );
}

/** A sentence as a user would write it: mixed scripts, spaces, punctuation. */
const PROSE_SAMPLE = '今天 天气很好，我们去公园散步吧! Nice day.';

/**
 * A pattern that a sentence of prose satisfies (e.g. "not only whitespace") still describes text a
 * person writes; one that prose cannot satisfy (an id, a token, a date) describes a machine format.
 */
function acceptsProse(pattern: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(PROSE_SAMPLE);
  } catch {
    return false;
  }
}

export function textFieldsOf(schema: JsonSchema | undefined, prefix = ''): string[] {
  if (!schema?.properties) return [];
  const fields: string[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    const path = `${prefix}${name}`;
    if (isFreeText(property)) fields.push(path);
    else if (property.properties) fields.push(...textFieldsOf(property, `${path}.`));
    else if (property.items && isFreeText(property.items)) fields.push(`${path}[]`);
  }
  return fields;
}

/** Normalises `:id` to `{id}` so config entries may use either spelling. */
export function routeName(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;
}

export function writeRoutes(document: unknown, uploadRoutes: readonly string[] = []): WriteRoute[] {
  const paths = (document as { paths?: Record<string, Record<string, OpenApiOperation>> } | undefined)?.paths;
  if (!paths) throw new Error('the OpenAPI document has no paths');
  const declaredUploads = new Set(
    uploadRoutes.map((route) => {
      const [method = '', path = ''] = route.trim().split(/\s+/);
      return routeName(method, path);
    }),
  );
  const routes: WriteRoute[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!WRITE_METHODS.includes(method)) continue;
      const name = routeName(method, path);
      const content = operation.requestBody?.content ?? {};
      const body = content['application/json']?.schema;
      // A multipart route with no body schema shows up only in its description.
      const upload =
        'multipart/form-data' in content ||
        declaredUploads.has(name) ||
        /multipart/i.test(`${operation.summary ?? ''} ${operation.description ?? ''}`);
      const textFields = textFieldsOf(body);
      if (textFields.length === 0 && !upload) continue;
      const pathParams = (operation.parameters ?? [])
        .filter((p) => p.in === 'path' && p.name)
        .map((p) => ({ name: p.name as string, schema: p.schema ?? {} }));
      routes.push({ name, method: method.toUpperCase(), path, pathParams, ...(body ? { body } : {}), textFields, upload });
    }
  }
  return routes.sort((a, b) => a.name.localeCompare(b.name));
}
