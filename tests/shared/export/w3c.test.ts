import { readFile } from 'node:fs/promises'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src/shared/domain/annotation'
import { articleText, type Block } from '../../../src/shared/domain/article'
import {
  buildW3cCollection,
  CLAIM_BODY_FORMAT,
  exportW3cAnnotations,
  fromCodePointOffset,
  parseW3cAnnotations,
  toCodePointOffset,
  CLAIM_BODY_TYPE,
  W3C_ANNOTATION_CONTEXT,
  W3cFormatError,
  workbenchContext,
  type W3cClaimBody,
} from '../../../src/shared/export/w3c'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  isOmitted,
  type ClaimFieldName,
} from '../../../src/shared/domain/claim-fields'
import { validateSchema, type JsonSchema } from '../../support/json-schema'
import {
  GENERATED_AT,
  hostileInput,
  makeAnnotation,
  makeArticle,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'
import { expectGolden, exportFixturePath } from './golden'

const schema = JSON.parse(
  await readFile(exportFixturePath('w3c-annotation.schema.json'), 'utf8'),
) as JsonSchema & { $defs: Record<string, { properties: Record<string, unknown> }> }
// A claim body may hold exactly the terms the workbench context declares.
for (const term of Object.keys(workbenchContext())) {
  if (!['wb', 'title', 'assessing'].includes(term))
    schema.$defs['workbenchClaim']!.properties[term] = {}
}

/** The exported document as loose JSON, to break on purpose. */
interface LooseItem {
  [key: string]: unknown
  body: Record<string, unknown>[]
  target?: { selector: Record<string, unknown>[] }
}
interface LooseDoc {
  [key: string]: unknown
  first: { items: LooseItem[] }
}

function expectValid(document: unknown): void {
  const errors = validateSchema(document, schema)
  expect(errors, JSON.stringify(errors, null, 2)).toEqual([])
}

const INPUTS = [
  ['one-article.jsonld', oneArticleInput],
  ['two-articles.jsonld', twoArticlesInput],
  ['hostile-article.jsonld', hostileInput],
] as const

function exportOf(input: (typeof INPUTS)[number][1]): string {
  return exportW3cAnnotations(input.articles, { generatedAt: GENERATED_AT, label: input.title })
}

describe('exportW3cAnnotations golden files', () => {
  it.each(INPUTS)('%s', async (name, input) => {
    await expectGolden(name, exportOf(input))
  })
})

describe('W3C output against the annotation model schema', () => {
  it.each(INPUTS)('%s validates', (_name, input) => {
    expectValid(JSON.parse(exportOf(input)))
  })

  it('validates an empty collection', () => {
    const empty = JSON.parse(exportW3cAnnotations([], { generatedAt: GENERATED_AT }))
    expectValid(empty)
    expect(empty).toMatchObject({ type: 'AnnotationCollection', total: 0 })
    expect(empty.first).toBeUndefined()
  })

  it('validates every item on its own, given the context', () => {
    const collection = buildW3cCollection(twoArticlesInput.articles, { generatedAt: GENERATED_AT })
    for (const item of collection.first!.items) {
      expectValid({ '@context': collection['@context'], ...item })
    }
  })

  it('validates annotations on arbitrary text', () => {
    const annotationArb = fc.record({
      id: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._:/ -]{0,20}$/),
      exact: fc.string({ minLength: 1, maxLength: 20 }),
      start: fc.nat(10_000),
      tags: fc.array(fc.string({ minLength: 1, maxLength: 10 }), { maxLength: 3 }),
      note: fc.string({ maxLength: 30 }),
      claim: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(annotationArb, { maxLength: 5 }), (specs) => {
        const annotations = specs.map((s, i) =>
          makeAnnotation({
            id: `${s.id}-${i}`,
            articleId: 'a',
            exact: s.exact,
            start: s.start,
            tags: s.tags,
            note: s.note,
            ...(s.claim
              ? {
                  claim: {
                    statement: s.note,
                    claimant: s.exact,
                    claimantType: null,
                    attributedVia: '',
                    claimDate: null,
                    status: 'opinion',
                    confidence: 'low' as const,
                    links: [],
                  },
                }
              : {}),
          }),
        )
        const doc = JSON.parse(
          exportW3cAnnotations([{ article: makeArticle({ id: 'a', title: 'A' }), annotations }], {
            generatedAt: GENERATED_AT,
          }),
        )
        expect(validateSchema(doc, schema)).toEqual([])
      }),
      { numRuns: 50 },
    )
  })

  // A validator that accepts everything would prove nothing.
  it.each([
    ['no @context', (d: LooseDoc) => delete d['@context']],
    ['another context only', (d: LooseDoc) => (d['@context'] = 'https://schema.org')],
    ['an id that is not an IRI', (d: LooseDoc) => (d.first.items[0]!.id = 'not an iri')],
    ['a wrong annotation type', (d: LooseDoc) => (d.first.items[0]!.type = 'Note')],
    ['no target', (d: LooseDoc) => delete d.first.items[0]!.target],
    ['an unknown purpose', (d: LooseDoc) => (d.first.items[0]!.body[0]!.purpose = 'liking')],
    ['a body without value', (d: LooseDoc) => delete d.first.items[0]!.body[0]!.value],
    ['an undeclared property', (d: LooseDoc) => (d.first.items[0]!.claimant = 'x')],
    [
      'a claim property the context does not declare',
      (d: LooseDoc) => (d.first.items[1]!.body[3]!['verdict'] = 'x'),
    ],
    ['a claim body of another type', (d: LooseDoc) => (d.first.items[1]!.body[3]!.type = 'Claim')],
    ['a negative position', (d: LooseDoc) => (d.first.items[0]!.target!.selector[1]!.start = -1)],
    ['an empty quote', (d: LooseDoc) => (d.first.items[0]!.target!.selector[0]!.exact = '')],
    ['a local time', (d: LooseDoc) => (d.first.items[0]!.created = '2025-03-02T10:00:00')],
  ])('the schema rejects %s', (_label, mutate) => {
    const doc = JSON.parse(exportOf(oneArticleInput)) as LooseDoc
    mutate(doc)
    expect(validateSchema(doc, schema)).not.toEqual([])
  })
})

