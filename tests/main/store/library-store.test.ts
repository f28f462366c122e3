import { mkdir, readFile, readdir, writeFile, chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryStore, listBackupNames } from '../../../src/main/store/library-store'
import { restoreSnapshot as restoreBackup } from '../../../src/main/store/restore'
import { CURRENT_VERSION, type IndexEntry } from '../../../src/main/store/files'
import type { Annotation } from '../../../src/shared/domain/annotation'
import { realIo, type WriteIo } from '../../../src/main/store/durable-file'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { testEntry } from '../../support/index-entry'

function entry(n: number, overrides: Partial<IndexEntry> = {}): IndexEntry {
  return testEntry(
    {
      id: `art-${n}`,
      title: `Article ${n}`,
      source: 'example.org',
      fileName: `${n}.txt`,
      importedAt: '2026-11-01T00:00:00.000Z',
      contentHash: `hash${n}`,
    },
    overrides,
  )
}

function annotation(id: string, articleId: string): Annotation {
  return {
    id,
    articleId,
    target: {
      contentHash: 'h',
      quote: { type: 'TextQuoteSelector', exact: 'Body', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 4 },
    },
    kind: 'highlight',
    tags: ['topic/test'],
    note: 'a note',
    claim: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  }
}

const BLOCKS = [{ type: 'paragraph' as const, text: 'Body text' }]
const NOW = () => new Date('2026-11-22T10:00:00.000Z')

