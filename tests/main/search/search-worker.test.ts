/**
 * The search index in a real worker thread, as the app runs it: the same
 * answers as in-process, changes followed, and recovery when the worker dies.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { LibrarySearch } from '../../../src/main/search/library-search'
import { workerEngineFactory } from '../../../src/main/search/search-engine'
import { bundleForNode } from '../../support/bundle'
import { openTestCore, textFile, type TestCore } from '../../support/core'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const GRAIN = `Ministry Confirms Grain Corridor Talks

Officials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.

She added that 12 ships were waiting in port.
`

const RUSSIAN = `Министерство обороны сообщило о поставках

Министерство обороны России сообщило о новых поставках зерна, заявил Илья Барышев.

Новогодняя ёлка на площади будет установлена в декабре.
`

const QUERIES = [
  'corridor',
  'gra',
  '"grain corridor"',
  'елка',
  'министерство -зерна',
  'kind:claim',
  'tag:topic',
  'claimant:petrova status:disputed',
  'has:note',
  'port -ships',
  'source:nowhere',
]

let workerPath: string
let dyingWorkerPath: string

beforeAll(async () => {
  workerPath = await bundleForNode(
    'src/main/search/search-worker.ts',
    'workbench-search-worker',
    'search-worker',
  )
  dyingWorkerPath = await bundleForNode(
    'tests/support/dying-search-worker.ts',
    'workbench-dying-search-worker',
    'dying-search-worker',
  )
}, 60_000)

describe('search in a worker thread', () => {
  let dir: string
  let core: TestCore
  let grainId: string

  beforeEach(async () => {
    dir = await makeTempDir('workbench-search-worker-')
    core = await openTestCore(dir, undefined, { searchWorkerPath: workerPath })
    const report = await core.value('import:files', {
      files: [textFile('grain.txt', GRAIN), textFile('ru.txt', RUSSIAN)],
    })
    const grain = report.outcomes[0]
    if (grain?.status !== 'imported') throw new Error('import')
    grainId = grain.id
  })

  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  async function claimOnGrain(): Promise<string> {
    const article = await core.value('article:get', { id: grainId })
    const text = article.article.blocks.map((b) => b.text).join('\n\n')
    const quote = 'talks on the grain corridor will resume'
    const start = text.indexOf(quote)
    const claim = await core.value('annotation:create', {
      articleId: grainId,
      start,
      end: start + quote.length,
      kind: 'claim',
      tags: ['topic/agriculture'],
      note: '',
    })
    return claim.id
  }

  it('answers every query exactly as the index in this thread does, also after changes', async () => {
    const local = new LibrarySearch(core.store)
    try {
      const compare = async () => {
        // Both indexes complete, so both answer `ready: true` from everything: a query
        // before that answers after a short wait from what is indexed so far.
        await Promise.all([core.search.whenReady(), local.whenReady()])
        for (const query of QUERIES) {
          const viaWorker = await core.value('search:query', { query })
          expect(viaWorker.ready).toBe(true)
          expect(viaWorker, query).toEqual(await local.query({ query }))
          const ids = await core.search.matchingArticleIds(query)
          expect(ids, query).toEqual(await local.matchingArticleIds(query))
          expect(ids, query).toEqual(viaWorker.groups.map((g) => g.articleId))
          for (const articleId of ids) {
            const hits = { query, articleId, offset: 1, limit: 3 }
            expect(await core.value('search:hits', hits), query).toEqual(await local.hits(hits))
          }
        }
      }
      await compare()
      const claimId = await claimOnGrain()
      const ref = { articleId: grainId, annotationId: claimId }
      await core.value('claim:update', {
        ...ref,
        patch: { claimant: 'Anna Petrova', status: 'disputed' },
      })
      await core.value('annotation:update', { ...ref, patch: { note: 'Check the port log' } })
      // The answers must have changed, or the comparison proves nothing about following changes.
      expect((await core.value('search:query', { query: 'claimant:petrova' })).total).toBe(1)
      await compare()
      await core.value('annotation:delete', ref)
      expect((await core.value('search:query', { query: 'kind:claim' })).total).toBe(0)
      await compare()
      expect(core.search.stats()).toMatchObject({
        ready: true,
        articles: 2,
        restarts: 0,
        hostThread: 'worker',
      })
      expect(local.stats()).toMatchObject({ articles: 2, hostThread: 'main' })
      expect(core.search.stats().lastQueryMs).toEqual(expect.any(Number))
    } finally {
      await local.dispose()
    }
  })
})

describe('worker failures', () => {
  let dir: string
  let core: TestCore

  beforeEach(async () => {
    dir = await makeTempDir('workbench-search-dying-')
    core = await openTestCore(dir)
    await core.value('import:files', {
      files: [textFile('grain.txt', GRAIN), textFile('ru.txt', RUSSIAN)],
    })
  })

  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('reports a worker that cannot start', async () => {
    const broken = join(dir, 'broken-worker.mjs')
    await writeFile(broken, "throw new Error('cannot load the index')\n")
    const failure = await new Promise<Error>((resolve) => {
      const engine = workerEngineFactory(broken)({
        onReply: () => undefined,
        onFailure: resolve,
      })
      engine.post({ type: 'query', seq: 1, query: 'x', offset: 0, limit: 1 })
    })
    expect(failure.message).toContain('cannot load the index')
  })

  it('starts a new worker when one dies, re-asks the query that was waiting, and rebuilds', async () => {
    process.env.WORKBENCH_DIE_MARKER = join(dir, 'died-once')
    const logged: string[] = []
    const search = new LibrarySearch(core.store, {
      engine: workerEngineFactory(dyingWorkerPath),
      log: (message) => logged.push(message),
    })
    try {
      await search.whenReady()
      expect((await search.query({ query: 'corridor' })).total).toBe(1)
      // Answered by the new worker, from what it has indexed by then.
      const during = await search.query({ query: 'die:now' })
      expect(during.total).toBe(0)
      expect(search.stats().restarts).toBe(1)
      expect(logged).toContain('search: the search index stopped')
      await search.whenReady()
      expect(await search.query({ query: 'corridor' })).toMatchObject({ ready: true, total: 1 })
      expect(search.stats()).toMatchObject({ articles: 2, restarts: 1, hostThread: 'worker' })
    } finally {
      await search.dispose()
      delete process.env.WORKBENCH_DIE_MARKER
    }
  })

  it('turns search off with a clear error when the worker runs out of memory', async () => {
    const logged: string[] = []
    const search = new LibrarySearch(core.store, {
      engine: workerEngineFactory(dyingWorkerPath, { maxOldGenerationSizeMb: 32 }),
      log: (message) => logged.push(message),
    })
    try {
      await search.whenReady()
      expect((await search.query({ query: 'corridor' })).total).toBe(1)
      await expect(search.query({ query: 'oom:now' })).rejects.toMatchObject({
        code: 'internal',
        message: expect.stringMatching(/^Search is off: its index needs more memory/),
      })
      // Not restarted: a rebuild would run out of memory again.
      await expect(search.query({ query: 'corridor' })).rejects.toMatchObject({ code: 'internal' })
      expect(search.stats()).toMatchObject({ outOfMemory: true, restarts: 0 })
      expect(logged).toEqual(['search: the search index stopped'])
    } finally {
      await search.dispose()
    }
  })

  it('moves the index to this thread when the worker keeps failing', async () => {
    const broken = join(dir, 'broken-worker.mjs')
    await writeFile(broken, "throw new Error('cannot load the index')\n")
    const logged: string[] = []
    const search = new LibrarySearch(core.store, {
      engine: workerEngineFactory(broken),
      maxRestarts: 2,
      log: (message) => logged.push(message),
    })
    try {
      await search.whenReady()
      expect((await search.query({ query: 'елка' })).total).toBe(1)
      expect(search.stats()).toMatchObject({ restarts: 3, hostThread: 'main', articles: 2 })
      expect(logged).toContain('search: building the index in the main thread from now on')
    } finally {
      await search.dispose()
    }
  })
})
