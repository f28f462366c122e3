/**
 * W3C export from one library and import into another: two analysts exchanging their work.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src/shared/domain/annotation'
import { articleText } from '../../../src/shared/domain/article'
import { textFile } from '../../support/core'
import { libraryState, openFixture, seed, type Fixture, type Seeded } from './fixture'

const EMOJI = `Harbour Notes 🚢

The 🚢 harbour master said 𝟏𝟐 cranes were idle on Friday, according to the port log.

Unions disputed the figure.`

/** What must survive an exchange: the passage and everything the analyst recorded. */
function exchanged(a: Annotation) {
  return {
    id: a.id,
    articleId: a.articleId,
    start: a.target.position.start,
    end: a.target.position.end,
    quote: a.target.quote,
    kind: a.kind,
    tags: a.tags,
    note: a.note,
    claim: a.claim,
  }
}

/** The page notes an export of fixture A carries: the grain and port articles' own tags. */
const PAGE_NOTES = 2

async function annotationsOf(fx: Fixture): Promise<ReturnType<typeof exchanged>[]> {
  const all: ReturnType<typeof exchanged>[] = []
  for (const entry of fx.core.store.listArticles()) {
    const file = await fx.core.store.readArticle(entry.id)
    all.push(...file.annotations.map(exchanged))
  }
  return all.sort((x, y) => (x.articleId + x.id < y.articleId + y.id ? -1 : 1))
}

