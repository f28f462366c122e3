/**
 * The real `workbench` binary, run as a user would run it.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/main/store/library-store'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { requireBuiltCli, workbench } from '../support/cli'

const ARTICLE = `Port Authority Reports Record Grain Shipments

No time to read?
Get a summary

The port handled 4.2 million tonnes of grain in October, said Maria Keller, the authority's head of logistics.

Reuters cited the ministry of agriculture as saying exports would rise further [citation: Ministry of Agriculture bulletin].

Previous Article

An Unrelated Story About Football

Next Article

Another Unrelated Headline
`

describe('workbench command line', { timeout: 60_000 }, () => {
  let work: string
  let lib: string
  let articleId: string

  beforeAll(async () => {
    requireBuiltCli()
    work = await makeTempDir('workbench-cli-')
    lib = join(work, 'library')
    await writeFile(join(work, 'grain.txt'), ARTICLE)
    await writeFile(join(work, 'empty.txt'), '')
  })
  afterAll(async () => {
    await removeDir(work)
  })

  it('prints help with exit 0, and usage errors with exit 2', async () => {
    const help = await workbench(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/Usage: workbench/)
    const none = await workbench([])
    expect(none.code).toBe(2)
    const unknown = await workbench(['--library', lib, 'frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
    expect(unknown.stderr).toMatch(/unknown command "frobnicate"/)
    const badFlag = await workbench(['--library', lib, 'list', '--bogus'])
    expect(badFlag.code).toBe(2)
  })

  it('imports, reports duplicates and rejections, and exits 1 when anything was rejected', async () => {
    const first = await workbench(['--library', lib, 'import', join(work, 'grain.txt')])
    expect(first.code).toBe(0)
    const match =
      /^imported (art-[0-9a-f]{16}) Port Authority Reports Record Grain Shipments$/m.exec(
        first.stdout,
      )
    expect(match).not.toBeNull()
    articleId = match![1]!
    const again = await workbench([
      '--library',
      lib,
      'import',
      join(work, 'grain.txt'),
      join(work, 'empty.txt'),
      join(work, 'missing.txt'),
    ])
    expect(again.code).toBe(1)
    expect(again.stdout).toContain(`duplicate ${join(work, 'grain.txt')} ${articleId}`)
    expect(again.stdout).toMatch(
      new RegExp(`rejected ${join(work, 'empty.txt').replace(/[/.]/g, '\\$&')}: .*empty`),
    )
    expect(again.stdout).toMatch(/rejected .*missing\.txt: no such file/)
  })

  it('lists and shows articles, as text and JSON', async () => {
    const list = await workbench(['--library', lib, 'list', '--json'])
    expect(list.code).toBe(0)
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        id: articleId,
        title: 'Port Authority Reports Record Grain Shipments',
        annotations: 0,
      }),
    ])
    const show = await workbench(['--library', lib, 'show', articleId, '--json'])
    const article = JSON.parse(show.stdout)
    expect(article).toMatchObject({
      id: articleId,
      citations: ['Ministry of Agriculture bulletin'],
    })
    const texts = (article.blocks as { text: string }[]).map((b) => b.text).join('\n')
    expect(texts).toContain('4.2 million tonnes')
    expect(texts).not.toMatch(/No time to read|Get a summary|Previous Article|Unrelated/)
    const text = await workbench(['--library', lib, 'show', articleId])
    expect(text.stdout.split('\n')[0]).toBe('Port Authority Reports Record Grain Shipments')
  })

  it('annotates the first occurrence of a quote, and fails clearly when it is absent', async () => {
    const ok = await workbench([
      '--library',
      lib,
      'annotate',
      articleId,
      '--quote',
      '4.2 million tonnes',
      '--tag',
      'topic/grain',
      '--tag',
      'figure',
      '--note',
      'Check against customs data',
      '--claim',
    ])
    expect(ok.code).toBe(0)
    expect(ok.stdout).toMatch(/^annotated ann-[0-9a-f]{16} /)
    const missing = await workbench([
      '--library',
      lib,
      'annotate',
      articleId,
      '--quote',
      'not in the text',
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/^workbench: the quote is not in article/)
    const noQuote = await workbench(['--library', lib, 'annotate', articleId])
    expect(noQuote.code).toBe(2)
  })

  it('searches the library, as text and JSON, with filters', async () => {
    const text = await workbench(['--library', lib, 'search', 'tonnes'])
    expect(text.code).toBe(0)
    expect(text.stdout.split('\n')[0]).toBe(
      `${articleId}  Port Authority Reports Record Grain Shipments`,
    )
    expect(text.stdout).toMatch(/^ {4}text \(text\): .*4\.2 million \[\[tonnes\]\] of grain/m)
    expect(text.stdout).toMatch(
      /^ {4}claim ann-[0-9a-f]{16} \(quote\): 4\.2 million \[\[tonnes\]\]$/m,
    )
    const json = await workbench(['--library', lib, 'search', '--json', 'customs', 'tag:topic'])
    expect(json.code).toBe(0)
    const results = JSON.parse(json.stdout)
    expect(results).toMatchObject({ ready: true, total: 1 })
    expect(results.groups[0].hits).toEqual([
      expect.objectContaining({ kind: 'annotation', annotationKind: 'claim', field: 'note' }),
    ])
    const negated = await workbench(['--library', lib, 'search', '--', '-kind:claim', 'tonnes'])
    expect(negated.stdout).not.toMatch(/claim ann-/)
    expect(negated.stdout).toMatch(/\[\[tonnes\]\]/)
    const none = await workbench(['--library', lib, 'search', 'zeppelin'])
    expect(none).toMatchObject({ code: 0, stdout: '', stderr: 'no matches\n' })
    expect((await workbench(['--library', lib, 'search'])).code).toBe(2)
  })

  it('exports Markdown to stdout and to a file', async () => {
    const out = await workbench([
      '--library',
      lib,
      'export',
      '--article',
      articleId,
      '--format',
      'md',
    ])
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('Port Authority Reports Record Grain Shipments')
    expect(out.stdout).toMatch(/^> .*4\\?\.2 million tonnes/m)
    expect(out.stdout).toContain('#topic/grain')
    expect(out.stdout).toContain('Check against customs data')
    const file = join(work, 'briefing.md')
    const saved = await workbench([
      '--library',
      lib,
      'export',
      '--tag',
      'topic',
      '--format',
      'md',
      '--out',
      file,
    ])
    expect(saved.code).toBe(0)
    expect(await readFile(file, 'utf8')).toContain('Check against customs data')
    const wrongFormat = await workbench(['--library', lib, 'export', '--format', 'pdf'])
    expect(wrongFormat.code).toBe(2)
  })

  it('takes the briefing options of a Markdown export', async () => {
    const out = await workbench([
      '--library',
      lib,
      'export',
      '--article',
      articleId,
      '--format',
      'md',
      '--title',
      'Grain week',
      '--introduction',
      'Read on **Monday**.',
      '--group-by',
      'tag',
      '--skip-empty',
      '--no-block-ids',
    ])
    expect(out.code).toBe(0)
    expect(out.stdout).toContain('\n# Grain week\n')
    expect(out.stdout).toContain('\nRead on **Monday**.\n')
    expect(out.stdout).toContain('\n## Tag: topic/grain\n')
    expect(out.stdout).not.toMatch(/^\^/mu)
    const wrong = await workbench(['--library', lib, 'export', '--format', 'md', '--group-by', 'x'])
    expect(wrong).toMatchObject({ code: 2 })
    expect(wrong.stderr).toContain('--group-by takes article|tag|status')
    const notMd = await workbench(['--library', lib, 'export', '--format', 'csv', '--title', 'T'])
    expect(notMd).toMatchObject({ code: 2 })
    expect(notMd.stderr).toContain('--title applies to --format md only')
  })

  it('shows and changes the analyst profile, the same one exports read', async () => {
    const set = await workbench([
      'profile',
      '--name',
      'Dana Petrova',
      '--organisation',
      'Baltic Fact Desk',
      '--url',
      'https://desk.example.org/',
    ])
    expect(set.code).toBe(0)
    expect(set.stdout).toContain('Name: Dana Petrova\n')
    const shown = await workbench(['profile', '--json'])
    expect(JSON.parse(shown.stdout)).toMatchObject({
      name: 'Dana Petrova',
      organisation: 'Baltic Fact Desk',
      url: 'https://desk.example.org/',
    })
    const bad = await workbench(['profile', '--url', 'desk.example.org'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/URL must be an http or https address/)
    expect((await workbench(['profile', '--bogus'])).code).toBe(2)
    const md = await workbench(['--library', lib, 'export', '--format', 'md'])
    expect(md.stdout).toMatch(/^author: "?Dana Petrova"?$/m)
  })

  it('exports CSV, W3C and ClaimReview, and imports W3C annotations into another library', async () => {
    const csv = await workbench(['--library', lib, 'export', '--format', 'csv', '--bom'])
    expect(csv.code).toBe(0)
    expect(csv.stdout.startsWith('\uFEFFarticle_id,article_title,')).toBe(true)
    expect(csv.stdout).toContain('\r\n')
    expect(csv.stdout).toMatch(/,claim,4\.2 million tonnes,topic\/grain; figure,/)
    const bomMd = await workbench(['--library', lib, 'export', '--format', 'md', '--bom'])
    expect(bomMd.code).toBe(2)
    const sheet = await workbench(['--library', lib, 'export', '--format', 'csv', '--spreadsheet'])
    expect(sheet.code).toBe(0)
    expect(sheet.stdout.startsWith('\uFEFFarticle_id,')).toBe(true)
    const sheetMd = await workbench(['--library', lib, 'export', '--format', 'md', '--spreadsheet'])
    expect(sheetMd.code).toBe(2)

    const refused = await workbench(['--library', lib, 'export', '--format', 'claimreview'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/Set a publishing base URL in Profile/)
    const base = await workbench(['profile', '--publish-base-url', 'https://example.org/checks'])
    expect(base.code).toBe(0)
    const reviews = await workbench(['--library', lib, 'export', '--format', 'claimreview'])
    expect(reviews.code).toBe(0)
    expect(JSON.parse(reviews.stdout)[0].url).toMatch(/^https:\/\/example\.org\/checks#/)
    expect(JSON.parse(reviews.stdout)).toEqual([
      expect.objectContaining({ '@type': 'ClaimReview', claimReviewed: '4.2 million tonnes' }),
    ])

    const file = join(work, 'annotations.jsonld')
    const w3c = await workbench(['--library', lib, 'export', '--format', 'w3c', '--out', file])
    expect(w3c.code).toBe(0)
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      // The model's context, then the workbench extension's, inline.
      '@context': [
        'http://www.w3.org/ns/anno.jsonld',
        expect.objectContaining({ wb: 'urn:workbench:ns:' }),
      ],
      type: 'AnnotationCollection',
      total: 1,
    })

    const other = join(work, 'other-library')
    expect((await workbench(['--library', other, 'import', join(work, 'grain.txt')])).code).toBe(0)
    const imported = await workbench(['--library', other, 'import-annotations', file])
    expect(imported).toMatchObject({
      code: 0,
      stdout:
        '1 annotation: 1 placed, 0 drifted (wording changed), 0 kept as orphans on their article, 0 refused; 0 duplicates, 0 invalid\n',
    })
    const again = await workbench(['--library', other, 'import-annotations', file])
    expect(again.stdout).toBe(
      '1 annotation: 0 placed, 0 drifted (wording changed), 0 kept as orphans on their article, 0 refused; 1 duplicate, 0 invalid\n',
    )

    // Into a library with a corrected text: the claim is kept, marked drifted, and listed with why.
    const corrected = join(work, 'grain-corrected.txt')
    await writeFile(corrected, ARTICLE.replace('4.2 million tonnes', '4.5 million tonnes'))
    const third = join(work, 'third-library')
    expect((await workbench(['--library', third, 'import', corrected])).code).toBe(0)
    expect(await workbench(['--library', third, 'import-annotations', file])).toMatchObject({
      code: 0,
      stdout:
        '1 annotation: 0 placed, 1 drifted (wording changed), 0 kept as orphans on their article, 0 refused; 0 duplicates, 0 invalid\n' +
        '  #1 drifted on "Port Authority Reports Record Grain Shipments": matched by its title; wording changed, now "4.5 million tonnes" — "4.2 million tonnes"\n',
    })
    const otherCsv = await workbench(['--library', other, 'export', '--format', 'csv'])
    expect(otherCsv.stdout.split('\r\n')[1]).toBe(csv.stdout.split('\r\n')[1])

    const missing = await workbench([
      '--library',
      other,
      'import-annotations',
      join(work, 'nope.jsonld'),
    ])
    expect(missing.code).toBe(1)
    const notW3c = await workbench([
      '--library',
      other,
      'import-annotations',
      join(work, 'grain.txt'),
    ])
    expect(notW3c.code).toBe(1)
    expect(notW3c.stderr).toMatch(/^workbench: Not a W3C annotation document/)
  })

  it('refuses to write while another process holds the library', async () => {
    const store = await LibraryStore.open({ dir: lib })
    try {
      const result = await workbench(['--library', lib, 'import', join(work, 'grain.txt')])
      expect(result.code).toBe(1)
      expect(result.stderr).toMatch(/open in another window or process/)
      // Reading needs no lock.
      expect((await workbench(['--library', lib, 'list'])).code).toBe(0)
    } finally {
      await store.close()
    }
  })

  it('lists backups, says what a restore would roll back, and restores only with --yes', async () => {
    const list = await workbench(['--library', lib, 'restore', '--list'])
    expect(list.code).toBe(0)
    const today = list.stdout.trim().split('\n')[0]!
    expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    const later = await workbench([
      '--library',
      lib,
      'annotate',
      articleId,
      '--quote',
      'head of logistics',
      '--note',
      'made after the backup',
    ])
    expect(later.code).toBe(0)
    const preview = await workbench(['--library', lib, 'restore', today])
    expect(preview.code).toBe(1)
    expect(preview.stdout).toMatch(/^Restoring backup \d{4}-\d{2}-\d{2} would roll back:$/m)
    expect(preview.stdout).toMatch(/\d annotation\(s\) created since, which are removed/)
    expect(preview.stdout).toContain('head of logistics')
    expect(preview.stderr).toMatch(/nothing was changed; run again with --yes/)
    // The preview changed nothing.
    expect(JSON.parse((await workbench(['--library', lib, 'list', '--json'])).stdout)).toEqual([
      expect.objectContaining({ annotations: 2 }),
    ])
    const restored = await workbench(['--library', lib, 'restore', today, '--yes'])
    expect(restored.code).toBe(0)
    expect(restored.stdout).toMatch(/restored .*kept in .*pre-restore-/)
    const bad = await workbench(['--library', lib, 'restore', '1999-01-01'])
    expect(bad.code).toBe(1)
  })

  it('uses WORKBENCH_LIBRARY when --library is not given', async () => {
    const list = await workbench(['list', '--json'], { WORKBENCH_LIBRARY: lib })
    expect(JSON.parse(list.stdout)).toHaveLength(1)
  })
})
