/**
 * Test support: checks real HTTP responses against an OpenAPI 3.1 document, read only through the standard
 * structure (paths → method → responses → status → content → media type → schema, `$ref`s into
 * `#/components/…`), so it works on any document, however it was built. Each response must have a documented
 * status, a documented media type, every documented header, no header of its own the document leaves out, and
 * a JSON body that validates against its schema — made strict: an object schema that lists `properties` and
 * says nothing of others gets `additionalProperties: false`, and one composed with `allOf` gets
 * `unevaluatedProperties: false` (its members left open), so a field the server sends and the document does
 * not list is a mismatch. Coverage: which (operation, status) pairs the exchanges reached.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
export type Schema = Json | boolean;

export interface OpenApiDocument {
  openapi: string;
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  security?: Record<string, string[]>[];
}

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export interface Operation {
  /** The document's path template, e.g. `/schedules/{id}`. */
  path: string;
  method: (typeof METHODS)[number];
  operation: Json;
}

/** `GET /schedules/{id}`: how operations are named in every message. */
export const operationKey = (op: Pick<Operation, 'path' | 'method'>) =>
  `${op.method.toUpperCase()} ${op.path}`;

export function operationsOf(document: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const resolved = resolveRef(document, item) as Json;
    for (const method of METHODS) {
      const operation = resolved[method];
      if (operation && typeof operation === 'object')
        operations.push({ path, method, operation: operation as Json });
    }
  }
  return operations;
}

/** The document's object at a local `$ref` (`#/components/schemas/Schedule`), following chained refs. */
export function resolveRef(document: OpenApiDocument, value: unknown, seen = new Set<string>()): unknown {
  if (!value || typeof value !== 'object' || !('$ref' in value)) return value;
  const ref = (value as { $ref: unknown }).$ref;
  if (typeof ref !== 'string' || !ref.startsWith('#/')) throw new Error(`unsupported $ref ${String(ref)}`);
  if (seen.has(ref)) throw new Error(`circular $ref ${ref}`);
  let target: unknown = document;
  for (const part of ref.slice(2).split('/')) {
    const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
    target = target && typeof target === 'object' ? (target as Json)[key] : undefined;
  }
  if (target === undefined) throw new Error(`$ref ${ref} points at nothing in the document`);
  return resolveRef(document, target, new Set([...seen, ref]));
}

/** The documented operation a concrete request path falls under; literal segments win over `{templates}`. */
export function findOperation(
  document: OpenApiDocument,
  method: string,
  path: string,
): Operation | undefined {
  const segments = path.split('/');
  let best: { op: Operation; literals: number } | undefined;
  for (const op of operationsOf(document)) {
    if (op.method !== method.toLowerCase()) continue;
    const template = op.path.split('/');
    if (template.length !== segments.length) continue;
    let literals = 0;
    const matches = template.every((part, i) => {
      if (/^\{[^}]+\}$/.test(part)) return (segments[i] ?? '') !== '';
      literals++;
      return part === segments[i];
    });
    if (matches && (!best || literals > best.literals)) best = { op, literals };
  }
  return best?.op;
}

const COMPONENT_PREFIX = '#/components/schemas/';
/** Where the open (not closed at the top) variant of component `Name` lives in the strict copy. */
const OPEN_SUFFIX = '~open';
const openRef = (ref: string) => `${ref}${OPEN_SUFFIX.replace('~', '~0')}`;

const SUBSCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'dependentSchemas'] as const;
const SUBSCHEMAS = [
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'unevaluatedItems',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
] as const;

/** Marks a schema that accepts any object, array or value: the fields of what it accepts go unchecked. */
const VAGUE = 'x-conformance-vague';
type Vagueness = 'object' | 'array' | 'value';

const SHAPING = ['$ref', 'allOf', 'anyOf', 'oneOf', 'not', 'if', 'const', 'enum'];
const OBJECT_SHAPING = [
  'properties',
  'patternProperties',
  'additionalProperties',
  'unevaluatedProperties',
  'propertyNames',
];
const ARRAY_SHAPING = ['items', 'prefixItems', 'contains', 'unevaluatedItems'];

function vaguenessOf(schema: Json): Vagueness | undefined {
  if (SHAPING.some((k) => k in schema)) return undefined;
  const types = schema['type'] === undefined ? undefined : ([] as unknown[]).concat(schema['type']);
  const says = (keys: string[]) => keys.some((k) => k in schema);
  if (!types) return says([...OBJECT_SHAPING, ...ARRAY_SHAPING]) ? undefined : 'value';
  if (types.includes('object') && !says(OBJECT_SHAPING)) return 'object';
  if (types.includes('array') && !says(ARRAY_SHAPING)) return 'array';
  return undefined;
}

