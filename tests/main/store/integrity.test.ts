/**
 * Nothing an analyst makes is lost or hidden: the store's recovery paths.
 *
 * Each scenario damages a library the way the adversarial review did (a
 * truncated index, a stale cache, a killed multi-file change, a full disk, a
 * damaged annotation file) and checks that every acknowledged annotation is
 * still there, that nothing was rolled back, and that the damage is said.
 */
import { chmod, mkdir, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../../src/main/store/library-store'
import { CURRENT_VERSION, type ArticleFile } from '../../../src/main/store/files'
import { realIo, type WriteIo } from '../../../src/main/store/durable-file'
import { planRestore, restoreSnapshot } from '../../../src/main/store/restore'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, type TestCore } from '../../support/core'

const GRAIN = `Ministry Confirms Grain Corridor Talks

Officials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.

She added that 12 ships were waiting in port.`

const PORT = `Port Authority Reports Record Grain Shipments

The port handled 4.2 million tonnes of grain in October, said Maria Keller, the authority's head of logistics.`

const CARS = `Automaker Halts Assembly

BMW will stop assembling cars at the Avtotor plant, said Ilya Baryshev, the automaker's official representative in Russia.`

const DAY = Date.parse('2026-12-07T09:00:00.000Z')

let scenarios = 0

