/**
 * Articles that can be corrected, trashed and updated, through the real channels.
 */
import { existsSync } from 'node:fs'
import { readFile, readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { articleText } from '../../../src/shared/domain/article'
import { openTestCore, SAMPLES_DIR, textFile, type TestCore } from '../../support/core'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { CARS, openFixture, seed, type Fixture, type Seeded } from './fixture'

describe('correcting an article’s metadata', () => {
  let fx: Fixture
  beforeEach(async () => {
    fx = await openFixture()
  })
  afterEach(async () => {
    await fx.close()
  })

  it('keeps the extracted values, marks what was edited, and restores them', async () => {
    const id = fx.ids.grain
    const edited = await fx.core.value('article:edit', {
      id,
      patch: {
        title: '  Grain corridor talks to resume  ',
        source: 'Ministry of Agriculture',
        byline: 'Anna Petrova',
        publishedAt: '2024-03-18',
        url: 'https://example.gov/grain',
        language: 'en',
      },
    })
    expect(edited).toMatchObject({
      title: 'Grain corridor talks to resume',
      source: 'Ministry of Agriculture',
      byline: 'Anna Petrova',
      publishedAt: '2024-03-18',
      url: 'https://example.gov/grain',
      language: 'en',
      titleDerived: false,
    })
    expect([...edited.edited].sort()).toEqual(
      ['byline', 'language', 'publishedAt', 'source', 'title', 'url'].sort(),
    )
    const listed = (await fx.core.value('article:list', {})).find((a) => a.id === id)
    expect(listed?.title).toBe('Grain corridor talks to resume')

    const restored = await fx.core.value('article:edit', { id, restore: ['title', 'source'] })
    expect(restored.title).toBe('Ministry Confirms Grain Corridor Talks')
    expect(restored.source).toBe(fx.core.store.getArticle(id)!.original.source)
    expect(restored.edited).not.toContain('title')
    expect(restored.byline).toBe('Anna Petrova')
  })

  it('refuses values a field cannot hold, and clears a field with an empty value', async () => {
    const id = fx.ids.grain
    for (const patch of [
      { title: '   ' },
      { publishedAt: 'last Tuesday' },
      { url: 'not a url' },
      { language: 'English!' },
    ]) {
      const result = await fx.core.call('article:edit', { id, patch })
      expect(result.ok, JSON.stringify(patch)).toBe(false)
    }
    await fx.core.value('article:edit', { id, patch: { byline: 'Anna Petrova' } })
    const cleared = await fx.core.value('article:edit', { id, patch: { byline: '' } })
    expect(cleared.byline).toBeNull()
    // The importer found no byline: clearing it is the extracted value again, no edit.
    expect(fx.core.store.getArticle(id)!.original.byline).toBeNull()
    expect(cleared.edited).toEqual([])
    const url = await fx.core.value('article:edit', { id, patch: { url: 'https://example.org/a' } })
    expect(url.edited).toEqual(['url'])
  })

  it('undoes and redoes an edit, and an edit equal to the extracted value is no edit', async () => {
    const id = fx.ids.port
    await fx.core.value('article:edit', { id, patch: { title: 'Record grain shipments' } })
    expect(await fx.core.value('history:state', {})).toMatchObject({
      undo: 'Edit title of "Port Authority Reports Record Grain Shipments"',
    })
    await fx.core.value('history:undo', {})
    expect(fx.core.store.getArticle(id)!.title).toBe(
      'Port Authority Reports Record Grain Shipments',
    )
    await fx.core.value('history:redo', {})
    expect(fx.core.store.getArticle(id)!.title).toBe('Record grain shipments')
    const back = await fx.core.value('article:edit', {
      id,
      patch: { title: 'Port Authority Reports Record Grain Shipments' },
    })
    expect(back.edited).toEqual([])
  })

  it('keeps corrections in the article file: a lost index loses none of them', async () => {
    const id = fx.ids.cars
    await fx.core.value('article:edit', { id, patch: { title: 'BMW halts Avtotor assembly' } })
    await fx.core.close()
    await rm(join(fx.dir, 'library.json'))
    const core = await openTestCore(fx.dir)
    try {
      expect(core.store.getArticle(id)?.title).toBe('BMW halts Avtotor assembly')
      expect(core.store.getArticle(id)?.original.title).toBe('Automaker Halts Assembly')
    } finally {
      await core.close()
    }
    // The fixture's close() closes its own core again, which is safe.
  })

  it('searches by the corrected title', async () => {
    await fx.core.value('article:edit', {
      id: fx.ids.cars,
      patch: { title: 'Kaliningrad plant stops' },
    })
    const results = await fx.core.value('search:query', { query: 'kaliningrad' })
    expect(results.groups.map((g) => g.articleId)).toEqual([fx.ids.cars])
  })
})

describe('the trash', () => {
  let fx: Fixture
  let s: Seeded
  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
  })
  afterEach(async () => {
    await fx.close()
  })

  it('takes an article out of the list, search, codebook counts and exports, and gives it back', async () => {
    const grain = fx.ids.grain
    const before = await fx.state()
    const outcome = await fx.core.value('article:trash', { ids: [grain] })
    // The port claim links to the grain claim: that link now points into the trash.
    expect(outcome).toEqual({ ids: [grain], linksToTrashed: 1 })
    expect((await fx.core.value('article:list', {})).map((a) => a.id)).not.toContain(grain)
    const trash = await fx.core.value('trash:list', {})
    expect(trash.map((a) => a.id)).toEqual([grain])
    expect(trash[0]?.trashedAt).not.toBeNull()
    expect(trash[0]?.annotationCount).toBe(2)
    const search = await fx.core.value('search:query', { query: 'corridor' })
    expect(search.groups.map((g) => g.articleId)).not.toContain(grain)
    const codebook = await fx.core.value('codebook:list', {})
    expect(codebook.find((t) => t.name === 'topic/grain corridor')?.annotationCount).toBe(0)

    // The link stays visible from the other end, marked as pointing into the trash.
    const port = await fx.core.value('article:get', { id: fx.ids.port })
    expect(port.links[s.c2.id]?.outgoing[0]).toMatchObject({
      articleId: grain,
      articleTrashed: true,
      label: 'talks on the grain corridor will resume',
    })

    await fx.core.value('trash:restore', { ids: [grain] })
    expect(await fx.state()).toEqual(before)
    expect((await fx.core.value('search:query', { query: 'corridor' })).groups).toHaveLength(1)
  })

  it('refuses to change the annotations or state of an article in the trash', async () => {
    const cars = fx.ids.cars
    await fx.core.value('article:trash', { ids: [cars] })
    const before = await fx.core.store.readArticle(cars)
    const attempts = [
      fx.core.call('annotation:create', {
        articleId: cars,
        start: 0,
        end: 5,
        kind: 'highlight',
        tags: [],
        note: '',
      }),
      fx.core.call('annotation:update', {
        articleId: cars,
        annotationId: s.c3.id,
        patch: { note: 'x' },
      }),
      fx.core.call('annotation:delete', { articleId: cars, annotationId: s.c3.id }),
      fx.core.call('claim:update', {
        articleId: cars,
        annotationId: s.c3.id,
        patch: { status: 'disputed' },
      }),
      fx.core.call('claim:link', {
        from: { articleId: fx.ids.port, annotationId: s.c2.id },
        to: { articleId: cars, annotationId: s.c3.id },
        relation: 'contradicts',
      }),
      fx.core.call('article:update', { id: cars, patch: { status: 'done' } }),
    ]
    for (const result of await Promise.all(attempts)) {
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.message).toContain('in the Trash')
    }
    expect(await fx.core.store.readArticle(cars)).toEqual(before)
  })

  it('says where a re-imported text is when its article is in the trash', async () => {
    await fx.core.value('article:trash', { ids: [fx.ids.cars] })
    const report = await fx.core.value('import:files', { files: [textFile('cars.txt', CARS)] })
    expect(report.outcomes[0]).toMatchObject({ status: 'rejected' })
    if (report.outcomes[0]?.status === 'rejected') {
      expect(report.outcomes[0].reason).toContain('in the Trash')
    }
    expect(fx.core.store.listAllArticles()).toHaveLength(3)
  })

  it('undoes a move to the trash, and redoes it', async () => {
    const before = await fx.state()
    await fx.core.value('article:trash', { ids: [fx.ids.cars] })
    const step = await fx.core.value('history:undo', {})
    expect(step.label).toBe('Move to trash: "Automaker Halts Assembly"')
    expect(await fx.state()).toEqual(before)
    await fx.core.value('history:redo', {})
    expect(fx.core.store.getArticle(fx.ids.cars)?.trashedAt).not.toBeNull()
  })

  it('keeps a trashed article in the trash across a reopen and a lost index', async () => {
    await fx.core.value('article:trash', { ids: [fx.ids.cars] })
    await fx.core.close()
    await rm(join(fx.dir, 'library.json'))
    const core = await openTestCore(fx.dir)
    try {
      expect((await core.value('trash:list', {})).map((a) => a.id)).toEqual([fx.ids.cars])
      expect((await core.value('article:list', {})).map((a) => a.id)).not.toContain(fx.ids.cars)
    } finally {
      await core.close()
    }
  })

  it('empties the trash for good: files gone, undo steps on them dropped, others kept', async () => {
    const cars = fx.ids.cars
    const hash = fx.core.store.getArticle(cars)!.contentHash
    await fx.core.value('article:edit', { id: fx.ids.port, patch: { byline: 'Maria Keller' } })
    await fx.core.value('article:trash', { ids: [cars] })
    const refused = await fx.core.call('trash:empty', { ids: [fx.ids.grain] })
    expect(refused.ok).toBe(false)
    expect(await fx.core.value('trash:empty', {})).toEqual({ removed: [cars] })
    expect(existsSync(join(fx.dir, 'annotations', `${cars}.json`))).toBe(false)
    expect(existsSync(join(fx.dir, 'bodies', `${hash}.json`))).toBe(false)
    expect(fx.core.store.getArticle(cars)).toBeUndefined()
    expect(await fx.core.value('trash:list', {})).toEqual([])
    // The trash step is gone; the byline edit before it is the next undo.
    expect((await fx.core.value('history:state', {})).undo).toBe(
      'Edit byline of "Port Authority Reports Record Grain Shipments"',
    )
    await fx.core.close()
    const core = await openTestCore(fx.dir)
    try {
      expect(core.store.getArticle(cars)).toBeUndefined()
      expect(core.store.listArticles()).toHaveLength(2)
    } finally {
      await core.close()
    }
  })
})

