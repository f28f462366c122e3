import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibrarySearch } from '../../../src/main/search/library-search'
import { LibraryStore } from '../../../src/main/store/library-store'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, TRUSTED_SENDER, type TestCore } from '../../support/core'

const GRAIN = `Ministry Confirms Grain Corridor Talks

Officials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.

She added that 12 ships were waiting in port.
`

const RUSSIAN = `Министерство обороны сообщило о поставках

Министерство обороны России сообщило о новых поставках зерна, заявил Илья Барышев.

Новогодняя ёлка на площади будет установлена в декабре.
`

function ids(groups: readonly { articleId: string }[]): string[] {
  return groups.map((g) => g.articleId)
}

describe('search:query through dispatch', () => {
  let dir: string
  let core: TestCore
  let grainId: string
  let russianId: string

  beforeEach(async () => {
    dir = await makeTempDir('workbench-search-')
    core = await openTestCore(dir)
    const report = await core.value('import:files', {
      files: [textFile('grain.txt', GRAIN), textFile('ru.txt', RUSSIAN)],
    })
    const [grain, russian] = report.outcomes
    if (grain?.status !== 'imported' || russian?.status !== 'imported') throw new Error('import')
    grainId = grain.id
    russianId = russian.id
  })

  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  async function annotate(
    articleId: string,
    quote: string,
    kind: 'highlight' | 'claim',
    tags: string[],
    note = '',
  ) {
    const article = await core.value('article:get', { id: articleId })
    const text = article.article.blocks.map((b) => b.text).join('\n\n')
    const start = text.indexOf(quote)
    return core.value('annotation:create', {
      articleId,
      start,
      end: start + quote.length,
      kind,
      tags,
      note,
    })
  }

  it('finds imported articles and new annotations, grouped by article with highlights', async () => {
    const claim = await annotate(grainId, 'talks on the grain corridor will resume', 'claim', [
      'topic/agriculture/grain',
    ])
    const result = await core.value('search:query', { query: 'corridor' })
    expect(result.ready).toBe(true)
    expect(result.total).toBe(1)
    const [group] = result.groups
    expect(group).toMatchObject({
      articleId: grainId,
      title: 'Ministry Confirms Grain Corridor Talks',
      hitCount: 2,
    })
    expect(group!.hits.map((h) => [h.kind, h.annotationId ?? null])).toEqual([
      ['article', null],
      ['annotation', claim.id],
    ])
    for (const hit of group!.hits) {
      expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e).toLowerCase())).toContain(
        'corridor',
      )
    }
    const filtered = await core.value('search:query', { query: 'tag:topic/agriculture kind:claim' })
    expect(filtered.groups[0]!.hits.map((h) => h.annotationId)).toEqual([claim.id])
  })

  it('searches Cyrillic with folding of ё', async () => {
    await annotate(russianId, 'Новогодняя ёлка', 'highlight', ['тема/праздник'])
    const result = await core.value('search:query', { query: 'елка' })
    expect(ids(result.groups)).toEqual([russianId])
    expect(result.groups[0]!.hits).toHaveLength(2)
    const hit = result.groups[0]!.hits[0]!
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['ёлка'])
    expect(
      ids((await core.value('search:query', { query: 'министерство -зерна' })).groups),
    ).toEqual([])
    expect(ids((await core.value('search:query', { query: 'tag:тема' })).groups)).toEqual([
      russianId,
    ])
  })

  it('follows annotation, claim and article changes incrementally', async () => {
    const claim = await annotate(grainId, 'talks on the grain corridor will resume', 'claim', [])
    const ref = { articleId: grainId, annotationId: claim.id }
    await core.value('annotation:update', { ...ref, patch: { note: 'Check with Lloyd’s List' } })
    expect(ids((await core.value('search:query', { query: 'lloyd has:note' })).groups)).toEqual([
      grainId,
    ])

    await core.value('claim:update', {
      ...ref,
      patch: { claimant: 'Anna Petrova', status: 'disputed' },
    })
    const byClaimant = await core.value('search:query', {
      query: 'claimant:petrova status:disputed',
    })
    expect(byClaimant.groups[0]!.hits.map((h) => h.annotationId)).toEqual([claim.id])

    await core.value('article:update', {
      id: russianId,
      patch: { status: 'done', tags: ['region/russia'], note: 'Сверить с ТАСС' },
    })
    expect(
      ids((await core.value('search:query', { query: 'tag:region status:done' })).groups),
    ).toEqual([russianId])
    expect(ids((await core.value('search:query', { query: 'тасс' })).groups)).toEqual([russianId])

    await core.value('annotation:delete', ref)
    expect((await core.value('search:query', { query: 'lloyd' })).total).toBe(0)
    expect((await core.value('search:query', { query: 'kind:claim' })).total).toBe(0)
  })

  it('indexes articles imported after the build', async () => {
    await core.search.whenReady()
    await core.value('import:files', {
      files: [
        textFile('late.txt', 'Late Arrival\n\nA freighter named Kaliningrad Star docked late.'),
      ],
    })
    const result = await core.value('search:query', { query: 'kaliningrad' })
    expect(result.ready).toBe(true)
    expect(result.groups.map((g) => g.title)).toEqual(['Late Arrival'])
  })

  it('answers an empty query with nothing', async () => {
    expect(await core.value('search:query', { query: '' })).toEqual({
      ready: true,
      total: 0,
      offset: 0,
      groups: [],
    })
  })

  it('limits the groups and reports the total', async () => {
    const result = await core.value('search:query', { query: 'kind:article', limit: 1 })
    expect(result.total).toBe(2)
    expect(result.groups).toHaveLength(1)
  })

  it('answers the page asked for: groups from offset, the same total', async () => {
    const all = await core.value('search:query', { query: 'kind:article' })
    const second = await core.value('search:query', { query: 'kind:article', offset: 1, limit: 1 })
    expect(second).toMatchObject({ ready: true, total: 2, offset: 1 })
    expect(ids(second.groups)).toEqual([all.groups[1]!.articleId])
    const past = await core.value('search:query', { query: 'kind:article', offset: 2 })
    expect(past).toMatchObject({ total: 2, offset: 2, groups: [] })
    expect(
      await core.dispatch('search:query', { query: 'x', offset: -1 }, TRUSTED_SENDER),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    })
  })

  it('lists every hit of one article through search:hits, a page at a time', async () => {
    const quotes = ['talks', 'grain corridor', 'Anna Petrova', 'ministry spokeswoman', '12 ships']
    const made = []
    for (const quote of quotes) made.push(await annotate(grainId, quote, 'highlight', ['port']))
    const [group] = (await core.value('search:query', { query: 'tag:port' })).groups
    expect(group!.hitCount).toBe(5)
    const all = await core.value('search:hits', { query: 'tag:port', articleId: grainId })
    expect(all.total).toBe(5)
    expect(all.hits.map((h) => h.annotationId)).toEqual(made.map((a) => a.id))
    const page = await core.value('search:hits', {
      query: 'tag:port',
      articleId: grainId,
      offset: 3,
      limit: 1,
    })
    expect(page).toEqual({ total: 5, hits: [all.hits[3]] })
    expect(await core.value('search:hits', { query: 'tag:port', articleId: russianId })).toEqual({
      total: 0,
      hits: [],
    })
  })
})