/** Whether `schema` (through refs and compositions) lists properties of an object. */
function listsProperties(document: OpenApiDocument, schema: unknown, seen = new Set<unknown>()): boolean {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return false;
  seen.add(schema);
  const s = schema as Json;
  if (s['properties'] || s['patternProperties']) return true;
  if (typeof s['$ref'] === 'string' && s['$ref'].startsWith('#/')) {
    if (listsProperties(document, resolveRef(document, { $ref: s['$ref'] }), seen)) return true;
  }
  return (['allOf', 'anyOf', 'oneOf'] as const).some(
    (k) => Array.isArray(s[k]) && (s[k] as unknown[]).some((m) => listsProperties(document, m, seen)),
  );
}

/**
 * A strict copy of `schema`. `open`: the schema is a member of a composition, so its own top level stays open
 * (the composing schema closes it with `unevaluatedProperties`); everything nested is strict.
 */
export function strictSchema(document: OpenApiDocument, schema: Schema, open = false): Schema {
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Json = { ...schema };
  // a member of a composition is only part of the picture: the composing schema is judged instead
  const vague = open ? undefined : vaguenessOf(copy);
  if (vague) copy[VAGUE] = vague;
  for (const key of SUBSCHEMA_MAPS) {
    const map = copy[key];
    if (map && typeof map === 'object') {
      copy[key] = Object.fromEntries(
        Object.entries(map as Json).map(([name, sub]) => [name, strictSchema(document, sub as Schema)]),
      );
    }
  }
  for (const key of SUBSCHEMAS) {
    const sub = copy[key];
    if (sub !== undefined && typeof sub === 'object') copy[key] = strictSchema(document, sub as Schema);
  }
  if (Array.isArray(copy['prefixItems'])) {
    copy['prefixItems'] = (copy['prefixItems'] as Schema[]).map((s) => strictSchema(document, s));
  }
  const hasOwnProperties = Boolean(copy['properties'] || copy['patternProperties']);
  // allOf members each see only part of the object; anyOf/oneOf members too when the schema lists properties
  if (Array.isArray(copy['allOf'])) {
    copy['allOf'] = (copy['allOf'] as Schema[]).map((s) => strictSchema(document, s, true));
  }
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(copy[key])) {
      copy[key] = (copy[key] as Schema[]).map((s) => strictSchema(document, s, hasOwnProperties || open));
    }
  }
  const composed =
    Array.isArray(copy['allOf']) ||
    (hasOwnProperties && (Array.isArray(copy['anyOf']) || Array.isArray(copy['oneOf'])));
  const ref = copy['$ref'];
  const refWithSiblings = typeof ref === 'string' && hasOwnProperties;
  if (typeof ref === 'string' && ref.startsWith(COMPONENT_PREFIX) && (open || refWithSiblings)) {
    copy['$ref'] = openRef(ref);
  }
  if (open) return copy;
  const saysAboutOthers =
    'additionalProperties' in copy || 'unevaluatedProperties' in copy || 'patternProperties' in copy;
  if (saysAboutOthers) return copy;
  if ((composed || refWithSiblings) && listsProperties(document, schema)) {
    copy['unevaluatedProperties'] = false;
  } else if (hasOwnProperties) {
    copy['additionalProperties'] = false;
  }
  return copy;
}

/** Compiles the documented schemas, made strict, with every component schema reachable by its `$ref`. */
export function createSchemaValidator(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats.default(ajv);
  // OpenAPI's own formats on numbers
  ajv.addFormat('int32', {
    type: 'number',
    validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31,
  });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat('float', { type: 'number', validate: () => true });
  ajv.addFormat('double', { type: 'number', validate: () => true });
  /** Where, in the body just validated, a vague schema accepted a non-empty object or array. */
  const vagueHits: { path: string; kind: Vagueness }[] = [];
  ajv.addKeyword({
    keyword: VAGUE,
    schemaType: 'string',
    validate: (kind: Vagueness, data: unknown, _parent: unknown, cxt?: { instancePath: string }) => {
      const filled = Array.isArray(data)
        ? data.length > 0
        : data !== null && typeof data === 'object' && Object.keys(data).length > 0;
      const applies = kind === 'value' || (kind === 'array') === Array.isArray(data);
      if (filled && applies) vagueHits.push({ path: cxt?.instancePath ?? '', kind });
      return true;
    },
  });
  const schemas: Json = {};
  for (const [name, schema] of Object.entries(document.components?.['schemas'] ?? {})) {
    schemas[name] = strictSchema(document, schema as Schema);
    schemas[`${name}${OPEN_SUFFIX}`] = strictSchema(document, schema as Schema, true);
  }
  const base = 'urn:openapi-conformance:document';
  ajv.addSchema({ $id: base, components: { schemas } });
  const compiled = new Map<unknown, ValidateFunction>();
  const compile = (schema: Schema): ValidateFunction => {
    let validate = compiled.get(schema);
    if (!validate) {
      const strict = strictSchema(document, schema);
      // the response's schema sits in the document, so its `#/components/…` refs are the document's
      const rebased = JSON.parse(JSON.stringify(strict).replaceAll('"$ref":"#/', `"$ref":"${base}#/`));
      validate = ajv.compile(typeof rebased === 'object' ? rebased : { allOf: [rebased] });
      compiled.set(schema, validate);
    }
    return validate;
  };
  /** Validates `data`: ajv's errors, and where a vague schema let a structure through unchecked. */
  return (schema: Schema, data: unknown) => {
    vagueHits.length = 0;
    const validate = compile(schema);
    const valid = validate(data) as boolean;
    return { valid, errors: validate.errors ?? [], vague: [...vagueHits] };
  };
}