/** A sample article, then the same story as its outlet updated it. */
async function sampleAndUpdate(): Promise<{ original: string; updated: string }> {
  const original = await readFile(join(SAMPLES_DIR, 'flour-prices-warning.txt'), 'utf8')
  const updated = original
    // a figure changed
    .replace('up to 12 percent more', 'up to 15 percent more')
    // a paragraph deleted
    .replace(/Retail chains contacted for this article[^\n]*\n\n/, '')
    // a paragraph inserted
    .replace(
      'Independent economists are more cautious.',
      'The association will publish its full price survey on Friday, it said.\n\nIndependent economists are more cautious.',
    )
    // a typo fixed in a sentence nobody annotated
    .replace('usable grain', 'useable grain')
  expect(updated).not.toBe(original)
  return { original, updated }
}

describe('a new version of an article', () => {
  let dir: string
  let core: TestCore
  let id: string
  const quotes = {
    /** Its own words are unchanged; the paragraph after it gains a new one before it. */
    untouched: 'A spokesperson for the National Bakers\u2019 Guild',
    figure: 'Flour could cost up to 12 percent more by the end of the year',
    removed: 'Retail chains contacted for this article declined to say',
    economists: 'imported wheat could fill much of the gap',
  }

  beforeEach(async () => {
    dir = await makeTempDir()
    let tick = Date.parse('2025-01-01T00:00:00Z')
    core = await openTestCore(dir, () => new Date((tick += 1000)))
    const { original } = await sampleAndUpdate()
    const report = await core.value('import:files', {
      files: [textFile('flour.txt', original)],
    })
    id = report.outcomes[0]!.status === 'imported' ? report.outcomes[0]!.id : ''
    const { article } = await core.value('article:get', { id })
    const text = articleText(article.blocks)
    for (const [name, quote] of Object.entries(quotes)) {
      const exact = text.includes(quote) ? quote : quote.replace('\u2019', "'")
      const start = text.indexOf(exact)
      expect(start, name).toBeGreaterThanOrEqual(0)
      await core.value('annotation:create', {
        articleId: id,
        start,
        end: start + exact.length,
        kind: name === 'figure' ? 'claim' : 'highlight',
        tags: [`test/${name}`],
        note: `note on ${name}`,
      })
    }
  })
  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('carries every annotation across: in place, drifted with its old wording, or orphaned', async () => {
    const { updated } = await sampleAndUpdate()
    const report = await core.value('article:replaceText', {
      id,
      file: textFile('flour-updated.txt', updated),
    })
    expect(report).toMatchObject({ id, versionCount: 2, anchored: 2, drifted: 1, orphaned: 1 })
    const opened = await core.value('article:get', { id })
    const text = articleText(opened.article.blocks)
    expect(text).toContain('up to 15 percent more')
    expect(opened.annotations).toHaveLength(4)
    const byTag = new Map(opened.annotations.map((a) => [a.tags[0], a]))
    // Nothing re-quoted silently: the drifted one keeps the words it was made on.
    const figure = byTag.get('test/figure')!
    expect(figure.anchor.status).toBe('drifted')
    expect(figure.target.quote.exact).toBe(quotes.figure)
    expect(text.slice(figure.anchor.start!, figure.anchor.end!)).toContain('15 percent')
    const removed = byTag.get('test/removed')!
    expect(removed.anchor.status).toBe('orphaned')
    expect(removed.note).toBe('note on removed')
    for (const name of ['test/untouched', 'test/economists']) {
      const a = byTag.get(name)!
      expect(a.anchor.status, name).toBe('anchored')
      expect(text.slice(a.anchor.start!, a.anchor.end!)).toBe(a.target.quote.exact)
    }
    expect(report.review).toEqual([figure.id, removed.id])
    expect(opened.article.versionCount).toBe(2)
  })

  it('accepting the new wording re-quotes it, and every step undoes', async () => {
    const before = await core.store.readArticle(id)
    const { updated } = await sampleAndUpdate()
    await core.value('article:replaceText', { id, file: textFile('u.txt', updated) })
    const opened = await core.value('article:get', { id })
    const figure = opened.annotations.find((a) => a.tags[0] === 'test/figure')!
    const accepted = await core.value('annotation:reattach', {
      articleId: id,
      annotationId: figure.id,
      start: figure.anchor.start!,
      end: figure.anchor.end!,
    })
    expect(accepted.target.quote.exact).toContain('15 percent')
    await core.value('history:undo', {})
    await core.value('history:undo', {})
    const { readOnlyReason: _a, ...after } = await core.store.readArticle(id)
    const { readOnlyReason: _b, ...was } = before
    expect(after).toEqual(was)
    const back = await core.value('article:get', { id })
    expect(articleText(back.article.blocks)).toContain('up to 12 percent more')
    expect(back.annotations.every((a) => a.anchor.status === 'anchored')).toBe(true)
  })

  it('keeps every version, shows the changed paragraphs, and finds the article by an old text', async () => {
    const { original, updated } = await sampleAndUpdate()
    const firstHash = core.store.getArticle(id)!.contentHash
    await core.value('article:replaceText', { id, file: textFile('u.txt', updated) })
    const view = await core.value('article:version', { id, contentHash: firstHash })
    expect(view.number).toBe(1)
    expect(view.current).toBe(false)
    expect(view.versions).toHaveLength(2)
    const changed = view.changed.map((i) => view.blocks[i]!.text)
    expect(changed.some((t) => t.includes('12 percent'))).toBe(true)
    expect(changed.some((t) => t.startsWith('Retail chains'))).toBe(true)
    expect(changed.some((t) => t.startsWith('A spokesperson'))).toBe(false)
    expect(view.added).toBeGreaterThanOrEqual(2)
    // Importing the old text again finds the article; it is not a new one.
    const again = await core.value('import:files', { files: [textFile('old.txt', original)] })
    expect(again.outcomes[0]).toMatchObject({ status: 'duplicate', id })
    // Search sees the current text only (annotations keep their own wording, so a
    // phrase of the removed paragraph nobody annotated is what must be gone).
    expect((await core.value('search:query', { query: '"15 percent"' })).groups).toHaveLength(1)
    expect(
      (await core.value('search:query', { query: '"pass higher flour costs"' })).groups,
    ).toHaveLength(0)
  })

  it('does not bring old versions back as articles when the index is rebuilt', async () => {
    const { updated } = await sampleAndUpdate()
    await core.value('article:replaceText', { id, file: textFile('u.txt', updated) })
    await core.close()
    await rm(join(dir, 'library.json'))
    expect((await readdir(join(dir, 'bodies'))).filter((n) => n.endsWith('.json'))).toHaveLength(2)
    core = await openTestCore(dir)
    const list = await core.value('article:list', {})
    expect(list.map((a) => a.id)).toEqual([id])
    expect(list[0]?.versionCount).toBe(2)
    const opened = await core.value('article:get', { id })
    expect(articleText(opened.article.blocks)).toContain('up to 15 percent more')
  })

  it('refuses the current text again and another article’s text', async () => {
    const { original } = await sampleAndUpdate()
    const same = await core.call('article:replaceText', { id, file: textFile('a.txt', original) })
    expect(same.ok).toBe(false)
    const other = await readFile(join(SAMPLES_DIR, 'nurse-staffing-shortfall.txt'), 'utf8')
    await core.value('import:files', { files: [textFile('nurse.txt', other)] })
    const theirs = await core.call('article:replaceText', { id, file: textFile('n.txt', other) })
    expect(theirs.ok).toBe(false)
    if (!theirs.ok) expect(theirs.error.message).toContain('already in the library')
  })
})