describe('LibrarySearch', () => {
  let dir: string

  beforeEach(async () => {
    dir = await makeTempDir('workbench-search-build-')
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('builds in the background without holding the event loop, and reports stats', async () => {
    const writer = await openTestCore(dir)
    const files = Array.from({ length: 60 }, (_, i) =>
      textFile(
        `a${i}.txt`,
        `Report number ${i}\n\nThe harbour ${i % 2 ? 'reopened' : 'closed'} on day ${i}.`,
      ),
    )
    await writer.value('import:files', { files })
    await writer.close()

    const store = await LibraryStore.open({ dir, readOnly: true })
    const search = new LibrarySearch(store)
    try {
      search.start()
      // Nothing is indexed synchronously, and other work runs while the build is going on.
      expect(search.stats().documents).toBe(0)
      const seenDuringBuild = await new Promise<boolean>((resolve) =>
        setImmediate(() => resolve(!search.ready)),
      )
      expect(seenDuringBuild).toBe(true)
      await search.whenReady()
      const stats = search.stats()
      expect(stats).toMatchObject({ ready: true, articles: 60, documents: 60, unreadable: 0 })
      expect(stats.buildMs).not.toBeNull()
      expect(stats.longestStallMs).toBeGreaterThan(0)
      const result = await search.query({ query: 'reopened' })
      expect(result.total).toBe(30)
      expect(result.ready).toBe(true)
    } finally {
      await search.dispose()
      await store.close()
    }
  })

  it('answers before the build has finished with ready: false', async () => {
    const writer = await openTestCore(dir)
    await writer.value('import:files', {
      files: Array.from({ length: 40 }, (_, i) =>
        textFile(`b${i}.txt`, `Title ${i}\n\nBody ${i} text.`),
      ),
    })
    await writer.close()
    const store = await LibraryStore.open({ dir, readOnly: true })
    // Reads after the first ten wait until the early answer is in: the build cannot have
    // finished by then, however fast or slow this machine is.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    const readBody = store.readBody.bind(store)
    store.readBody = async (entry) => {
      if (++reads > 10) await held
      return readBody(entry)
    }
    const search = new LibrarySearch(store, { waitMs: 0 })
    try {
      search.start()
      const early = await search.query({ query: 'body' })
      release()
      expect(early.ready).toBe(false)
      expect(early.total).toBeLessThan(40)
      expect(early.progress?.articles).toBe(40)
      expect(early.progress?.indexed).toBeLessThan(40)
      // What is indexed is what is found: every indexed article has "body".
      expect(early.total).toBe(early.progress?.indexed)
      await search.whenReady()
      const done = await search.query({ query: 'body' })
      expect(done.total).toBe(40)
      expect(done).not.toHaveProperty('progress')
      await search.dispose()
      await expect(search.query({ query: 'body' })).rejects.toMatchObject({ code: 'cancelled' })
      await expect(search.matchingArticleIds('body')).rejects.toMatchObject({
        code: 'cancelled',
      })
    } finally {
      release()
      await search.dispose()
      await store.close()
    }
  })

  it('lists the matching articles for an export only from the complete index', async () => {
    const writer = await openTestCore(dir)
    await writer.value('import:files', {
      files: Array.from({ length: 30 }, (_, i) =>
        textFile(`c${i}.txt`, `Title ${i}\n\nBody ${i} ${i % 3 ? 'cargo' : 'empty'}.`),
      ),
    })
    await writer.close()
    const store = await LibraryStore.open({ dir, readOnly: true })
    // Reads after the first five wait until released: the build cannot finish before that.
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    let reads = 0
    const readBody = store.readBody.bind(store)
    store.readBody = async (entry) => {
      if (++reads > 5) await held
      return readBody(entry)
    }
    const search = new LibrarySearch(store, { waitMs: 0 })
    try {
      let answered = false
      const matching = search.matchingArticleIds('cargo').then((ids) => {
        answered = true
        return ids
      })
      const early = await search.query({ query: 'cargo' })
      expect(early.ready).toBe(false)
      expect(answered).toBe(false)
      release()
      const ids = await matching
      expect(ids).toHaveLength(20)
      const all = await search.query({ query: 'cargo', limit: 100 })
      expect(ids).toEqual(all.groups.map((g) => g.articleId))
    } finally {
      release()
      await search.dispose()
      await store.close()
    }
  })
})