/** Array indices (and numeric keys) as `*`: one line for the same field of every item. */
const genericPath = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/*');
const where = (instancePath: string) => (instancePath === '' ? 'body' : `body${genericPath(instancePath)}`);

/** One ajv error as one readable phrase: where in the body, and what was wrong. */
export function describeError(error: ErrorObject): string {
  const at = where(error.instancePath);
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties') {
    const name = params['additionalProperty'] ?? params['unevaluatedProperty'];
    return `${at}: has '${String(name)}', which the schema does not list`;
  }
  if (error.keyword === 'enum') return `${at}: ${error.message} ${JSON.stringify(params['allowedValues'])}`;
  return `${at}: ${error.message ?? error.keyword}`;
}

/** Headers any HTTP answer may carry; every other one the server sets must be documented. */
const TRANSPORT_HEADERS = new Set([
  'content-type',
  'content-length',
  'connection',
  'keep-alive',
  'date',
  'transfer-encoding',
  'vary',
]);

export interface Exchange {
  method: string;
  /** The request path, query included. */
  url: string;
  status: number;
  headers: Headers;
  body: string;
  /** Whether the request carried the bearer token. */
  authorized: boolean;
}

export interface Mismatch {
  /** `GET /schedules/{id}`, or the request itself when it matches no documented operation. */
  operation: string;
  /** The status answered (or documented, for one never produced). */
  status: string;
  message: string;
  /** A request that showed it. */
  request?: string;
}

export interface CheckerOptions {
  /** Operations whose bodies may be vague (any object, array or value), each with why. */
  vagueAllowed?: Record<string, string>;
}

const isJsonMedia = (type: string) => type === 'application/json' || /^application\/[^/]+\+json$/.test(type);

function mediaTypeFor(content: Json, type: string): string | undefined {
  if (type in content) return type;
  const [major] = type.split('/');
  if (`${major}/*` in content) return `${major}/*`;
  return '*/*' in content ? '*/*' : undefined;
}

/** A header's value as its schema reads it: numbers in a header are strings on the wire. */
function headerValue(schema: Json | undefined, raw: string): unknown {
  const type = schema?.['type'];
  const numeric =
    type === 'integer' || type === 'number' || (Array.isArray(type) && type.includes('integer'));
  return numeric && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
}

/** The operation's security, or the document's: open when none, or when one requirement is empty. */
function isOpen(document: OpenApiDocument, operation: Json): boolean {
  const security = (operation['security'] ?? document.security ?? []) as Record<string, unknown>[];
  return security.length === 0 || security.some((requirement) => Object.keys(requirement).length === 0);
}