describe('importing a new version of a story', () => {
  let dir: string
  let core: TestCore
  beforeEach(async () => {
    dir = await makeTempDir()
    core = await openTestCore(dir)
  })
  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  const page = (figure: string): string =>
    `---\ntitle: Port traffic report\nsource: Harbour Gazette\nurl: https://gazette.example/port?utm_source=x\n---\n\nThe port handled ${figure} million tonnes in October, the harbour master said.\n\nShipping lines expect the winter to be quieter.\n`

  it('holds back a file with the same URL and asks; update keeps the annotations', async () => {
    const first = await core.value('import:files', { files: [textFile('port.md', page('4.2'))] })
    const id = first.outcomes[0]!.status === 'imported' ? first.outcomes[0]!.id : ''
    const { article } = await core.value('article:get', { id })
    const text = articleText(article.blocks)
    const start = text.indexOf('Shipping lines expect')
    await core.value('annotation:create', {
      articleId: id,
      start,
      end: start + 'Shipping lines expect'.length,
      kind: 'highlight',
      tags: [],
      note: 'keep me',
    })
    const second = await core.value('import:files', {
      files: [textFile('port-v2.md', page('4.3').replace('?utm_source=x', '#top'))],
    })
    const held = second.outcomes[0]!
    expect(held).toMatchObject({ status: 'matches', id, annotationCount: 1, matchedBy: 'url' })
    expect(core.store.listArticles()).toHaveLength(1)
    if (held.status !== 'matches') throw new Error('expected a match')
    const resolved = await core.value('import:resolve', {
      pendingId: held.pendingId,
      choice: 'update',
    })
    expect(resolved).toMatchObject({ status: 'updated', id })
    expect(core.store.listArticles()).toHaveLength(1)
    const opened = await core.value('article:get', { id })
    expect(articleText(opened.article.blocks)).toContain('4.3 million')
    expect(opened.annotations[0]).toMatchObject({ note: 'keep me', anchor: { status: 'anchored' } })
    // A decision is taken once.
    expect(
      (await core.call('import:resolve', { pendingId: held.pendingId, choice: 'update' })).ok,
    ).toBe(false)
  })

  it('imports a matching file as a separate article when asked to', async () => {
    await core.value('import:files', { files: [textFile('port.md', page('4.2'))] })
    const report = await core.value('import:files', {
      files: [textFile('port-v2.md', page('4.4'))],
      onMatch: 'separate',
    })
    expect(report.outcomes[0]?.status).toBe('imported')
    expect(core.store.listArticles()).toHaveLength(2)
  })
})
