/**
 * Parsing imported files in a worker thread: the same outcomes as in this
 * thread, a file that kills the worker costs only that file, Cancel stops a
 * file mid-parse, a grown worker is recycled, and an import cancelled half
 * way keeps what was read.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import {
  CANCELLED_REASON,
  DEFAULT_YOUNG_GENERATION_MB,
  WorkerParser,
  type ArticleParser,
} from '../../../src/main/import/article-parser'
import { importFiles } from '../../../src/main/services/articles'
import { LibraryStore } from '../../../src/main/store/library-store'
import { bundleForNode } from '../../support/bundle'
import { SAMPLES_DIR, textFile } from '../../support/core'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const IMPORT_FIXTURES = join(__dirname, '../../fixtures/import')

describe('the import worker', { timeout: 60_000 }, () => {
  let real: string
  let testWorker: string
  let dir: string
  beforeAll(async () => {
    real = await bundleForNode(
      'src/main/import/parse-worker.ts',
      'workbench-parse-worker',
      'parse-worker',
    )
    testWorker = await bundleForNode(
      'tests/support/test-parse-worker.ts',
      'workbench-test-parse-worker',
      'test-parse-worker',
    )
    dir = await makeTempDir()
  }, 60_000)
  afterAll(async () => {
    await removeDir(dir)
  })

  it('gives exactly the outcomes of parsing in this thread', async () => {
    const parser = new WorkerParser(real)
    try {
      const files: { name: string; data: Uint8Array }[] = []
      for (const name of await readdir(SAMPLES_DIR)) {
        files.push({ name, data: new Uint8Array(await readFile(join(SAMPLES_DIR, name))) })
      }
      for (const name of (await readdir(IMPORT_FIXTURES)).slice(0, 30)) {
        const path = join(IMPORT_FIXTURES, name)
        if (!/\.(txt|md|html?)$/.test(name)) continue
        files.push({ name, data: new Uint8Array(await readFile(path)) })
      }
      files.push({ name: 'empty.txt', data: new Uint8Array() })
      files.push({ name: 'picture.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) })
      expect(files.length).toBeGreaterThan(5)
      for (const file of files) {
        const inWorker = await parser.parse(file.name, file.data)
        expect(inWorker, file.name).toEqual(parseArticleFile(file.name, file.data))
      }
      // The caller's bytes are not taken away by the transfer to the worker.
      expect(files[0]!.data.byteLength).toBeGreaterThan(0)
    } finally {
      await parser.dispose()
    }
  })

  it('reports a file that kills the worker, and reads the next one in a new worker', async () => {
    const parser = new WorkerParser(testWorker)
    try {
      const died = await parser.parse('die.txt', new TextEncoder().encode('Title\n\nBody.'))
      expect(died.ok).toBe(false)
      if (!died.ok) expect(died.reason).toContain('the importer stopped while reading this file')
      const next = await parser.parse('fine.txt', new TextEncoder().encode('A title\n\nSome text.'))
      expect(next.ok).toBe(true)
      expect(parser.started).toBe(2)
    } finally {
      await parser.dispose()
    }
  })

  it('stops a file that never finishes when cancelled, and goes on afterwards', async () => {
    const parser = new WorkerParser(testWorker)
    try {
      const hanging = parser.parse('hang.txt', new TextEncoder().encode('x'))
      parser.cancel()
      expect(await hanging).toEqual({ ok: false, reason: CANCELLED_REASON })
      const next = await parser.parse('fine.txt', new TextEncoder().encode('A title\n\nSome text.'))
      expect(next.ok).toBe(true)
    } finally {
      await parser.dispose()
    }
  })

  it('recycles a worker whose heap has grown past the limit', async () => {
    const parser = new WorkerParser(real, { recycleHeapBytes: 1 })
    try {
      for (let i = 0; i < 3; i++) {
        const outcome = await parser.parse(
          `a${i}.txt`,
          new TextEncoder().encode(`Title ${i}\n\nText ${i}.`),
        )
        expect(outcome.ok).toBe(true)
      }
      expect(parser.started).toBe(3)
    } finally {
      await parser.dispose()
    }
  })

  it('recycles after a file that leaves the heap the worker holds past the limit, and not before', async () => {
    // The test worker reports a small heap used and a huge heap total for grow.txt: the total is what counts.
    const parser = new WorkerParser(testWorker, { recycleHeapBytes: 512 * 1024 * 1024 })
    const text = (t: string): Uint8Array => new TextEncoder().encode(`${t}\n\nSome text.`)
    try {
      for (const name of ['a.txt', 'b.txt'])
        expect((await parser.parse(name, text(name))).ok).toBe(true)
      expect(parser.started).toBe(1)
      expect((await parser.parse('grow.txt', text('Grown'))).ok).toBe(true)
      expect((await parser.parse('c.txt', text('After'))).ok).toBe(true)
      expect((await parser.parse('d.txt', text('Later'))).ok).toBe(true)
      expect(parser.started).toBe(2)
    } finally {
      await parser.dispose()
    }
  })

  it('starts the worker with a small young generation, and reports its heap on request', async () => {
    const parser = new WorkerParser(real)
    try {
      // No worker yet: nothing to report.
      expect(await parser.memory()).toBeNull()
      await parser.parse('a.txt', new TextEncoder().encode('Title\n\nText.'))
      const memory = await parser.memory()
      expect(memory).not.toBeNull()
      expect(memory!.youngGenerationMb).toBe(DEFAULT_YOUNG_GENERATION_MB)
      expect(memory!.maxHeapMb).toBe(1024)
      expect(memory!.heapUsedBytes).toBeGreaterThan(0)
      expect(memory!.heapTotalBytes).toBeGreaterThanOrEqual(memory!.heapUsedBytes)
      expect(memory!.codeBytes).toBeGreaterThan(0)
      expect(memory!.codeBytes).toBeLessThan(memory!.heapUsedBytes)
      // gc exists in the worker only when this process runs with --expose-gc.
      expect(memory!.collected).toBe(typeof (globalThis as { gc?: unknown }).gc === 'function')
      expect(parser.started).toBe(1)
    } finally {
      await parser.dispose()
    }
    expect(await parser.memory()).toBeNull()
  })

  it('starts the worker with the limits it is given', async () => {
    const parser = new WorkerParser(real, { youngGenerationMb: 8, maxHeapMb: 256 })
    try {
      await parser.parse('a.txt', new TextEncoder().encode('Title\n\nText.'))
      const memory = await parser.memory(false)
      expect(memory).toMatchObject({ youngGenerationMb: 8, maxHeapMb: 256, collected: false })
    } finally {
      await parser.dispose()
    }
  })

  it('answers a memory request with null when the worker is recycled before it answers', async () => {
    const parser = new WorkerParser(real, { recycleHeapBytes: 1 })
    try {
      const parsing = parser.parse('a.txt', new TextEncoder().encode('Title\n\nText.'))
      // Asked while the file is being parsed; the worker is recycled as soon as it is idle.
      const memory = parser.memory(false)
      expect((await parsing).ok).toBe(true)
      const answer = await memory
      // Either the worker answered before it was stopped, or the request was answered for it.
      if (answer !== null) expect(answer.kind).toBe('memory')
      expect(await parser.memory()).toBeNull()
    } finally {
      await parser.dispose()
    }
  })

  it('keeps what was read when an import is cancelled half way, and says which files were not', async () => {
    const store = await LibraryStore.open({ dir: join(dir, 'lib') })
    const worker = new WorkerParser(testWorker)
    const controller = new AbortController()
    // The analyst presses Cancel while the third file (one that never finishes) is being parsed.
    const parser: ArticleParser = {
      parse: (name, data, options) => {
        const parsing = worker.parse(name, data, options)
        if (name === 'hang.txt') controller.abort()
        return parsing
      },
      cancel: () => worker.cancel(),
      dispose: () => worker.dispose(),
    }
    try {
      const files = [
        textFile('one.txt', 'First story\n\nThe first text.'),
        textFile('two.txt', 'Second story\n\nThe second text.'),
        { name: 'hang.txt', data: new TextEncoder().encode('x') },
        textFile('four.txt', 'Fourth story\n\nThe fourth text.'),
      ]
      const report = await importFiles(files, {
        store,
        now: () => new Date(),
        parser,
        signal: controller.signal,
      })
      expect(report.outcomes.map((o) => o.status)).toEqual([
        'imported',
        'imported',
        'cancelled',
        'cancelled',
      ])
      expect(store.listArticles().map((a) => a.title)).toEqual(['First story', 'Second story'])
    } finally {
      await parser.dispose()
      await store.close()
    }
  })
})
