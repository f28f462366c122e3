/**
 * Annotations and article state through the real channels: re-attaching
 * orphans, the article's status, tags and note, and finding annotations.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore } from '../../support/core'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openFixture, seed, type Fixture, type Seeded } from './fixture'

describe('orphaned annotations', () => {
  let fx: Fixture
  let s: Seeded

  /** Make an annotation point at a passage the text no longer has, as after an edit upstream. */
  async function orphan(articleId: string, annotationId: string): Promise<void> {
    await fx.core.store.mutateArticle(articleId, (draft) => {
      const a = draft.annotations.find((x) => x.id === annotationId)!
      a.target = {
        contentHash: 'an-older-text',
        quote: {
          type: 'TextQuoteSelector',
          exact: 'a passage that was removed from the story',
          prefix: 'Once ',
          suffix: ' for good.',
        },
        position: { type: 'TextPositionSelector', start: 3, end: 44 },
      }
      if (a.claim) a.claim.statement = a.target.quote.exact
    })
  }

  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
  })
  afterEach(async () => {
    await fx.close()
  })

  it('are kept, listed last, and can be re-attached to a new selection', async () => {
    await orphan(fx.ids.grain, s.c1.id)
    const before = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(before.annotations.at(-1)).toMatchObject({
      id: s.c1.id,
      anchor: { status: 'orphaned', start: null, end: null },
    })
    const span = await fx.span(fx.ids.grain, 'talks on the grain corridor will resume')
    const reattached = await fx.core.value('annotation:reattach', {
      articleId: fx.ids.grain,
      annotationId: s.c1.id,
      ...span,
    })
    expect(reattached.target.quote.exact).toBe('talks on the grain corridor will resume')
    expect(reattached.target.contentHash).toBe(fx.core.store.getArticle(fx.ids.grain)?.contentHash)
    // A statement that was still the old quote follows the new one; everything else is kept.
    expect(reattached.claim?.statement).toBe('talks on the grain corridor will resume')
    expect(reattached).toMatchObject({ tags: s.c1.tags, note: s.c1.note, kind: 'claim' })
    const after = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(after.annotations.find((a) => a.id === s.c1.id)?.anchor).toEqual({
      status: 'anchored',
      ...span,
      score: 1,
    })
    // Its links survive re-attachment.
    expect(after.links[s.c1.id]?.incoming).toHaveLength(1)
  })

  it('keeps an edited statement when re-attached', async () => {
    await fx.core.value('claim:update', {
      articleId: fx.ids.cars,
      annotationId: s.c3.id,
      patch: { statement: 'BMW halts assembly.' },
    })
    const reattached = await fx.core.value('annotation:reattach', {
      articleId: fx.ids.cars,
      annotationId: s.c3.id,
      ...(await fx.span(fx.ids.cars, 'Avtotor plant')),
    })
    expect(reattached.claim?.statement).toBe('BMW halts assembly.')
    expect(reattached.target.quote.exact).toBe('Avtotor plant')
  })

  it.each([
    ['a span past the end of the text', 5, 100_000, 'invalid-input'],
    ['a span of blank text', -1, -1, 'invalid-input'],
  ])('refuses %s', async (_label, start, end, code) => {
    const text = (await fx.core.value('article:get', { id: fx.ids.grain })).article.blocks
      .map((b) => b.text)
      .join('\n\n')
    const blank = text.indexOf('\n\n')
    const input =
      start < 0
        ? { articleId: fx.ids.grain, annotationId: s.h1.id, start: blank, end: blank + 2 }
        : { articleId: fx.ids.grain, annotationId: s.h1.id, start, end }
    const before = await fx.state()
    expect(await fx.core.call('annotation:reattach', input)).toMatchObject({
      ok: false,
      error: { code },
    })
    expect(await fx.state()).toEqual(before)
  })

  it('refuses to re-attach an annotation that does not exist', async () => {
    const result = await fx.core.call('annotation:reattach', {
      articleId: fx.ids.grain,
      annotationId: 'ann-none',
      start: 0,
      end: 5,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})

describe('article state', () => {
  let fx: Fixture

  beforeEach(async () => {
    fx = await openFixture()
  })
  afterEach(async () => {
    await fx.close()
  })

  it('records status, tags and a Markdown note', async () => {
    const state = await fx.core.value('article:update', {
      id: fx.ids.port,
      patch: {
        status: 'reading',
        tags: [' Topic/Ports ', 'topic/ports', 'region'],
        note: '## Why\n\n*Grain*',
      },
    })
    expect(state).toEqual({
      id: fx.ids.port,
      status: 'reading',
      tags: ['Topic/Ports', 'region'],
      note: '## Why\n\n*Grain*',
    })
    const opened = await fx.core.value('article:get', { id: fx.ids.port })
    expect(opened.note).toBe('## Why\n\n*Grain*')
    expect(opened.article).toMatchObject({ status: 'reading', tags: ['Topic/Ports', 'region'] })
    const listed = (await fx.core.value('article:list', {})).find((a) => a.id === fx.ids.port)
    expect(listed).toMatchObject({ status: 'reading', tags: ['Topic/Ports', 'region'] })
    const codebook = await fx.core.value('codebook:list', {})
    expect(codebook.map((t) => [t.name, t.articleCount, t.annotationCount])).toEqual([
      ['region', 1, 0],
      ['Topic/Ports', 1, 0],
    ])
  })

  it('changes only the fields given', async () => {
    await fx.core.value('article:update', { id: fx.ids.cars, patch: { note: 'n', tags: ['t'] } })
    const state = await fx.core.value('article:update', {
      id: fx.ids.cars,
      patch: { status: 'done' },
    })
    expect(state).toEqual({ id: fx.ids.cars, status: 'done', tags: ['t'], note: 'n' })
  })

  it.each([
    ['an unknown article', { id: 'art-none', patch: { status: 'done' } }, 'not-found'],
    ['an unknown status', { id: 'ID', patch: { status: 'archived' } }, 'invalid-input'],
  ])('refuses %s', async (_label, input, code) => {
    const real = { ...input, id: input.id === 'ID' ? fx.ids.cars : input.id }
    expect(await fx.core.call('article:update', real as never)).toMatchObject({
      ok: false,
      error: { code },
    })
  })
})

describe('finding annotations', () => {
  let fx: Fixture
  let s: Seeded

  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
    await fx.core.value('claim:update', {
      articleId: fx.ids.cars,
      annotationId: s.c3.id,
      patch: { claimant: 'Ilya Baryshev', attributedVia: 'RIA Novosti citing BMW press service' },
    })
  })
  afterEach(async () => {
    await fx.close()
  })

  it.each([
    ['a word of a quote', 'ships', ['h1']],
    ['words in any order and case', 'RESUME grain', ['c1']],
    ['a claimant', 'baryshev', ['c3']],
    ['an attribution', 'ria novosti', ['c3']],
    ['a note', 'count', ['h1']],
    ['a tag', 'ministry', ['c2', 'h1']],
    ['accents folded', 'Barýshev', ['c3']],
    ['nothing that matches', 'tractor', []],
  ])('by %s', async (_label, query, roles) => {
    const hits = await fx.core.value('annotation:find', { query })
    const byId = Object.fromEntries(Object.entries(s).map(([role, a]) => [a.id, role]))
    expect(hits.map((h) => byId[h.annotationId]).sort()).toEqual(roles)
  })

  describe('folded as search folds', () => {
    const notes = {
      yod: 'Йошкар-Ола',
      iod: 'Иошкар',
      yolka: 'ёлка у входа',
      strasse: 'Die Straße',
      cafe: 'Cafe\u0301 Nero',
    }
    let ids: Record<string, string>

    beforeEach(async () => {
      ids = {}
      for (const [role, note] of Object.entries(notes)) {
        ids[(await fx.annotate(fx.ids.cars, 'Avtotor plant', { note })).id] = role
      }
    })

    it.each([
      ['й finds й, not и', 'й', ['yod']],
      ['и finds и, not й', 'и', ['iod']],
      ['е finds ё', 'елка', ['yolka']],
      ['ss finds ß', 'strasse', ['strasse']],
      ['ß finds ss', 'STRASSE', ['strasse']],
      ['a composed é finds a decomposed one', 'caf\u00e9', ['cafe']],
      ['a decomposed query finds its word', 'cafe\u0301 ner', ['cafe']],
      ['a word inside a word is not a match', 'шкар', []],
    ])('%s', async (_label, query, roles) => {
      const hits = await fx.core.value('annotation:find', { query })
      expect(hits.map((h) => ids[h.annotationId] ?? h.annotationId).sort()).toEqual(roles)
    })
  })

  it('describes each hit for a picker', async () => {
    const [hit] = await fx.core.value('annotation:find', { query: 'baryshev' })
    expect(hit).toEqual({
      articleId: fx.ids.cars,
      articleTitle: 'Automaker Halts Assembly',
      annotationId: s.c3.id,
      kind: 'claim',
      quote: 'BMW will stop assembling cars',
      statement: 'BMW will stop assembling cars',
      claimant: 'Ilya Baryshev',
      status: 'unverified',
      tags: ['entity/company/BMW'],
      note: '',
      updatedAt: expect.any(String),
    })
  })

  it('filters by kind, lists the latest first, and honours the limit', async () => {
    const claims = await fx.core.value('annotation:find', { query: '', kind: 'claim' })
    expect(claims.map((h) => h.annotationId)).toEqual([s.c3.id, s.c2.id, s.c1.id])
    const latest = await fx.core.value('annotation:find', { query: '', limit: 2 })
    expect(latest.map((h) => h.annotationId)).toEqual([s.c3.id, s.c2.id])
  })
})