describe('library integrity', () => {
  let dir: string
  let clock: number
  const now = () => new Date(clock)

  afterAll(() => {
    console.log(`integrity scenarios: ${scenarios} passed`)
  })
  beforeEach(async () => {
    dir = await makeTempDir()
    clock = DAY
  })
  afterEach(async (context) => {
    if (context.task.result?.state === 'pass') scenarios++
    await chmod(dir, 0o755).catch(() => undefined)
    await removeDir(dir)
  })

  /** Three articles imported through the app core; `count` annotations spread over them. */
  async function library(count: number): Promise<{ ids: string[]; annotations: string[] }> {
    const core = await openTestCore(dir, now)
    const ids = await importThree(core)
    const annotations: string[] = []
    for (let i = 0; i < count; i++) {
      clock += 60_000
      const articleId = ids[i % 3]!
      const created = await core.value('annotation:create', {
        articleId,
        start: 0,
        end: 10 + (i % 5),
        kind: i % 4 === 0 ? 'claim' : 'highlight',
        tags: [`topic/t${i % 7}`],
        note: `note ${i}`,
      })
      annotations.push(created.id)
    }
    await core.close()
    return { ids, annotations }
  }

  async function importThree(core: TestCore): Promise<string[]> {
    const report = await core.value('import:files', {
      files: [textFile('grain.txt', GRAIN), textFile('port.txt', PORT), textFile('cars.txt', CARS)],
    })
    return report.outcomes.map((o) => (o.status === 'imported' ? o.id : ''))
  }

  async function allAnnotationIds(store: LibraryStore): Promise<string[]> {
    const out: string[] = []
    for (const entry of store.listArticles()) {
      out.push(...(await store.readArticle(entry.id)).annotations.map((a) => a.id))
    }
    return out.sort()
  }

  describe('a damaged or lost index is rebuilt from the article files, keeping every annotation', () => {
    it.each([
      ['truncated', (text: string) => text.slice(0, Math.floor(text.length / 2))],
      ['empty', () => ''],
      ['not JSON', () => 'hello, I am not JSON'],
      ['of the wrong shape', () => JSON.stringify({ schemaVersion: 3, articles: 'oops' })],
    ])('when library.json is %s', async (_label, damage) => {
      const { ids, annotations } = await library(12)
      const indexPath = join(dir, 'library.json')
      const before = JSON.parse(await readFile(indexPath, 'utf8')) as {
        articles: { id: string; title: string; source: string | null }[]
      }
      // The morning snapshot knows nothing of what came after it: restoring it would roll back.
      const damaged = damage(await readFile(indexPath, 'utf8'))
      await writeFile(indexPath, damaged)

      const readOnly = await LibraryStore.open({ dir, readOnly: true, now })
      expect(readOnly.unreadable).toMatch(/library\.json .*"workbench repair"/)
      expect(readOnly.unreadable).toMatch(/nothing is lost/)
      await readOnly.close()
      expect(await readFile(indexPath, 'utf8')).toBe(damaged)

      const store = await LibraryStore.open({ dir, now })
      expect(store.readOnly).toBeNull()
      expect(store.notices.join('\n')).toMatch(
        /The index was rebuilt from the article files: 3 article\(s\), 3 with their details as imported; every annotation was kept\. The damaged file was kept as .*library\.json\.damaged-/,
      )
      expect(
        store
          .listArticles()
          .map((a) => a.id)
          .sort(),
      ).toEqual([...ids].sort())
      for (const entry of before.articles) {
        expect(store.getArticle(entry.id)).toMatchObject({
          title: entry.title,
          source: entry.source,
        })
      }
      expect(await allAnnotationIds(store)).toEqual([...annotations].sort())
      expect(store.listArticles().reduce((n, a) => n + a.annotationCount, 0)).toBe(12)
      await store.close()
      const kept = (await readdir(dir)).filter((n) => n.startsWith('library.json.damaged-'))
      expect(kept).toHaveLength(1)
      expect(await readFile(join(dir, kept[0]!), 'utf8')).toBe(damaged)
    })

    it('when library.json is missing', async () => {
      const { annotations } = await library(5)
      await rm(join(dir, 'library.json'))
      const store = await LibraryStore.open({ dir, now })
      expect(store.notices.join('\n')).toMatch(
        /\(library\.json\) was missing\. The index was rebuilt/,
      )
      expect(await allAnnotationIds(store)).toEqual([...annotations].sort())
      await store.close()
    })

    it('takes details of texts stored before bodies kept them from a snapshot, else from the text', async () => {
      const { ids } = await library(3)
      // Bodies of schema 1 kept no metadata.
      for (const name of await readdir(join(dir, 'bodies'))) {
        const body = JSON.parse(await readFile(join(dir, 'bodies', name), 'utf8'))
        await writeFile(
          join(dir, 'bodies', name),
          JSON.stringify({ schemaVersion: 1, contentHash: body.contentHash, blocks: body.blocks }),
        )
      }
      // The snapshot of the day knows the first two articles only.
      const snapshot = join(dir, 'backups', '2026-12-07', 'library.json')
      const index = JSON.parse(await readFile(snapshot, 'utf8'))
      index.articles = index.articles.filter((a: { id: string }) => a.id !== ids[2])
      await rm(snapshot)
      await writeFile(snapshot, JSON.stringify(index))
      await writeFile(join(dir, 'library.json'), '{"trunc')
      const store = await LibraryStore.open({ dir, now })
      expect(store.notices.join('\n')).toMatch(
        /2 with details from a backup, 1 whose details \(source, byline, date\) were lost, titled from their text/,
      )
      expect(store.getArticle(ids[0]!)).toMatchObject({
        title: 'Ministry Confirms Grain Corridor Talks',
        titleDerived: false,
      })
      expect(store.getArticle(ids[2]!)).toMatchObject({ titleDerived: true, source: null })
      // The title line is not part of the text: the first sentence stands in for it.
      expect(store.getArticle(ids[2]!)?.title).toMatch(/^BMW will stop assembling cars/)
      await store.close()
    })

    it('brings back an article whose index entry was quarantined, with its annotations', async () => {
      const { ids, annotations } = await library(6)
      const indexPath = join(dir, 'library.json')
      const index = JSON.parse(await readFile(indexPath, 'utf8'))
      // What a v2 index with a tag named "constructor" looked like: the entry fails validation.
      index.articles[1].wordCount = 'many'
      await writeFile(indexPath, JSON.stringify(index))
      const store = await LibraryStore.open({ dir, now })
      expect(store.quarantined?.count).toBe(1)
      expect(store.notices.join('\n')).toMatch(
        /1 article\(s\) with annotations were missing from the index and were recovered/,
      )
      expect(
        store
          .listArticles()
          .map((a) => a.id)
          .sort(),
      ).toEqual([...ids].sort())
      expect(await allAnnotationIds(store)).toEqual([...annotations].sort())
      await store.close()
    })
  })

  describe('derived figures heal themselves', () => {
    it('re-derives after a failed index write, because the marker stays until the figures are written', async () => {
      const { ids } = await library(0)
      let failIndex = false
      const io: WriteIo = {
        ...realIo,
        rename: async (from, to) => {
          if (failIndex && String(to).endsWith('library.json')) {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
          }
          return realIo.rename(from, to)
        },
      }
      const store = await LibraryStore.open({ dir, now, io, indexDelayMs: 0 })
      failIndex = true
      for (const id of ids) {
        await store.mutateArticle(id, (draft) => {
          draft.tags = ['region/baltic']
        })
      }
      await store.close()
      expect(await stat(join(dir, '.workbench.open'))).toBeTruthy()
      const stale = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'))
      expect(stale.articles.every((a: { tags: string[] }) => a.tags.length === 0)).toBe(true)
      const again = await LibraryStore.open({ dir, now })
      expect(again.listArticles().every((a) => a.tags.includes('region/baltic'))).toBe(true)
      await again.close()
    })

    it('re-derives an entry whose article file changed behind the app’s back', async () => {
      const { ids } = await library(3)
      const changed = join(dir, 'annotations', `${ids[0]}.json`)
      const file = JSON.parse(await readFile(changed, 'utf8')) as ArticleFile
      file.annotations = []
      await writeFile(changed, JSON.stringify(file))
      const store = await LibraryStore.open({ dir, now })
      expect(store.getArticle(ids[0]!)?.annotationCount).toBe(0)
      expect(store.getArticle(ids[1]!)?.annotationCount).toBe(1)
      await store.close()
    })

    it('migrates a v2 index whose tag counts a tag named constructor had corrupted', async () => {
      const { ids } = await library(0)
      const store = await LibraryStore.open({ dir, now })
      await store.mutateArticle(ids[0]!, (draft) => {
        draft.annotations.push({
          id: 'ann-proto',
          articleId: ids[0]!,
          target: {
            contentHash: 'h',
            quote: { type: 'TextQuoteSelector', exact: 'Ministry', prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: 8 },
          },
          kind: 'highlight',
          tags: ['constructor', '__proto__', 'toString'],
          note: '',
          claim: null,
          createdAt: '2026-12-07T09:00:00.000Z',
          updatedAt: '2026-12-07T09:00:00.000Z',
        })
      })
      await store.close()
      const indexPath = join(dir, 'library.json')
      const index = JSON.parse(await readFile(indexPath, 'utf8'))
      index.schemaVersion = 2
      for (const entry of index.articles) {
        delete entry.derivedStamp
        entry.tagCounts = {}
      }
      // What the v2 code wrote: a count that is the text of Object's constructor.
      index.articles[0].tagCounts = JSON.parse(
        '{"constructor":"function Object() { [native code] }1","toString":"function toString() { [native code] }1"}',
      )
      await writeFile(indexPath, JSON.stringify(index))
      const again = await LibraryStore.open({ dir, now })
      expect(again.quarantined).toBeNull()
      expect(again.getArticle(ids[0]!)?.tagCounts).toEqual([
        ['constructor', 1],
        ['__proto__', 1],
        ['toString', 1],
      ])
      await again.close()
      const written = JSON.parse(await readFile(indexPath, 'utf8'))
      expect(written.schemaVersion).toBe(CURRENT_VERSION.index)
      expect(await readFile(`${indexPath}.v2.bak`, 'utf8')).toContain('native code')
    })

    it('opens a library the previous release wrote (index v3, article files v1) and loses nothing', async () => {
      const { ids } = await library(3)
      const store = await LibraryStore.open({ dir, now })
      await store.mutateArticle(ids[0]!, (draft) => {
        draft.note = 'kept'
        draft.tags = ['kept/tag']
      })
      await store.close()
      const indexPath = join(dir, 'library.json')
      const index = JSON.parse(await readFile(indexPath, 'utf8'))
      index.schemaVersion = 3
      for (const entry of index.articles) {
        for (const key of [
          'original',
          'versionHashes',
          'edited',
          'trashedAt',
          'versionCount',
          'language',
        ]) {
          delete entry[key]
        }
      }
      await writeFile(indexPath, JSON.stringify(index))
      const articlePath = join(dir, 'annotations', `${ids[0]}.json`)
      const file = JSON.parse(await readFile(articlePath, 'utf8'))
      file.schemaVersion = 1
      delete file.meta
      delete file.trashedAt
      delete file.versions
      await writeFile(articlePath, JSON.stringify(file))
      const titles = index.articles.map((e: { title: string }) => e.title)

      const again = await LibraryStore.open({ dir, now })
      expect(again.quarantined).toBeNull()
      expect(again.readOnly).toBeNull()
      expect(again.listArticles().map((e) => e.title)).toEqual(titles)
      const first = again.getArticle(ids[0]!)!
      expect(first.original).toMatchObject({ title: first.title, contentHash: first.contentHash })
      expect(first).toMatchObject({
        edited: [],
        trashedAt: null,
        versionCount: 1,
        tags: ['kept/tag'],
      })
      expect((await again.readArticle(ids[0]!)).note).toBe('kept')
      await again.close()
      expect(await readFile(`${indexPath}.v3.bak`, 'utf8')).toContain('"schemaVersion":3')
      const migrated = JSON.parse(await readFile(articlePath, 'utf8'))
      expect(migrated).toMatchObject({ schemaVersion: 3, meta: {}, trashedAt: null, versions: [] })
    })

    it('reads an index saved with a byte order mark', async () => {
      const { ids } = await library(2)
      const indexPath = join(dir, 'library.json')
      await writeFile(indexPath, `\uFEFF${await readFile(indexPath, 'utf8')}`)
      const store = await LibraryStore.open({ dir, readOnly: true, now })
      expect(store.unreadable).toBeNull()
      expect(
        store
          .listArticles()
          .map((a) => a.id)
          .sort(),
      ).toEqual([...ids].sort())
      await store.close()
    })
  })

  describe('changes across several files are whole or rolled forward', () => {
    it('rolls a journal left by a killed change forward at the next open', async () => {
      const { ids } = await library(3)
      const codebook = JSON.parse(await readFile(join(dir, 'codebook.json'), 'utf8'))
      codebook.tags = [...codebook.tags, { ...codebook.tags[0], name: 'subject/renamed' }]
      const article = JSON.parse(await readFile(join(dir, 'annotations', `${ids[0]}.json`), 'utf8'))
      article.annotations[0].tags = ['subject/renamed']
      await writeFile(
        join(dir, '.workbench.journal.json'),
        JSON.stringify({
          schemaVersion: 1,
          createdAt: '2026-12-07T10:00:00.000Z',
          label: 'Rename tag "topic/t0" to "subject/renamed"',
          files: [
            { path: 'codebook.json', content: JSON.stringify(codebook) },
            { path: `annotations/${ids[0]}.json`, content: JSON.stringify(article) },
          ],
        }),
      )
      const store = await LibraryStore.open({ dir, now })
      expect(store.notices.join('\n')).toMatch(
        /\("Rename tag "topic\/t0" to "subject\/renamed""\) was interrupted; it was completed in all 2 files/,
      )
      expect(store.listTags().some((t) => t.name === 'subject/renamed')).toBe(true)
      expect((await store.readArticle(ids[0]!)).annotations[0]?.tags).toEqual(['subject/renamed'])
      expect(store.getArticle(ids[0]!)?.tagCounts).toContainEqual(['subject/renamed', 1])
      await store.close()
      await expect(stat(join(dir, '.workbench.journal.json'))).rejects.toMatchObject({
        code: 'ENOENT',
      })
    })

    it('refuses a journal that names a file outside the codebook and article files', async () => {
      await library(1)
      await writeFile(
        join(dir, '.workbench.journal.json'),
        JSON.stringify({
          schemaVersion: 1,
          createdAt: 'x',
          label: 'evil',
          files: [{ path: '../../outside.json', content: '{}' }],
        }),
      )
      const store = await LibraryStore.open({ dir, now })
      expect(store.notices.join('\n')).toMatch(/could not be read and was kept as/)
      await store.close()
      await expect(stat(join(dir, '..', '..', 'outside.json'))).rejects.toMatchObject({
        code: 'ENOENT',
      })
    })

    it('puts back the files already written when a later write fails, and leaves no journal', async () => {
      const { ids } = await library(3)
      let renames = 0
      let failAt = Number.POSITIVE_INFINITY
      const io: WriteIo = {
        ...realIo,
        rename: async (from, to) => {
          if (String(to).includes('annotations') && ++renames === failAt) {
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
          }
          return realIo.rename(from, to)
        },
      }
      const store = await LibraryStore.open({ dir, now, io })
      const before = await Promise.all(ids.map((id) => store.readArticle(id)))
      renames = 0
      failAt = 2
      await expect(
        store.mutateMany(
          'Tag everything',
          (draft) => {
            draft.tags.push({ ...draft.tags[0]!, name: 'new/tag' })
          },
          ids.map((id) => ({
            id,
            change: (draft) => {
              draft.tags = ['new/tag']
            },
          })),
        ),
      ).rejects.toMatchObject({ code: 'io-error', message: expect.stringMatching(/is full/) })
      expect(await Promise.all(ids.map((id) => store.readArticle(id)))).toEqual(before)
      expect(store.listTags().some((t) => t.name === 'new/tag')).toBe(false)
      await expect(stat(join(dir, '.workbench.journal.json'))).rejects.toMatchObject({
        code: 'ENOENT',
      })
      await store.close()
      const again = await LibraryStore.open({ dir, now })
      expect(await Promise.all(ids.map((id) => again.readArticle(id)))).toEqual(before)
      expect(again.listTags().some((t) => t.name === 'new/tag')).toBe(false)
      await again.close()
    })
  })

  describe('snapshots', () => {
    it('are taken while the app stays open, after hours of work, and on each new day', async () => {
      const { ids } = await library(1)
      const store = await LibraryStore.open({ dir, now })
      await store.backupDone
      const first = await store.listBackups()
      clock += 60 * 60_000
      await store.mutateArticle(ids[0]!, (d) => void (d.note = 'an hour later'))
      await store.backupDone
      expect(await store.listBackups()).toEqual(first)
      clock += 3 * 60 * 60_000
      await store.mutateArticle(ids[0]!, (d) => void (d.note = 'four hours later'))
      await store.backupDone
      const timed = new Date(clock).toISOString().slice(0, 16).replace(':', '-')
      expect(await store.listBackups()).toContain(timed)
      clock = Date.parse('2026-12-08T08:00:00.000Z')
      await store.mutateArticle(ids[0]!, (d) => void (d.note = 'the next morning'))
      await store.backupDone
      expect(await store.listBackups()).toContain('2026-12-08')
      const snapshot = JSON.parse(
        await readFile(join(dir, 'backups', timed, 'annotations', `${ids[0]}.json`), 'utf8'),
      )
      expect(snapshot.note).toBe('four hours later')
      await store.close()
    })

    it('protect a new library’s first day, share no file with the live library, and copy only what changed', async () => {
      const { ids } = await library(4)
      expect(await readdir(join(dir, 'backups'))).toEqual(['2026-12-07'])
      clock = Date.parse('2026-12-08T08:00:00.000Z')
      const store = await LibraryStore.open({ dir, now })
      await store.backupDone
      const [changed, unchanged] = [ids[0]!, ids[1]!].map((id) => `${id}.json`)
      clock += 4 * 60 * 60_000
      await store.mutateArticle(ids[0]!, (d) => void (d.note = 'changed since the morning'))
      await store.backupDone
      await store.close()
      const [timed] = (await readdir(join(dir, 'backups'))).filter((n) => n.includes('T'))
      const at = (snapshot: string, name: string) =>
        stat(join(dir, 'backups', snapshot, 'annotations', name))
      const live = (name: string) => stat(join(dir, 'annotations', name))
      // Unchanged: the same copy as the morning's, never the live file.
      expect((await at(timed!, unchanged!)).ino).toBe((await at('2026-12-08', unchanged!)).ino)
      expect((await at(timed!, unchanged!)).ino).not.toBe((await live(unchanged!)).ino)
      // Changed: a copy of its own.
      expect((await at(timed!, changed!)).ino).not.toBe((await at('2026-12-08', changed!)).ino)
      expect((await at(timed!, changed!)).ino).not.toBe((await live(changed!)).ino)
    })

    it('are skipped with a notice when the disk is nearly full, and saves still work', async () => {
      const { ids } = await library(1)
      clock = Date.parse('2026-12-08T08:00:00.000Z')
      const store = await LibraryStore.open({ dir, now, freeBytes: async () => 200 * 1024 })
      await store.backupDone
      expect(store.notices.join('\n')).toMatch(
        /No backup was taken: the disk holding .* has 200 KB free and a backup needs about 1\.\d MB\. Free some space; your saves are not affected\./,
      )
      expect(await store.listBackups()).toEqual(['2026-12-07'])
      await store.mutateArticle(ids[0]!, (d) => void (d.note = 'still saved'))
      await store.close()
      expect((await readdir(join(dir, 'backups'))).filter((n) => n.startsWith('.'))).toEqual([])
    })

    it('remove the app’s own leftovers and never a file the app did not make', async () => {
      await library(1)
      const backups = join(dir, 'backups')
      await mkdir(join(backups, '.2026-12-06.4242.tmp', 'annotations'), { recursive: true })
      await writeFile(join(backups, '.2026-12-06.4242.tmp', 'library.json'), 'x'.repeat(4096))
      await writeFile(join(dir, '.library.json.4242.0123456789ab.tmp'), 'half written')
      await writeFile(join(dir, 'annotations', '.art-1.json.4242.0123456789ab.tmp'), 'half')
      const mine = ['.notes.tmp', '.library.json.tmp', '.draft.4242.tmp']
      for (const name of mine) await writeFile(join(dir, name), 'the analyst’s own file')
      const store = await LibraryStore.open({ dir, now })
      await store.close()
      const left = await readdir(dir)
      for (const name of mine) expect(left).toContain(name)
      expect(left).not.toContain('.library.json.4242.0123456789ab.tmp')
      expect(await readdir(join(dir, 'annotations'))).not.toContain(
        '.art-1.json.4242.0123456789ab.tmp',
      )
      expect(await readdir(backups)).not.toContain('.2026-12-06.4242.tmp')
    })
  })

  describe('restore says what it would roll back and keeps what it replaces', () => {
    it('lists annotations made since the snapshot by date, and keeps them in the pre-restore copy', async () => {
      const { ids } = await library(2)
      clock += 2 * 60 * 60_000
      const core = await openTestCore(dir, now)
      const later = await core.value('annotation:create', {
        articleId: ids[1]!,
        start: 0,
        end: 8,
        kind: 'highlight',
        tags: [],
        note: 'made after the snapshot',
      })
      const extra = await core.value('import:files', {
        files: [textFile('extra.txt', 'Extra Report\n\nA later article about grain.')],
      })
      await core.close()
      const plan = await planRestore(dir, '2026-12-07')
      expect(plan.annotationsRemoved.map((a) => a.annotationId)).toContain(later.id)
      expect(plan.annotationsRemoved.find((a) => a.annotationId === later.id)?.at).toBe(
        new Date(clock).toISOString(),
      )
      expect(plan.articlesRemoved.map((a) => a.title)).toEqual(['Extra Report'])
      const safety = await restoreSnapshot(dir, '2026-12-07', new Date(clock))
      const store = await LibraryStore.open({ dir, now })
      expect(await allAnnotationIds(store)).not.toContain(later.id)
      await store.close()
      const kept = JSON.parse(
        await readFile(join(safety, 'annotations', `${ids[1]}.json`), 'utf8'),
      ) as ArticleFile
      expect(kept.annotations.map((a) => a.id)).toContain(later.id)
      const extraId = extra.outcomes[0]?.status === 'imported' ? extra.outcomes[0].id : ''
      expect(
        JSON.parse(await readFile(join(safety, 'library.json'), 'utf8')).articles.map(
          (a: { id: string }) => a.id,
        ),
      ).toContain(extraId)
    })

    it('leaves the marker, so a killed restore still re-derives the figures', async () => {
      const { ids } = await library(3)
      await restoreSnapshot(dir, '2026-12-07', new Date(clock))
      expect(await stat(join(dir, '.workbench.open'))).toBeTruthy()
      // Say the restore was killed after writing the index: the article files are newer.
      const store = await LibraryStore.open({ dir, now })
      const counts = ids.map((id) => store.getArticle(id)?.annotationCount)
      const actual = await Promise.all(
        ids.map(async (id) => (await store.readArticle(id)).annotations.length),
      )
      expect(counts).toEqual(actual)
      await store.close()
    })
  })

  describe('a damaged annotation file never looks like an empty article', () => {
    it('marks the article damaged, refuses changes to it, offers the newest backup, and restores it', async () => {
      const { ids } = await library(6)
      // The next morning's snapshot has the file as it was.
      clock = Date.parse('2026-12-08T08:00:00.000Z')
      await (await LibraryStore.open({ dir, now })).close()
      const path = join(dir, 'annotations', `${ids[0]}.json`)
      await truncate(path, 40)
      const store = await LibraryStore.open({ dir, now })
      expect(store.damageOf(ids[0]!)).toMatchObject({
        part: 'annotations',
        reason: expect.stringMatching(/is damaged/),
      })
      expect(store.damageOf(ids[1]!)).toBeNull()
      await expect(store.mutateArticle(ids[0]!, (d) => void (d.note = 'x'))).rejects.toMatchObject({
        code: 'read-only',
      })
      const backup = await store.newestArticleBackup(ids[0]!)
      expect(backup).toMatchObject({ name: '2026-12-08', annotationCount: 2 })
      const restored = await store.restoreArticleFromBackup(ids[0]!)
      expect(restored.damagedKeptAs).toMatch(/quarantine/)
      expect((await readFile(restored.damagedKeptAs)).length).toBe(40)
      expect(store.damageOf(ids[0]!)).toBeNull()
      expect((await store.readArticle(ids[0]!)).annotations).toHaveLength(2)
      expect(store.getArticle(ids[0]!)?.annotationCount).toBe(2)
      await store.mutateArticle(ids[0]!, (d) => void (d.note = 'repaired'))
      await store.close()
    })
  })

  describe('messages name the path and the remedy', () => {
    it('refuses to open a missing folder or a file read-only, and a folder that holds no library', async () => {
      await expect(
        LibraryStore.open({ dir: join(dir, 'typo'), readOnly: true }),
      ).rejects.toMatchObject({
        code: 'not-found',
        message: expect.stringMatching(/^No library at .*typo: the folder does not exist/),
      })
      await writeFile(join(dir, 'file.txt'), 'x')
      await expect(
        LibraryStore.open({ dir: join(dir, 'file.txt'), readOnly: true }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/is a file, not a library folder/) })
      await mkdir(join(dir, 'documents'))
      await expect(
        LibraryStore.open({ dir: join(dir, 'documents'), create: false }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/is not a library/) })
    })
  })
})