describe('LibraryStore', () => {
  let dir: string
  let scenarios = 0
  afterAll(() => {
    console.log(`store and corruption scenarios: ${scenarios} passed`)
  })
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async (context) => {
    if (context.task.result?.state === 'pass') scenarios++
    await chmod(dir, 0o755).catch(() => undefined)
    await removeDir(dir)
  })

  async function seed(count: number): Promise<void> {
    const store = await LibraryStore.open({ dir, now: NOW })
    await store.addArticles(
      Array.from({ length: count }, (_, i) => ({ entry: entry(i), blocks: BLOCKS })),
    )
    await store.close()
  }

  it('keeps articles and annotations across a reopen', async () => {
    await seed(2)
    const store = await LibraryStore.open({ dir, now: NOW, indexDelayMs: 0 })
    await store.mutateArticle('art-1', (draft) => {
      draft.annotations.push(annotation('ann-1', 'art-1'))
    })
    await store.close()
    const again = await LibraryStore.open({ dir, now: NOW })
    expect(again.listArticles().map((a) => a.id)).toEqual(['art-0', 'art-1'])
    expect((await again.readArticle('art-1')).annotations.map((a) => a.id)).toEqual(['ann-1'])
    expect(again.getArticle('art-1')?.annotationCount).toBe(1)
    expect(await again.readBody(again.getArticle('art-0')!)).toEqual(BLOCKS)
    await again.close()
  })

  it('writes one small file per saved annotation, not the index', async () => {
    await seed(50)
    const store = await LibraryStore.open({ dir, now: NOW, indexDelayMs: 60_000 })
    const indexBefore = await readFile(join(dir, 'library.json'), 'utf8')
    await store.mutateArticle('art-7', (draft) => {
      draft.annotations.push(annotation('ann-1', 'art-7'))
    })
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(indexBefore)
    const saved = JSON.parse(await readFile(join(dir, 'annotations', 'art-7.json'), 'utf8'))
    expect(saved.annotations).toHaveLength(1)
    await store.close()
    // Derived figures reach the index on close.
    const index = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'))
    expect(index.articles[7].annotationCount).toBe(1)
  })

  it('re-derives the index figures after a session that did not close cleanly', async () => {
    await seed(2)
    const article = {
      schemaVersion: 1,
      articleId: 'art-1',
      status: 'done',
      tags: ['region/baltic'],
      note: '',
      annotations: [annotation('ann-1', 'art-1'), annotation('ann-2', 'art-1')],
    }
    // What a killed session leaves: the article file saved, the lazily written index not yet.
    await writeFile(join(dir, 'annotations', 'art-1.json'), JSON.stringify(article))
    await writeFile(join(dir, '.workbench.open'), '{}')
    const store = await LibraryStore.open({ dir, now: NOW })
    expect(store.getArticle('art-1')).toMatchObject({
      status: 'done',
      tags: ['region/baltic'],
      annotationCount: 2,
      tagCounts: [['topic/test', 2]],
    })
    await store.close()
    await expect(readFile(join(dir, '.workbench.open'), 'utf8')).rejects.toMatchObject({
      code: 'ENOENT',
    })
    const index = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8'))
    expect(index.articles[1].annotationCount).toBe(2)
  })

  it('re-derives the figures of an article whose file changed after a clean close', async () => {
    await seed(1)
    await writeFile(
      join(dir, 'annotations', 'art-0.json'),
      JSON.stringify({
        schemaVersion: 1,
        articleId: 'art-0',
        status: 'done',
        tags: [],
        note: '',
        annotations: [annotation('ann-1', 'art-0')],
      }),
    )
    const store = await LibraryStore.open({ dir, now: NOW })
    expect(store.getArticle('art-0')).toMatchObject({ status: 'done', annotationCount: 1 })
    await store.close()
  })

  it('lets only one of two concurrent imports of the same article in', async () => {
    const store = await LibraryStore.open({ dir, now: NOW })
    const results = await Promise.allSettled([
      store.addArticles([{ entry: entry(1), blocks: BLOCKS }]),
      store.addArticles([{ entry: entry(1), blocks: BLOCKS }]),
    ])
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected'])
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({
      reason: { code: 'duplicate' },
    })
    expect(store.listArticles()).toHaveLength(1)
    await store.close()
  })

  it('coalesces concurrent saves and acknowledges every one', async () => {
    await seed(1)
    let writes = 0
    const io: WriteIo = {
      ...realIo,
      rename: async (a, b) => {
        writes++
        return realIo.rename(a, b)
      },
    }
    const store = await LibraryStore.open({ dir, now: NOW, io })
    writes = 0
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.mutateArticle('art-0', (draft) => {
          draft.annotations.push(annotation(`ann-${i}`, 'art-0'))
        }),
      ),
    )
    expect(writes).toBeLessThan(20)
    expect(writes).toBeGreaterThan(0)
    const onDisk = JSON.parse(await readFile(join(dir, 'annotations', 'art-0.json'), 'utf8'))
    expect(onDisk.annotations).toHaveLength(20)
    await store.close()
  })

  it('migrates an older index and keeps the pre-migration file', async () => {
    const v1 = {
      schemaVersion: 1,
      articles: [
        {
          ...entry(1),
          titleDerived: undefined,
          citations: undefined,
          status: undefined,
          tags: undefined,
          annotationCount: undefined,
          claimCount: undefined,
          tagCounts: undefined,
        },
      ],
    }
    const text = JSON.stringify(v1)
    await writeFile(join(dir, 'library.json'), text)
    const store = await LibraryStore.open({ dir, now: NOW })
    expect(store.readOnly).toBeNull()
    expect(store.getArticle('art-1')).toMatchObject({
      status: 'unread',
      citations: [],
      annotationCount: 0,
    })
    await store.close()
    expect(await readFile(join(dir, 'library.json.v1.bak'), 'utf8')).toBe(text)
    expect(JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')).schemaVersion).toBe(
      CURRENT_VERSION.index,
    )
  })

  it('refuses a newer schema version and changes nothing', async () => {
    const text = JSON.stringify({ schemaVersion: 99, articles: [] })
    await writeFile(join(dir, 'library.json'), text)
    const store = await LibraryStore.open({ dir, now: NOW })
    expect(store.readOnly).toContain(
      `newer version of Analyst Workbench (schema 99; this version reads up to ${CURRENT_VERSION.index})`,
    )
    expect(store.unreadable).toBe(store.readOnly)
    await expect(store.mutateCodebook(() => undefined)).rejects.toMatchObject({ code: 'read-only' })
    await store.close()
    expect(await readFile(join(dir, 'library.json'), 'utf8')).toBe(text)
  })

  it('quarantines one bad record among many and opens the rest', async () => {
    const articles: unknown[] = Array.from({ length: 2000 }, (_, i) => entry(i))
    articles[1234] = { ...entry(1234), wordCount: 'many' }
    await writeFile(join(dir, 'library.json'), JSON.stringify({ schemaVersion: 2, articles }))
    const store = await LibraryStore.open({ dir, now: NOW })
    expect(store.readOnly).toBeNull()
    expect(store.listArticles()).toHaveLength(1999)
    expect(store.getArticle('art-1234')).toBeUndefined()
    expect(store.quarantined).toEqual({ count: 1, dir: join(dir, 'quarantine') })
    const [file] = await readdir(join(dir, 'quarantine'))
    const record = JSON.parse(await readFile(join(dir, 'quarantine', file!), 'utf8'))
    expect(record.reason).toMatch(/wordCount/)
    expect(record.record.id).toBe('art-1234')
    await store.close()
  })

  it('quarantines a bad annotation and keeps the good ones', async () => {
    await seed(1)
    const good = annotation('ann-good', 'art-0')
    await writeFile(
      join(dir, 'annotations', 'art-0.json'),
      JSON.stringify({
        schemaVersion: 1,
        articleId: 'art-0',
        status: 'reading',
        tags: [],
        note: '',
        annotations: [good, { id: 'ann-bad' }],
      }),
    )
    const store = await LibraryStore.open({ dir, now: NOW })
    const state = await store.readArticle('art-0')
    expect(state.annotations.map((a) => a.id)).toEqual(['ann-good'])
    expect(state.status).toBe('reading')
    expect(store.quarantined?.count).toBe(1)
    await store.close()
  })

  it('reports a missing article body clearly', async () => {
    await seed(1)
    const store = await LibraryStore.open({ dir, now: NOW })
    const { rm } = await import('node:fs/promises')
    await rm(join(dir, 'bodies', 'hash0.json'))
    await expect(store.readBody(store.getArticle('art-0')!)).rejects.toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(
        /The text of "Article 0" is missing .*Import the same article/,
      ),
    })
    await store.close()
  })

  it('refuses a second writer with a clear message', async () => {
    const first = await LibraryStore.open({ dir, now: NOW })
    await expect(LibraryStore.open({ dir, now: NOW })).rejects.toMatchObject({
      code: 'locked',
      message: expect.stringMatching(/open in another window or process/),
    })
    await first.close()
    const second = await LibraryStore.open({ dir, now: NOW })
    expect(second.readOnly).toBeNull()
    await second.close()
  })

  it('takes over a stale lock left by a killed process', async () => {
    await mkdir(join(dir, '.workbench.lock'), { recursive: true })
    const { utimes } = await import('node:fs/promises')
    const old = new Date(Date.now() - 60_000)
    await utimes(join(dir, '.workbench.lock'), old, old)
    const store = await LibraryStore.open({ dir, now: NOW })
    expect(store.readOnly).toBeNull()
    await store.close()
  })

  it('reports a full disk, keeps the saved state and the file intact', async () => {
    await seed(1)
    let full = false
    const io: WriteIo = {
      ...realIo,
      open: (async (...args: Parameters<typeof realIo.open>) => {
        if (full)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' })
        return realIo.open(...args)
      }) as typeof realIo.open,
    }
    const store = await LibraryStore.open({ dir, now: NOW, io })
    await store.mutateArticle('art-0', (d) => {
      d.annotations.push(annotation('ann-1', 'art-0'))
    })
    const before = await readFile(join(dir, 'annotations', 'art-0.json'), 'utf8')
    full = true
    await expect(
      store.mutateArticle('art-0', (d) => {
        d.annotations.push(annotation('ann-2', 'art-0'))
      }),
    ).rejects.toMatchObject({
      code: 'io-error',
      message: expect.stringMatching(/^Could not save: the disk holding .* is full/),
    })
    expect((await store.readArticle('art-0')).annotations.map((a) => a.id)).toEqual(['ann-1'])
    expect(await readFile(join(dir, 'annotations', 'art-0.json'), 'utf8')).toBe(before)
    expect((await readdir(join(dir, 'annotations'))).filter((f) => f.endsWith('.tmp'))).toEqual([])
    full = false
    await store.close()
  })

  it('reports a read-only library folder clearly', async () => {
    if (process.getuid?.() === 0) {
      // Root ignores permission bits; simulate the error the kernel would give instead.
      await seed(1)
      const io: WriteIo = {
        ...realIo,
        open: (async () => {
          throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })
        }) as unknown as typeof realIo.open,
      }
      const store = await LibraryStore.open({ dir, now: NOW, io })
      await expect(store.mutateArticle('art-0', () => undefined)).rejects.toMatchObject({
        code: 'io-error',
        message: expect.stringMatching(/cannot be written \(EACCES: permission denied\)/),
      })
      await store.close()
      return
    }
    await seed(1)
    const store = await LibraryStore.open({ dir, now: NOW })
    await chmod(join(dir, 'annotations'), 0o555)
    await expect(store.mutateArticle('art-0', () => undefined)).rejects.toMatchObject({
      code: 'io-error',
    })
    await chmod(join(dir, 'annotations'), 0o755)
    await store.close()
  })

  it('keeps daily backups for seven days and restores one', async () => {
    const first = await LibraryStore.open({ dir, now: () => new Date('2026-10-31T09:00:00.000Z') })
    await first.addArticles([{ entry: entry(0), blocks: BLOCKS }])
    await first.close()
    const days = ['2026-11-01', '2026-11-10', '2026-11-20', '2026-11-22']
    for (const day of days) {
      const store = await LibraryStore.open({ dir, now: () => new Date(`${day}T09:00:00.000Z`) })
      await store.mutateArticle('art-0', (d) => {
        d.note = `note on ${day}`
      })
      await store.close()
    }
    // Each day's snapshot is taken on open, before that day's change.
    expect(await listBackupNames(dir)).toEqual(['2026-11-22', '2026-11-20'])
    const restoredFrom = await restoreBackup(
      dir,
      '2026-11-22',
      new Date('2026-11-22T12:00:00.000Z'),
    )
    expect(restoredFrom).toContain('pre-restore-')
    const store = await LibraryStore.open({ dir, now: NOW })
    expect((await store.readArticle('art-0')).note).toBe('note on 2026-11-20')
    await store.close()
    await expect(restoreBackup(dir, '1999-01-01')).rejects.toMatchObject({ code: 'not-found' })
  })
})
