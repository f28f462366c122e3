/**
 * A small JSON Schema (draft 2020-12) validator for the tests.
 *
 * Why: no schema library is installed, and the export tests need to check
 * output against a schema file. It supports exactly the keywords the
 * schemas in `tests/fixtures` use and throws on any other, so a schema can
 * never pass because a keyword was silently ignored.
 */

export type JsonSchema = boolean | { readonly [keyword: string]: unknown }

export interface SchemaError {
  /** JSON Pointer to the failing value. */
  readonly path: string
  readonly message: string
}

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description', '$comment'])
const SUPPORTED = new Set([
  ...ANNOTATIONS,
  '$ref',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  'minItems',
  'contains',
  'minLength',
  'minimum',
  'pattern',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
])

function typeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

function matchesType(value: unknown, type: string): boolean {
  const actual = typeOf(value)
  return actual === type || (type === 'number' && actual === 'integer')
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`
}

/** Validate `value` against `schema`; `root` resolves `#/$defs/...` references. */
export function validateSchema(
  value: unknown,
  schema: JsonSchema,
  root: JsonSchema = schema,
  path = '',
): SchemaError[] {
  if (schema === true) return []
  if (schema === false) return [{ path, message: 'no value is allowed here' }]
  for (const keyword of Object.keys(schema)) {
    if (!SUPPORTED.has(keyword))
      throw new Error(`unsupported schema keyword "${keyword}" at ${path}`)
  }
  const errors: SchemaError[] = []
  const fail = (message: string, at = path) => errors.push({ path: at, message })
  const sub = (v: unknown, s: unknown, at = path) => validateSchema(v, s as JsonSchema, root, at)

  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref']
    if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`)
    let target: unknown = root
    for (const part of ref.slice(2).split('/')) {
      target = (target as Record<string, unknown> | undefined)?.[part]
    }
    if (target === undefined) throw new Error(`unresolved reference ${ref}`)
    errors.push(...sub(value, target))
  }
  const type = schema['type']
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string]
    if (!types.some((t) => matchesType(value, t))) {
      fail(`expected ${types.join(' or ')}, got ${typeOf(value)}`)
      return errors
    }
  }
  if ('const' in schema && !deepEqual(value, schema['const'])) {
    fail(`expected ${JSON.stringify(schema['const'])}`)
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => deepEqual(e, value))) {
    fail(`expected one of ${JSON.stringify(schema['enum'])}`)
  }
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && [...value].length < schema['minLength']) {
      fail(`shorter than ${schema['minLength']}`)
    }
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
      fail(`does not match ${schema['pattern']}`)
    }
  }
  if (
    typeof value === 'number' &&
    typeof schema['minimum'] === 'number' &&
    value < schema['minimum']
  ) {
    fail(`less than ${schema['minimum']}`)
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) {
      fail(`fewer than ${schema['minItems']} items`)
    }
    if (schema['items'] !== undefined) {
      value.forEach((item, i) => errors.push(...sub(item, schema['items'], pointer(path, i))))
    }
    if (schema['contains'] !== undefined) {
      if (!value.some((item) => sub(item, schema['contains']).length === 0)) {
        fail('no item matches "contains"')
      }
    }
  }
  if (typeOf(value) === 'object') {
    const record = value as Record<string, unknown>
    for (const key of (schema['required'] as string[] | undefined) ?? []) {
      if (!Object.hasOwn(record, key)) fail(`missing required property "${key}"`)
    }
    const properties = (schema['properties'] ?? {}) as Record<string, unknown>
    for (const [key, child] of Object.entries(record)) {
      if (Object.hasOwn(properties, key)) {
        errors.push(...sub(child, properties[key], pointer(path, key)))
      } else if (schema['additionalProperties'] !== undefined) {
        const extra = sub(child, schema['additionalProperties'], pointer(path, key))
        if (schema['additionalProperties'] === false) fail(`unexpected property "${key}"`)
        else errors.push(...extra)
      }
    }
  }
  if (Array.isArray(schema['allOf'])) {
    for (const s of schema['allOf']) errors.push(...sub(value, s))
  }
  if (Array.isArray(schema['anyOf'])) {
    const results = schema['anyOf'].map((s) => sub(value, s))
    if (!results.some((r) => r.length === 0)) {
      fail(`matches none of anyOf: ${closest(results)}`)
    }
  }
  if (Array.isArray(schema['oneOf'])) {
    const results = schema['oneOf'].map((s) => sub(value, s))
    const passing = results.filter((r) => r.length === 0).length
    if (passing === 0) fail(`matches none of oneOf: ${closest(results)}`)
    else if (passing > 1) fail(`matches ${passing} branches of oneOf, expected exactly one`)
  }
  if (schema['not'] !== undefined && sub(value, schema['not']).length === 0) {
    fail('matches a schema it must not match')
  }
  return errors
}

/** The errors of the branch that came closest, to make a failure readable. */
function closest(results: readonly SchemaError[][]): string {
  const best = [...results].sort((a, b) => a.length - b.length)[0] ?? []
  return best.map((e) => `${e.path || '/'}: ${e.message}`).join('; ')
}
