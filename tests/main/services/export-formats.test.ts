/**
 * Every export format through the export service: dispatch, file names, filters and saving.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { saveExport, type ExportFileFilter } from '../../../src/main/services/exports'
import { memoryProfileStore } from '../../../src/main/services/profile'
import { EMPTY_PROFILE } from '../../../src/shared/domain/profile'
import { EXPORT_FORMATS } from '../../../src/shared/ipc/contract'
import { parseCsv } from '../../support/csv-parse'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openFixture, seed, type Fixture } from './fixture'

describe('export formats', () => {
  let fx: Fixture

  beforeEach(async () => {
    fx = await openFixture()
    await seed(fx)
    await fx.core.value('settings:update', {
      patch: { profile: { publishBaseUrl: 'https://example.org/checks' } },
    })
  })
  afterEach(async () => {
    await fx.close()
  })

  it('previews each format', async () => {
    const articleIds = [fx.ids.grain, fx.ids.port]
    const preview = async (format: (typeof EXPORT_FORMATS)[number]) =>
      (await fx.core.value('export:preview', { articleIds, format })).text
    expect(await preview('md')).toMatch(/^---\n/)
    const csv = parseCsv(await preview('csv'))
    const idColumn = csv[0]!.indexOf('annotation_id')
    expect(csv.map((r) => r[idColumn])).toEqual([
      'annotation_id',
      ...(
        await Promise.all(
          articleIds.map(async (id) =>
            (await fx.core.store.readArticle(id)).annotations
              .sort((x, y) => x.target.position.start - y.target.position.start)
              .map((a) => a.id),
          ),
        )
      ).flat(),
    ])
    expect(JSON.parse(await preview('w3c'))).toMatchObject({
      type: 'AnnotationCollection',
      // Three passages, and the grain and port articles' own tags as page notes.
      total: 5,
    })
    const reviews = JSON.parse(await preview('claimreview')) as { claimReviewed: string }[]
    expect(reviews.map((r) => r.claimReviewed)).toEqual([
      'talks on the grain corridor will resume',
      'exports would rise further',
    ])
  })

  it('takes the analyst profile as author, and refuses ClaimReview without a publishing base URL', async () => {
    const articleIds = [fx.ids.grain]
    await fx.core.value('settings:update', {
      patch: { profile: { name: 'Dana Petrova', url: 'https://desk.example.org/' } },
    })
    const md = (await fx.core.value('export:preview', { articleIds, format: 'md' })).text
    expect(md).toMatch(/^author: "?Dana Petrova"?$/m)
    const w3c = JSON.parse(
      (await fx.core.value('export:preview', { articleIds, format: 'w3c' })).text,
    ) as { first: { items: { creator?: unknown }[] } }
    expect(w3c.first.items[0]?.creator).toEqual({
      type: 'Person',
      name: 'Dana Petrova',
      homepage: 'https://desk.example.org/',
    })
    const [review] = JSON.parse(
      (await fx.core.value('export:preview', { articleIds, format: 'claimreview' })).text,
    ) as { url: string; author: unknown }[]
    expect(review?.url).toMatch(/^https:\/\/example\.org\/checks#/)
    expect(review?.author).toEqual({
      '@type': 'Person',
      name: 'Dana Petrova',
      url: 'https://desk.example.org/',
    })
    await fx.core.value('settings:update', { patch: { profile: { publishBaseUrl: '' } } })
    const refused = await fx.core.call('export:preview', { articleIds, format: 'claimreview' })
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringMatching(/publishing base URL in Profile/),
      },
    })
    const bad = await fx.core.call('settings:update', {
      patch: { profile: { url: 'ftp://desk.example.org' } },
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it.each([
    ['md', 'ministry-confirms-grain-corridor-talks.md', { name: 'Markdown', extensions: ['md'] }],
    ['csv', 'ministry-confirms-grain-corridor-talks.csv', { name: 'CSV', extensions: ['csv'] }],
    [
      'w3c',
      'ministry-confirms-grain-corridor-talks.annotations.jsonld',
      { name: 'JSON-LD', extensions: ['jsonld'] },
    ],
    [
      'claimreview',
      'ministry-confirms-grain-corridor-talks.claimreview.jsonld',
      { name: 'JSON-LD', extensions: ['jsonld'] },
    ],
  ] as const)('offers a %s file name and filter', async (format, name, filter) => {
    const asked: [string, ExportFileFilter][] = []
    const out = await makeTempDir('workbench-export-')
    try {
      await saveExport(
        [fx.ids.grain],
        format,
        async (defaultName, f) => {
          asked.push([defaultName, f])
          return join(out, 'out')
        },
        {
          store: fx.core.store,
          now: () => new Date('2025-03-04T12:00:00Z'),
          profiles: memoryProfileStore({
            ...EMPTY_PROFILE,
            publishBaseUrl: 'https://example.org/c',
          }),
        },
        { replaceExisting: false, overwriteEdits: false },
      )
    } finally {
      await removeDir(out)
    }
    expect(asked).toEqual([[name, filter]])
  })

  it('names a linked claim in CSV by its statement and article, read from outside the export', async () => {
    // Only the port article is exported; the claim it links to is on the grain article.
    const { text } = await fx.core.value('export:preview', {
      articleIds: [fx.ids.port],
      format: 'csv',
    })
    const [header, row] = parseCsv(text)
    const grainTitle = fx.core.store.getArticle(fx.ids.grain)!.title
    expect(row![header!.indexOf('links')]).toBe(
      `supports: «talks on the grain corridor will resume» (${grainTitle})`,
    )
  })

  it('saves CSV for spreadsheets: a byte order mark and coercible values as text formulas', async () => {
    const out = await makeTempDir('workbench-export-')
    const path = join(out, 'export.csv')
    fx.core.answers.exportPath = path
    await fx.core.value('article:edit', { id: fx.ids.grain, patch: { publishedAt: '2024-03-18' } })
    await fx.core.value('export:save', {
      articleIds: [fx.ids.grain],
      format: 'csv',
      spreadsheet: true,
    })
    const text = await readFile(path, 'utf8')
    expect(text.startsWith('\uFEFFarticle_id,')).toBe(true)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(rows[0]![header!.indexOf('published_at')]).toBe('="2024-03-18"')
    // A time with its zone stays text in Calc: written as it is.
    expect(rows[0]![header!.indexOf('created_at')]).toMatch(/^\d{4}-\d\d-\d\dT.*Z$/u)
    await removeDir(out)
  })

  it('saves CSV with a byte order mark when asked, replacing an existing file whole', async () => {
    const out = await makeTempDir('workbench-export-')
    const path = join(out, 'export.csv')
    await writeFile(path, 'something the analyst had here\r\n')
    fx.core.answers.exportPath = path
    await fx.core.value('export:save', { articleIds: [fx.ids.grain], format: 'csv', bom: true })
    const bytes = await readFile(path)
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const text = bytes.toString('utf8').slice(1)
    expect(parseCsv(text)).toHaveLength(3)
    await fx.core.value('export:save', { articleIds: [fx.ids.grain], format: 'csv' })
    expect((await readFile(path, 'utf8')).startsWith('article_id,')).toBe(true)
    await removeDir(out)
  })
})