describe('exportW3cAnnotations', () => {
  it('maps an annotation to ids, a target with both selectors and bodies', () => {
    const collection = buildW3cCollection(oneArticleInput.articles, { generatedAt: GENERATED_AT })
    const items = collection.first!.items
    expect(items.map((i) => i.id)).toEqual([
      'urn:workbench:annotation:ann-hl-1',
      'urn:workbench:annotation:ann-claim-1',
      'urn:workbench:annotation:ann-hl-2',
      // The article's own tags (it has no note), after its passages.
      'urn:workbench:article-note:art-bmw',
    ])
    const claim = items[1]!
    expect(claim.motivation).toBe('assessing')
    expect(claim.target).toEqual({
      type: 'SpecificResource',
      // The article's address is the source, as other tools expect; the hash stays as `canonical`.
      source: {
        id: 'https://socialbites.ca/economy/bmw-avtotor.html',
        type: 'Text',
        title: oneArticleInput.articles[0]!.article.title,
        canonical: 'urn:workbench:article:hash-art-bmw',
      },
      selector: [
        {
          type: 'TextQuoteSelector',
          exact: 'We have not received any notification about ending the business with Avtotor',
        },
        { type: 'TextPositionSelector', start: 402, end: 478 },
      ],
    })
    expect(claim.body?.map((b) => [b.type, b.purpose, b['format'] ?? null])).toEqual([
      ['TextualBody', 'tagging', null],
      ['TextualBody', 'tagging', null],
      ['TextualBody', 'commenting', 'text/markdown'],
      [['TextualBody', CLAIM_BODY_TYPE], 'describing', 'text/plain'],
    ])
    // The claim's fields are properties of its body, under their declared names; unset ones left out.
    const { type: _t, purpose: _p, value, format: _f, ...fields } = claim.body![3] as W3cClaimBody
    // The claim in words, for tools that read only textual bodies.
    expect(value).toContain('Claimant: Ilya Baryshev')
    const stored = oneArticleInput.articles[0]!.annotations.find(
      (a) => a.id === 'ann-claim-1',
    )!.claim!
    expect(fields).toEqual(
      Object.fromEntries(
        CLAIM_FIELD_NAMES.filter((n) => stored[n] !== null).map((n) => [
          CLAIM_FIELDS[n].w3c,
          stored[n],
        ]),
      ),
    )
  })

  it('names the analyst as every annotation’s creator when given, and no one otherwise', () => {
    const withCreator = buildW3cCollection(twoArticlesInput.articles, {
      generatedAt: GENERATED_AT,
      creator: { name: ' Ada Analyst ', url: 'https://example.org/ada' },
    })
    const items = withCreator.first!.items
    expect(items.length).toBeGreaterThan(3)
    for (const item of items) {
      expect(item.creator).toEqual({
        type: 'Person',
        name: 'Ada Analyst',
        homepage: 'https://example.org/ada',
      })
      expect(item.created).toMatch(/Z$/u)
      expect(item.modified).toMatch(/Z$/u)
    }
    expectValid(withCreator)
    // An address that is not a web page is left out; a blank name means no creator.
    const noPage = buildW3cCollection(twoArticlesInput.articles, {
      generatedAt: GENERATED_AT,
      creator: { name: 'Ada', url: 'javascript:alert(1)' },
    })
    expect(noPage.first!.items[0]!.creator).toEqual({ type: 'Person', name: 'Ada' })
    const blank = buildW3cCollection(twoArticlesInput.articles, {
      generatedAt: GENERATED_AT,
      creator: { name: '  ' },
    })
    expect(blank.first!.items.some((i) => 'creator' in i)).toBe(false)
    const none = buildW3cCollection(twoArticlesInput.articles, { generatedAt: GENERATED_AT })
    expect(none.first!.items.some((i) => 'creator' in i)).toBe(false)
  })

  it('exports the article’s note and tags as a page note on the whole article', () => {
    const article = makeArticle({ id: 'n', title: 'N', tags: ['topic/ports'], url: null })
    const doc = buildW3cCollection(
      [{ article, articleNote: '  Read **twice**.\n', annotations: [] }],
      { generatedAt: GENERATED_AT },
    )
    expect(doc.first!.items).toEqual([
      {
        id: 'urn:workbench:article-note:n',
        type: 'Annotation',
        motivation: 'commenting',
        created: article.importedAt,
        modified: article.importedAt,
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'topic/ports' },
          {
            type: 'TextualBody',
            purpose: 'commenting',
            value: 'Read **twice**.',
            format: 'text/markdown',
          },
        ],
        target: { id: 'urn:workbench:article:hash-n', type: 'Text', title: 'N' },
      },
    ])
    expectValid(doc)
    const [parsed] = parseW3cAnnotations(JSON.stringify(doc)).annotations
    expect(parsed).toMatchObject({
      pageNote: true,
      note: 'Read **twice**.',
      tags: ['topic/ports'],
      contentHash: 'hash-n',
    })
    // Tags only: a tagging page note. Neither: none.
    const tagsOnly = buildW3cCollection([{ article, annotations: [] }], {
      generatedAt: GENERATED_AT,
    })
    expect(tagsOnly.first!.items[0]!.motivation).toBe('tagging')
    const bare = buildW3cCollection(
      [{ article: { ...article, tags: [] }, articleNote: ' ', annotations: [] }],
      { generatedAt: GENERATED_AT },
    )
    expect(bare.total).toBe(0)
  })

  it('declares every claim body property in the inline context, so JSON-LD keeps it offline', () => {
    const doc = buildW3cCollection(oneArticleInput.articles, { generatedAt: GENERATED_AT })
    const [anno, context] = doc['@context']
    expect(anno).toBe(W3C_ANNOTATION_CONTEXT)
    // Only IRIs and the JSON-LD keywords: nothing to fetch.
    expect(JSON.stringify(context)).not.toMatch(/https?:/u)
    const terms = context as Record<string, unknown>
    expect(terms['wb']).toBe('urn:workbench:ns:')
    for (const name of CLAIM_FIELD_NAMES) {
      const key = CLAIM_FIELDS[name].w3c
      if (isOmitted(key)) continue
      const definition = terms[key]
      expect(
        typeof definition === 'string' ? definition : (definition as { '@id': string })['@id'],
      ).toBe(`wb:${key}`)
    }
    const claimBodies = doc
      .first!.items.flatMap((i) => i.body ?? [])
      .filter((b): b is W3cClaimBody => Array.isArray(b.type) && b.type.includes(CLAIM_BODY_TYPE))
    expect(claimBodies).toHaveLength(1)
    const used = claimBodies.flatMap((b) => [
      ...Object.keys(b),
      ...((b['links'] as Record<string, unknown>[] | undefined) ?? []).flatMap(Object.keys),
    ])
    for (const key of used) {
      // The textual body's own properties, which the model's context declares.
      if (['type', 'purpose', 'value', 'format'].includes(key)) continue
      expect(Object.hasOwn(terms, key), key).toBe(true)
    }
  })

  it('may leave out a field with no value: every field that can be null starts as null', () => {
    for (const name of CLAIM_FIELD_NAMES) {
      const field = CLAIM_FIELDS[name] as (typeof CLAIM_FIELDS)[ClaimFieldName]
      if (field.stored.safeParse(null).success) {
        expect(field.initial('', { claimStatuses: ['x'] }), name).toBeNull()
      }
    }
  })

  it('documents the context it writes (docs/formats.md)', async () => {
    const doc = await readFile(new URL('../../../docs/formats.md', import.meta.url), 'utf8')
    const block = /### The workbench extension context[\s\S]*?```json\n([\s\S]*?)```/u.exec(doc)
    expect(JSON.parse(block![1]!)).toEqual([W3C_ANNOTATION_CONTEXT, workbenchContext()])
  })

  it('percent-encodes ids that are not IRI-safe', () => {
    const doc = buildW3cCollection(hostileInput.articles, { generatedAt: GENERATED_AT })
    expect(doc.first!.items[0]!.id).toBe('urn:workbench:annotation:ann%3Ahostile%2F1')
  })

  it('is deterministic', () => {
    expect(exportOf(twoArticlesInput)).toBe(exportOf(twoArticlesInput))
  })

  it('counts positions in code points when it has the text', () => {
    const blocks: Block[] = [{ type: 'paragraph', text: '😀 Emoji 𝒳 first, then the quote here.' }]
    const text = articleText(blocks)
    const start = text.indexOf('the quote')
    const annotation = makeAnnotation({ id: 'e', articleId: 'e', exact: 'the quote', start })
    const doc = buildW3cCollection(
      [{ article: { ...makeArticle({ id: 'e', title: 'E' }), blocks }, annotations: [annotation] }],
      { generatedAt: GENERATED_AT },
    )
    const target = doc.first!.items[0]!.target
    const position = 'selector' in target ? target.selector[1] : null
    if (position === null) throw new Error('expected a passage target')
    expect(position).toEqual({ type: 'TextPositionSelector', start: start - 2, end: start - 2 + 9 })
    expect([...text].slice(position.start, position.end).join('')).toBe('the quote')
    expect(fromCodePointOffset(text, position.start)).toBe(start)
  })
})