describe('W3C annotation exchange between two libraries', () => {
  let a: Fixture
  let b: Fixture
  let seeded: Seeded
  let emojiId: string

  beforeEach(async () => {
    a = await openFixture()
    b = await openFixture()
    for (const fx of [a, b]) {
      const report = await fx.core.value('import:files', { files: [textFile('emoji.txt', EMOJI)] })
      const outcome = report.outcomes[0]!
      if (outcome.status !== 'imported') throw new Error('emoji article not imported')
      emojiId = outcome.id
    }
    seeded = await seed(a)
    await a.core.value('claim:update', {
      articleId: a.ids.grain,
      annotationId: seeded.c1.id,
      patch: {
        statement: 'Grain corridor talks will resume',
        claimant: 'Anna Petrova, ministry spokeswoman',
        attributedVia: 'Ministry press office',
        claimDate: '2024-03',
        status: 'corroborated',
        confidence: 'high',
      },
    })
    const idle = await a.annotate(emojiId, '𝟏𝟐 cranes were idle', {
      kind: 'claim',
      tags: ['figure', 'topic/ports'],
      note: 'Line 1\nLine 2 "quoted", with comma',
    })
    await a.core.value('claim:update', {
      articleId: emojiId,
      annotationId: idle.id,
      patch: { status: 'disputed', claimant: 'harbour master' },
    })
  })

  afterEach(async () => {
    await a.close()
    await b.close()
  })

  async function exportAll(fx: Fixture): Promise<string> {
    const ids = fx.core.store.listArticles().map((e) => e.id)
    return (await fx.core.value('export:preview', { articleIds: ids, format: 'w3c' })).text
  }

  it('gives library B the same annotations at the same spans', async () => {
    const data = await exportAll(a)
    const report = await b.core.value('annotation:importW3c', { data })
    expect(report).toMatchObject({
      total: 5 + PAGE_NOTES,
      imported: 5 + PAGE_NOTES,
      placed: 5 + PAGE_NOTES,
      drifted: 0,
      orphaned: 0,
      refused: 0,
      duplicates: 0,
      invalid: 0,
      itemsLeftOff: 0,
      articleIds: expect.arrayContaining([a.ids.grain, a.ids.port, a.ids.cars, emojiId]),
    })
    expect(report.items.map((i) => [i.index, i.outcome, i.reason])).toEqual(
      [0, 1, 2, 3, 4, 5, 6].map((i) => [
        i,
        'placed',
        expect.stringMatching(/^matched by its web address|^matched by its text/),
      ]),
    )
    expect(await annotationsOf(b)).toEqual(await annotationsOf(a))
    // The articles' own tags came along, as page notes.
    for (const id of [a.ids.grain, a.ids.port]) {
      expect((await b.core.store.readArticle(id)).tags).toEqual(
        (await a.core.store.readArticle(id)).tags,
      )
    }

    // The passages anchor, and B's tags are in its codebook.
    const { annotations } = await b.core.value('article:get', { id: emojiId })
    expect(annotations.map((x) => x.anchor.status)).toEqual(['anchored'])
    const { article } = await b.core.value('article:get', { id: emojiId })
    const [one] = annotations
    expect(articleText(article.blocks).slice(one!.anchor.start!, one!.anchor.end!)).toBe(
      '𝟏𝟐 cranes were idle',
    )
    const tags = (await b.core.value('codebook:list', {})).map((t) => t.name)
    expect(tags).toEqual(expect.arrayContaining(['figure', 'topic/ports', 'entity/company/BMW']))

    // B's own export now equals A's, byte for byte but for the time it was made.
    const untimed = (text: string) => text.replace(/"generated": "[^"]*"/, '')
    expect(untimed(await exportAll(b))).toBe(untimed(data))
  })

  it('matches by the text’s hash when the address is another one, and brings the article’s note once', async () => {
    await a.core.value('article:update', {
      id: a.ids.grain,
      patch: { note: 'Checked against the **ministry** bulletin.' },
    })
    const doc = JSON.parse(await exportAll(a))
    // Another copy of the same text, saved from a mirror.
    for (const item of doc.first.items as { target: { id?: string; source?: { id: string } } }[]) {
      // A passage's target names its article in `source`; an article note's target is the article.
      const article = item.target.source ?? (item.target as { id: string })
      if (article.id.startsWith('https://')) {
        article.id = 'https://mirror.example/copy'
      }
    }
    const data = JSON.stringify(doc)
    const report = await b.core.value('annotation:importW3c', { data })
    expect(report).toMatchObject({ imported: 5 + PAGE_NOTES, refused: 0, orphaned: 0 })
    expect(report.items.every((i) => i.reason.startsWith('matched by its text'))).toBe(true)
    expect(await annotationsOf(b)).toEqual(await annotationsOf(a))
    const note = async (fx: Fixture) => (await fx.core.store.readArticle(a.ids.grain)).note
    expect(await note(b)).toBe(await note(a))
    const again = await b.core.value('annotation:importW3c', { data })
    expect(again).toMatchObject({ imported: 0, duplicates: 5 + PAGE_NOTES })
    expect(await note(b)).toBe('Checked against the **ministry** bulletin.')
  })

  it('keeps cross-article claim links working', async () => {
    await b.core.value('annotation:importW3c', { data: await exportAll(a) })
    const { links } = await b.core.value('article:get', { id: a.ids.grain })
    expect(links[seeded.c1.id]?.incoming).toEqual([
      expect.objectContaining({
        relation: 'supports',
        annotationId: seeded.c2.id,
        articleId: a.ids.port,
      }),
    ])
  })

  it('skips what the library already has when the same file is imported twice', async () => {
    const data = await exportAll(a)
    await b.core.value('annotation:importW3c', { data })
    const before = await libraryState(b.core)
    const again = await b.core.value('annotation:importW3c', { data })
    expect(again).toMatchObject({
      imported: 0,
      duplicates: 5 + PAGE_NOTES,
      refused: 0,
      articleIds: [],
    })
    expect(await libraryState(b.core)).toEqual(before)
  })

  it('gives new ids when B already uses them, and links follow', async () => {
    const data = await exportAll(a)
    // B's own, different annotation on the grain article under c1's id.
    await b.core.store.mutateArticle(a.ids.grain, (draft) => {
      draft.annotations.push({ ...seeded.h1, id: seeded.c1.id, note: 'B wrote this' })
    })
    const report = await b.core.value('annotation:importW3c', { data })
    expect(report.imported).toBe(5 + PAGE_NOTES)
    const grain = await b.core.store.readArticle(a.ids.grain)
    const imported = grain.annotations.find(
      (x) => x.kind === 'claim' && x.claim?.statement === 'Grain corridor talks will resume',
    )!
    expect(imported.id).not.toBe(seeded.c1.id)
    const port = await b.core.store.readArticle(a.ids.port)
    expect(port.annotations.find((x) => x.id === seeded.c2.id)?.claim?.links).toEqual([
      { relation: 'supports', articleId: a.ids.grain, annotationId: imported.id },
    ])
  })

  it('finds the article by its quote when the source is unknown, and reports what it cannot place', async () => {
    const doc = JSON.parse(await exportAll(a))
    // Passages only: a page note has no quote to search by.
    doc.first.items = doc.first.items.filter((i: { target: object }) => 'selector' in i.target)
    const items = doc.first.items as { target: { source: unknown } }[]
    for (const item of items) item.target.source = 'https://elsewhere.example/copy'
    // One annotation on a text library B does not have.
    items.push({
      ...structuredClone(items[0]!),
      id: 'urn:workbench:annotation:orphan',
      target: {
        type: 'SpecificResource',
        source: 'urn:workbench:article:0000',
        selector: [{ type: 'TextQuoteSelector', exact: 'a sentence no article contains anywhere' }],
      },
    } as never)
    const report = await b.core.value('annotation:importW3c', { data: JSON.stringify(doc) })
    expect(report).toMatchObject({ imported: 5, placed: 5, refused: 1, invalid: 0 })
    expect(report.items[0]).toEqual({
      index: 5,
      outcome: 'refused',
      articleId: null,
      articleTitle: null,
      quote: 'a sentence no article contains anywhere',
      reason: 'its source names no article here, and its passage is in none',
    })
    expect(await annotationsOf(b)).toEqual(await annotationsOf(a))
  })

  it('undoes an import in one step', async () => {
    const before = await libraryState(b.core)
    await b.core.value('annotation:importW3c', { data: await exportAll(a) })
    expect(await b.core.value('history:state', {})).toMatchObject({
      undo: `Import ${5 + PAGE_NOTES} annotations`,
    })
    await b.core.value('history:undo', {})
    expect(((await libraryState(b.core)) as { articles: unknown }).articles).toEqual(
      (before as { articles: unknown }).articles,
    )
  })

  it('adds a claim status B does not have to its list', async () => {
    const doc = JSON.parse(await exportAll(a))
    for (const item of doc.first.items as { body?: Record<string, unknown>[] }[]) {
      for (const body of item.body ?? []) {
        const type = body['type']
        if (Array.isArray(type) && type.includes('wb:Claim')) body['status'] = 'Needs second source'
      }
    }
    await b.core.value('annotation:importW3c', { data: JSON.stringify(doc) })
    const settings = await b.core.value('settings:get', {})
    expect(settings.claimStatuses.at(-1)).toBe('Needs second source')
    expect(settings.claimStatuses.filter((s) => s === 'Needs second source')).toHaveLength(1)
  })

  it('keeps a claim’s good fields when one is wrong or unknown, and says which', async () => {
    const doc = JSON.parse(await exportAll(a))
    for (const item of doc.first.items as { body?: Record<string, unknown>[] }[]) {
      for (const body of item.body ?? []) {
        const type = body['type']
        if (!Array.isArray(type) || !type.includes('wb:Claim')) continue
        body['claimDate'] = 'last Tuesday'
        body['mood'] = 'grim'
      }
    }
    const report = await b.core.value('annotation:importW3c', { data: JSON.stringify(doc) })
    const claims = report.items.filter((i) => i.reason.includes('claim:'))
    expect(claims.length).toBeGreaterThan(0)
    for (const item of claims) {
      expect(item.reason).toContain(
        'claim: claim date was not valid and was left at its default, unknown claim field "mood" was ignored',
      )
    }
    // The other fields came through: every imported claim keeps its statement and status.
    const imported = await Promise.all(
      claims.map(async (i) => (await b.core.store.readArticle(i.articleId!)).annotations),
    )
    const kept = imported.flat().filter((x) => x.kind === 'claim')
    expect(kept.length).toBeGreaterThan(0)
    for (const x of kept) {
      expect(x.claim?.claimDate).toBeNull()
      expect(x.claim?.status.length).toBeGreaterThan(0)
    }
  })

  it('refuses a document that is not W3C annotations, changing nothing', async () => {
    const before = await libraryState(b.core)
    for (const data of ['not json', '{"type": "Person"}']) {
      const result = await b.core.call('annotation:importW3c', { data })
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    }
    expect(await libraryState(b.core)).toEqual(before)
  })
})