/** Checks responses against the document, collecting mismatches and the (operation, status) pairs reached. */
export function createConformanceChecker(document: OpenApiDocument, options: CheckerOptions = {}) {
  const validate = createSchemaValidator(document);
  const mismatches: Mismatch[] = [];
  /** operation key → statuses answered. */
  const reached = new Map<string, Set<string>>();

  function check(exchange: Exchange): void {
    const method = exchange.method.toUpperCase();
    const path = new URL(exchange.url, 'http://127.0.0.1').pathname;
    const status = String(exchange.status);
    const request = `${method} ${exchange.url}`;
    const op = findOperation(document, method, path);
    if (!op) {
      mismatches.push({ operation: `${method} ${path}`, status, message: 'matches no documented operation' });
      return;
    }
    const operation = operationKey(op);
    const problem = (message: string) => mismatches.push({ operation, status, message, request });
    const statuses = reached.get(operation) ?? new Set();
    reached.set(operation, statuses.add(status));

    const open = isOpen(document, op.operation);
    if (!exchange.authorized && exchange.status === 401 && open) {
      problem('answered without the token, yet the operation is documented with no security');
    }
    if (!exchange.authorized && exchange.status !== 401 && !open) {
      problem('served without the token, yet the operation is documented as needing it (security)');
    }

    const responses = (op.operation['responses'] ?? {}) as Json;
    const documented = responses[status] ?? responses[`${status[0]}XX`] ?? responses['default'];
    if (!documented) {
      problem(`status not documented (documented: ${Object.keys(responses).join(', ') || 'none'})`);
      return;
    }
    const response = resolveRef(document, documented) as Json;

    const headers = Object.fromEntries(
      Object.entries((response['headers'] ?? {}) as Json).map(([name, header]) => [
        name.toLowerCase(),
        resolveRef(document, header) as Json,
      ]),
    );
    for (const [name, header] of Object.entries(headers)) {
      if (name === 'content-type') continue; // OpenAPI ignores it: the media type says it
      const value = exchange.headers.get(name);
      if (value === null) {
        problem(`documented header ${name} is missing`);
        continue;
      }
      const schema = header['schema'] as Schema | undefined;
      if (schema === undefined) continue;
      const result = validate(schema, headerValue(schema as Json, value));
      if (!result.valid) {
        problem(`header ${name}: '${value}' ${result.errors.map((e) => e.message).join('; ')}`);
      }
    }
    exchange.headers.forEach((_value, name) => {
      if (!TRANSPORT_HEADERS.has(name) && !(name in headers))
        problem(`sends header ${name}, which is not documented`);
    });

    const contentType = exchange.headers.get('content-type');
    if (exchange.body === '' && contentType === null) return;
    const content = response['content'] as Json | undefined;
    if (!content || Object.keys(content).length === 0) {
      problem(`sends a body (${contentType ?? 'no content type'}), but no content is documented`);
      return;
    }
    const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const mediaKey = mediaTypeFor(content, type);
    if (!mediaKey) {
      problem(
        `media type ${type || '(none)'} not documented (documented: ${Object.keys(content).join(', ')})`,
      );
      return;
    }
    const media = resolveRef(document, content[mediaKey]) as Json | undefined;
    const schema = media?.['schema'] as Schema | undefined;
    if (schema === undefined) {
      if (isJsonMedia(type)) problem(`${mediaKey} is documented without a schema`);
      return;
    }
    let body: unknown = exchange.body;
    if (isJsonMedia(type)) {
      try {
        body = JSON.parse(exchange.body);
      } catch {
        problem(`the ${type} body is not JSON`);
        return;
      }
    }
    const result = validate(schema, body);
    for (const error of result.errors) problem(describeError(error));
    if (options.vagueAllowed?.[operation] === undefined) {
      for (const { path: at, kind } of result.vague) {
        problem(`${where(at)}: documented as any ${kind}, so what the server puts in it goes unchecked`);
      }
    }
  }

  /**
   * Operations never exercised and documented statuses never produced, but for `exceptions` (operation key →
   * status → why; the key `*` stands for every operation).
   */
  function unreached(exceptions: Record<string, Record<string, string>> = {}): Mismatch[] {
    const missing: Mismatch[] = [];
    for (const op of operationsOf(document)) {
      const operation = operationKey(op);
      const seen = reached.get(operation);
      if (!seen) {
        missing.push({ operation, status: '-', message: 'never exercised' });
        continue;
      }
      for (const status of Object.keys((op.operation['responses'] ?? {}) as Json)) {
        const excepted = (exceptions[operation]?.[status] ?? exceptions['*']?.[status]) !== undefined;
        if (status === 'default' || seen.has(status) || excepted) continue;
        if (/^\dXX$/.test(status) && [...seen].some((s) => s[0] === status[0])) continue;
        missing.push({ operation, status, message: 'documented, never produced' });
      }
    }
    return missing;
  }

  return { check, mismatches, reached, unreached };
}

/** One line per mismatch, grouped by operation; the same mismatch seen again is counted, not repeated. */
export function formatMismatches(mismatches: readonly Mismatch[]): string {
  const byOperation = new Map<string, Map<string, { request: string | undefined; times: number }>>();
  for (const { operation, status, message, request } of mismatches) {
    const lines = byOperation.get(operation) ?? new Map();
    byOperation.set(operation, lines);
    const line = `${status}: ${message}`;
    const seen = lines.get(line);
    if (seen) seen.times++;
    else lines.set(line, { request, times: 1 });
  }
  return [...byOperation]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([operation, lines]) => {
      const shown = [...lines].map(([line, { request, times }]) => {
        const example = request ? ` [${request}${times > 1 ? ` and ${times - 1} more` : ''}]` : '';
        return `  ${line}${example}`;
      });
      return `${operation}\n${shown.join('\n')}`;
    })
    .join('\n');
}