describe('code point offsets', () => {
  it('convert both ways on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), fc.nat(), (text, n) => {
        const points = [...text]
        const k = n % (points.length + 1)
        const utf16 = points.slice(0, k).join('').length
        expect(toCodePointOffset(text, utf16)).toBe(k)
        expect(fromCodePointOffset(text, k)).toBe(utf16)
      }),
    )
    expect(fromCodePointOffset('ab', 3)).toBeNull()
    expect(fromCodePointOffset('😀', 2)).toBeNull()
  })
})

describe('parseW3cAnnotations', () => {
  function contentOf(a: Annotation) {
    return {
      localId: a.id,
      contentHash: a.target.contentHash,
      quote: {
        exact: a.target.quote.exact,
        prefix: a.target.quote.prefix,
        suffix: a.target.quote.suffix,
      },
      position: { start: a.target.position.start, end: a.target.position.end },
      range: null,
      pageNote: false,
      kind: a.kind,
      tags: a.tags,
      note: a.note,
      claim: a.claim,
      claimProblems: [],
      created: a.createdAt,
      modified: a.updatedAt,
    }
  }

  /** What the parser gives for an article's own note and tags: a page note after its passages. */
  function pageNoteOf(entry: (typeof INPUTS)[number][1]['articles'][number]) {
    const note = entry.articleNote?.trim() ?? ''
    if (note.length === 0 && entry.article.tags.length === 0) return []
    const times = [entry.article.importedAt, ...entry.annotations.map((a) => a.updatedAt)].sort()
    return [
      {
        localId: null,
        contentHash: entry.article.contentHash,
        quote: null,
        position: null,
        range: null,
        pageNote: true,
        kind: 'highlight',
        tags: entry.article.tags,
        note,
        claim: null,
        claimProblems: [],
        created: entry.article.importedAt,
        modified: times[times.length - 1],
      },
    ]
  }

  it.each(INPUTS)('reads back what %s exported', (_name, input) => {
    const { annotations, invalid } = parseW3cAnnotations(exportOf(input))
    expect(invalid).toBe(0)
    const expected = input.articles.flatMap((a) => [
      ...[...a.annotations]
        .sort((x, y) => x.target.position.start - y.target.position.start)
        .map(contentOf),
      ...pageNoteOf(a),
    ])
    expect(annotations.map(({ source: _s, article: _a, index: _i, ...rest }) => rest)).toEqual(
      expected,
    )
    // Each carries its article's title and address, and its place in the document.
    expect(annotations.map((a) => a.index)).toEqual(annotations.map((_a, i) => i))
    const articles = input.articles.flatMap((a) =>
      [...a.annotations, ...pageNoteOf(a)].map(() => ({
        title: a.article.title,
        // Only web pages are passed on (the hostile article's is `javascript:`).
        url: a.article.url?.startsWith('https://') ? a.article.url : null,
      })),
    )
    expect(annotations.map((a) => a.article)).toEqual(articles)
  })

  it('reads the content hash from `canonical` when the source is the web address', () => {
    const [parsed] = parseW3cAnnotations(exportOf(oneArticleInput)).annotations
    expect(parsed).toMatchObject({
      source: 'https://socialbites.ca/economy/bmw-avtotor.html',
      contentHash: 'hash-art-bmw',
      article: { url: 'https://socialbites.ca/economy/bmw-avtotor.html' },
    })
  })

  it('still reads a claim written before the extension, as JSON in a text body', () => {
    const old = {
      type: 'Annotation',
      motivation: 'assessing',
      body: {
        type: 'TextualBody',
        purpose: 'describing',
        format: CLAIM_BODY_FORMAT,
        value: JSON.stringify({
          statement: 'Exports doubled',
          claimant: 'The ministry',
          status: 'disputed',
          confidence: 'high',
          links: [{ relation: 'supports', articleId: 'a', annotationId: 'b' }],
        }),
      },
      target,
    }
    expect(parseW3cAnnotations(JSON.stringify(old)).annotations[0]!.claim).toMatchObject({
      statement: 'Exports doubled',
      claimant: 'The ministry',
      claimantType: null,
      status: 'disputed',
      confidence: 'high',
      links: [{ relation: 'supports', articleId: 'a', annotationId: 'b' }],
    })
  })

  it('reads a claim body by its full type too, keeping the fields it can use', () => {
    const expanded = {
      type: 'Annotation',
      body: {
        type: 'urn:workbench:ns:Claim',
        purpose: 'describing',
        statement: 'Exports doubled',
        confidence: 'extreme',
      },
      target,
    }
    expect(parseW3cAnnotations(JSON.stringify(expanded)).annotations[0]).toMatchObject({
      kind: 'claim',
      claim: { statement: 'Exports doubled', confidence: 'medium' },
    })
  })

  it('reads the article a target names: title and address of the source, or the source itself', () => {
    const withSelector = (source: unknown, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        type: 'Annotation',
        target: { source, selector: target.selector, ...extra },
      })
    const read = (text: string) => parseW3cAnnotations(text).annotations[0]!.article
    expect(
      read(
        withSelector({
          id: 'urn:workbench:article:h',
          type: 'Text',
          title: '  BMW   keeps ties ',
          via: 'https://example.org/story',
        }),
      ),
    ).toEqual({ title: 'BMW keeps ties', url: 'https://example.org/story' })
    expect(read(withSelector({ id: 'urn:x', canonical: ['https://example.org/a'] }))).toEqual({
      title: null,
      url: 'https://example.org/a',
    })
    expect(read(withSelector('https://example.org/story'))).toEqual({
      title: null,
      url: 'https://example.org/story',
    })
    expect(read(withSelector('urn:x:1', { scope: 'https://example.org/page' }))).toEqual({
      title: null,
      url: 'https://example.org/page',
    })
    // Not web addresses, or not text: nothing to match by.
    expect(read(withSelector({ id: 'urn:x', via: 'javascript:alert(1)', title: 42 }))).toEqual({
      title: null,
      url: null,
    })
  })

  const target = {
    source: 'https://example.org/story',
    selector: [{ type: 'TextQuoteSelector', exact: 'quoted words', prefix: 'some ' }],
  }

  it('reads a single annotation, a page and a plain array', () => {
    const one = { '@context': W3C_ANNOTATION_CONTEXT, id: 'urn:x:1', type: 'Annotation', target }
    expect(parseW3cAnnotations(JSON.stringify(one)).annotations).toHaveLength(1)
    const page = { type: 'AnnotationPage', items: [one, one] }
    expect(parseW3cAnnotations(JSON.stringify(page)).annotations).toHaveLength(2)
    expect(parseW3cAnnotations(JSON.stringify([one])).annotations[0]).toMatchObject({
      localId: null,
      source: 'https://example.org/story',
      contentHash: null,
      quote: { exact: 'quoted words', prefix: 'some ', suffix: '' },
      position: null,
      kind: 'highlight',
    })
  })

  it('reads annotations from other tools: target arrays, untyped tag bodies, plain comments', () => {
    const other = {
      type: 'Annotation',
      motivation: ['tagging', 'commenting'],
      body: [
        { type: 'TextualBody', value: 'topic/ports' },
        { type: 'TextualBody', purpose: 'commenting', value: 'Worth a follow-up' },
        'https://example.org/external-body',
      ],
      target: [
        'https://example.org/story',
        { source: { id: 'https://example.org/story' }, selector: target.selector },
      ],
    }
    const [parsed] = parseW3cAnnotations(JSON.stringify(other)).annotations
    expect(parsed).toMatchObject({
      tags: ['topic/ports'],
      // A body given only by its address is kept as a link line of the note.
      note: 'Worth a follow-up\n\n<https://example.org/external-body>',
      source: 'https://example.org/story',
      kind: 'highlight',
    })
    const assessing = { ...other, motivation: 'assessing', body: undefined }
    expect(parseW3cAnnotations(JSON.stringify(assessing)).annotations[0]).toMatchObject({
      kind: 'claim',
      claim: null,
    })
  })

  it('counts items it cannot use as invalid and keeps the rest', () => {
    const good = { type: 'Annotation', target }
    const result = parseW3cAnnotations(
      JSON.stringify([
        good,
        { type: 'Annotation', target: 'https://example.org/no-selector' },
        { type: 'Note', target },
        {
          type: 'Annotation',
          target: { source: 'x', selector: { type: 'TextPositionSelector', start: 5, end: 2 } },
        },
        {
          type: 'Annotation',
          body: { type: 'TextualBody', purpose: 'tagging', value: 'x'.repeat(300) },
          target,
        },
        42,
      ]),
    )
    expect(result).toMatchObject({ invalid: 5 })
    expect(result.annotations).toHaveLength(1)
  })

  it('keeps a claim whose fields are unreadable, with no fields', () => {
    const bad = {
      type: 'Annotation',
      body: {
        type: 'TextualBody',
        purpose: 'describing',
        format: CLAIM_BODY_FORMAT,
        value: '{"statement": 3',
      },
      target,
    }
    expect(parseW3cAnnotations(JSON.stringify(bad)).annotations[0]).toMatchObject({
      kind: 'claim',
      claim: null,
    })
  })

  it.each([
    ['text that is not JSON', 'not json'],
    ['a number', '42'],
    ['an object of another type', '{"type": "Person"}'],
    [
      'a collection whose pages are only IRIs',
      '{"type": "AnnotationCollection", "first": "https://x/page1"}',
    ],
  ])('refuses %s', (_label, text) => {
    expect(() => parseW3cAnnotations(text)).toThrow(W3cFormatError)
  })

  it('ignores a byte order mark', () => {
    const doc = `\uFEFF${exportOf(oneArticleInput)}`
    expect(parseW3cAnnotations(doc).annotations).toEqual(
      parseW3cAnnotations(exportOf(oneArticleInput)).annotations,
    )
    expect(parseW3cAnnotations(doc).annotations).toHaveLength(4)
  })
})
