/**
 * Our W3C export against the official Web Annotation test suite's schemas.
 *
 * The suite (tests/fixtures/w3c-annotation-suite) states each check of the
 * annotation model as a JSON Schema with an `assertionType`: MUST checks are
 * conformance, SHOULD checks are what the model recommends, MAY checks are
 * features. Every annotation we export must pass every MUST and every SHOULD
 * (a SHOULD we choose not to meet would be listed here with its reason).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { exportW3cAnnotations } from '../../../src/shared/export/w3c'
import { hostileInput, oneArticleInput, twoArticlesInput } from './briefing-fixtures'

const SUITE = fileURLToPath(new URL('../../fixtures/w3c-annotation-suite/', import.meta.url))

interface Assertion {
  readonly id: string
  readonly assertionType: 'must' | 'should' | 'may'
  readonly expectedResult: 'valid' | 'invalid'
  readonly title: string
  readonly errorMessage: string
}

function json(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
}

/** Every schema file under a folder of the suite. */
function schemasIn(folder: string): string[] {
  return readdirSync(join(SUITE, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(SUITE, folder, name))
}

const ajv = new Ajv({ allErrors: false, strict: false, validateSchema: false })
addFormats(ajv)
for (const path of schemasIn('definitions')) ajv.addSchema(json(path))
const assertionSchemas = new Map<string, Record<string, unknown>>()
for (const path of schemasIn('annotations')) {
  const schema = json(path)
  assertionSchemas.set(path.slice(SUITE.length), schema)
}

/** The assertions a `.test` file of the suite lists, with their schemas. */
function assertionsOf(testFile: string): { path: string; assertion: Assertion }[] {
  const list = json(join(SUITE, 'annotations', testFile))['assertions'] as string[]
  return list.map((path) => {
    const schema = assertionSchemas.get(path)
    if (schema === undefined) throw new Error(`the suite lists ${path}, which is missing`)
    return { path, assertion: schema as unknown as Assertion }
  })
}

const checks = [
  ...assertionsOf('annotationMusts.test'),
  ...assertionsOf('annotationOptionals.test'),
  ...assertionsOf('annotationsAgentOptionals.test'),
]
const validators = new Map(
  checks.map(({ path }) => [path, ajv.compile({ ...assertionSchemas.get(path)!, id: undefined })]),
)

/** The annotations of an export, as the suite sees them: each standing alone with the context. */
function exportedAnnotations(): { name: string; annotation: Record<string, unknown> }[] {
  const inputs = {
    'one-article': oneArticleInput,
    'two-articles': twoArticlesInput,
    hostile: hostileInput,
  }
  return Object.entries(inputs).flatMap(([name, input]) => {
    const collection = JSON.parse(
      exportW3cAnnotations(input.articles, {
        generatedAt: '2025-03-02T10:00:00.000Z',
        // As the app exports when the analyst's profile has a name and an address.
        creator: { name: 'Maria Keller', url: 'https://desk.example/maria' },
      }),
    ) as { '@context': unknown; first: { items: Record<string, unknown>[] } }
    return collection.first.items.map((item) => ({
      name: `${name} ${String(item['id'])}`,
      annotation: { '@context': collection['@context'], ...item },
    }))
  })
}

/**
 * SHOULD checks our export does not meet, each with the reason.
 *
 * The suite phrases the model's recommendations and its optional features
 * alike as SHOULD checks that fail when a key is absent; those here are
 * features whose object we never write (a FragmentSelector) or facts we do
 * not know. The last test keeps this list honest: an entry that no longer
 * fails must go.
 */
const SHOULD_NOT_MET: ReadonlyMap<string, string> = new Map([
  ['annotations/specificResource/4.2.1-conformsTo.json', 'we write no FragmentSelector'],
  [
    'annotations/3.3.2-annotationCreatorAgentIdImplemented.json',
    'the profile gives a page about the analyst (their homepage), not an IRI that names them',
  ],
  [
    'annotations/3.3.2-annotationCreatorAgentNicknameImplemented.json',
    'an analyst profile has a name, not a nickname',
  ],
  [
    'annotations/3.3.2-annotationGeneratorAgentIdImplemented.json',
    'the export names no generating software yet',
  ],
  [
    'annotations/3.3.2-annotationGeneratorAgentNicknameImplemented.json',
    'the export names no generating software yet',
  ],
  [
    'annotations/3.3.2-annotationGeneratorAgentSingleNameImplemented.json',
    'the export names no generating software yet',
  ],
  [
    'annotations/3.3.2-annotationGeneratorAgentTypeImplemented.json',
    'the export names no generating software yet',
  ],
  [
    'annotations/bodiesTargets/3.2.1-bodySingleFormat.json',
    'a tag body is a bare word, with no media type',
  ],
  [
    'annotations/bodiesTargets/3.2.1-bodySingleLanguage.json',
    'the language of a note or tag is not recorded',
  ],
  [
    'annotations/bodiesTargets/3.2.1-targSingleFormat.json',
    'the target names its article, whose media type the library does not keep',
  ],
  [
    'annotations/bodiesTargets/3.2.1-targSingleLanguage.json',
    'an article’s language is known only for some articles',
  ],
  [
    'annotations/bodiesTargets/3.3.1-bodyCreated.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.1-bodySingleCreator.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-bodyCreatorAgentIdImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-bodyCreatorAgentNicknameImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-bodyCreatorAgentSingleNameImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-bodyCreatorAgentTypeImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.1-targCreated.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.1-targSingleCreator.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-targCreatorAgentIdImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-targCreatorAgentNicknameImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-targCreatorAgentSingleNameImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/bodiesTargets/3.3.2-targCreatorAgentTypeImplemented.json',
    'bodies and targets carry no creator of their own: the annotation’s creator made them',
  ],
  [
    'annotations/specificResource/4.2.4-prefix.json',
    'a quote at the very start of an article has no prefix',
  ],
  [
    'annotations/specificResource/4.2.4-suffix.json',
    'a quote at the very end of an article has no suffix',
  ],
])

/** The paths of the checks of a kind that an annotation fails. */
function failedPaths(
  annotation: Record<string, unknown>,
  kind: Assertion['assertionType'],
): string[] {
  return checks
    .filter(({ assertion }) => assertion.assertionType === kind)
    .filter(({ path, assertion }) => {
      const valid = validators.get(path)!(annotation) === true
      return valid !== (assertion.expectedResult === 'valid')
    })
    .map(({ path }) => path)
}

/** The checks an annotation fails, by kind: a MUST or SHOULD whose schema disagrees with the expected result. */
function failures(annotation: Record<string, unknown>, kind: Assertion['assertionType']): string[] {
  return checks
    .filter(({ assertion }) => assertion.assertionType === kind)
    .filter(({ path, assertion }) => {
      const valid = validators.get(path)!(annotation) === true
      return valid !== (assertion.expectedResult === 'valid')
    })
    .map(({ path, assertion }) => `${path}: ${assertion.errorMessage}`)
}

describe('W3C export against the official Web Annotation test suite', () => {
  it('runs every check the suite lists (54 MUST, the SHOULD and MAY ones besides)', () => {
    const counts = { must: 0, should: 0, may: 0 }
    for (const { assertion } of checks) counts[assertion.assertionType]++
    expect(counts.must).toBe(54)
    expect(counts.should).toBeGreaterThan(20)
  })

  it.each(exportedAnnotations())('$name passes every MUST check', ({ annotation }) => {
    expect(failures(annotation, 'must')).toEqual([])
  })

  it.each(exportedAnnotations())(
    '$name passes every SHOULD check but those listed with a reason',
    ({ annotation }) => {
      expect(
        failures(annotation, 'should').filter((f) => !SHOULD_NOT_MET.has(f.split(':')[0]!)),
      ).toEqual([])
    },
  )

  it('lists only SHOULD checks that some exported annotation really fails', () => {
    const failed = new Set(
      exportedAnnotations().flatMap(({ annotation }) => failedPaths(annotation, 'should')),
    )
    expect([...SHOULD_NOT_MET.keys()].filter((path) => !failed.has(path))).toEqual([])
  })

  it('fails a MUST check on an annotation without a target (the suite can fail)', () => {
    const { annotation } = exportedAnnotations()[0]!
    const { target: _target, ...broken } = annotation
    expect(failures(broken, 'must').length).toBeGreaterThan(0)
  })
})