describe('codebook file versions', () => {
  let dir: string

  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('reads a tag an older library spelled decomposed as the same tag, without rewriting it', async () => {
    await mkdir(dir, { recursive: true })
    const tag = {
      name: 'Cafe\u0301',
      color: '#1f6feb',
      description: '',
      slot: null,
      createdAt: '2024-01-01T00:00:00.000Z',
    }
    await writeFile(join(dir, 'codebook.json'), JSON.stringify({ schemaVersion: 1, tags: [tag] }))
    const core = await openTestCore(dir)
    try {
      const duplicate = await core.call('codebook:create', { name: 'caf\u00e9' })
      expect(duplicate.ok ? null : duplicate.error.code).toBe('duplicate')
      const updated = await core.value('codebook:update', {
        name: 'CAF\u00c9',
        patch: { description: 'Coffee' },
      })
      expect(updated).toMatchObject({ name: 'Cafe\u0301', description: 'Coffee' })
    } finally {
      await core.close()
    }
    const onDisk = JSON.parse(await readFile(join(dir, 'codebook.json'), 'utf8'))
    expect(onDisk.tags.map((t: { name: string }) => t.name)).toEqual(['Cafe\u0301'])
  })

  it('migrates a version 1 codebook to version 2 with the default claim statuses', async () => {
    await mkdir(dir, { recursive: true })
    const tag = {
      name: 'BMW',
      color: '#1f6feb',
      description: '',
      slot: 2,
      createdAt: '2024-01-01T00:00:00.000Z',
    }
    await writeFile(join(dir, 'codebook.json'), JSON.stringify({ schemaVersion: 1, tags: [tag] }))
    const core = await openTestCore(dir)
    try {
      expect((await core.value('settings:get', {})).claimStatuses).toEqual([
        'unverified',
        'corroborated',
        'disputed',
        'false',
        'opinion',
      ])
      expect(await core.value('codebook:list', {})).toEqual([
        { ...tag, annotationCount: 0, articleCount: 0 },
      ])
    } finally {
      await core.close()
    }
    const onDisk = JSON.parse(await readFile(join(dir, 'codebook.json'), 'utf8'))
    expect(onDisk).toMatchObject({ schemaVersion: 2, tags: [tag] })
    expect(
      JSON.parse(await readFile(join(dir, 'codebook.json.v1.bak'), 'utf8')).schemaVersion,
    ).toBe(1)
  })
})
