/**
 * The index kept with the library: reused at the next open, brought up to
 * date for what changed while closed, and rebuilt when missing, of another
 * version, damaged, or left behind by a killed process.
 */
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { copyFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { FtsIndex } from '../../../src/main/search/fts-index'
import { SEARCH_INDEX_FILE } from '../../../src/main/store/files'
import { bundleForNode } from '../../support/bundle'
import { openTestCore, textFile, type TestCore } from '../../support/core'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const articleText = (n: number): string =>
  `Dispatch number ${n}\n\nThe convoy number ${n} reached the port of Odesa, officials said.\n\nThe ministry confirmed the grain shipment ${n}.\n`

describe('the search index kept with the library', () => {
  let dir: string
  let core: TestCore | null = null
  let ids: string[] = []

  beforeEach(async () => {
    dir = await makeTempDir('workbench-persisted-')
    core = await openTestCore(dir)
    const report = await core.value('import:files', {
      files: Array.from({ length: 12 }, (_, n) => textFile(`d${n}.txt`, articleText(n))),
    })
    ids = report.outcomes.flatMap((o) => (o.status === 'imported' ? [o.id] : []))
    expect(ids).toHaveLength(12)
    await core.search.whenReady()
    // A new library has no index file yet: it is made.
    expect(core.search.stats().rebuilt).toBe('missing')
  })

  afterEach(async () => {
    await core?.close()
    core = null
    await removeDir(dir)
  })

  /**
   * Run `work` in another process's session (as the command line would) and
   * put the index file back as it was before, as if that process had kept no index.
   */
  async function whileClosed(work: (other: TestCore) => Promise<void>): Promise<void> {
    await core?.close()
    core = null
    const path = join(dir, SEARCH_INDEX_FILE)
    await copyFile(path, `${path}.saved`)
    const other = await openTestCore(dir)
    await work(other)
    await other.close()
    for (const suffix of ['-wal', '-shm']) await rm(path + suffix, { force: true })
    await copyFile(`${path}.saved`, path)
    await rm(`${path}.saved`)
  }

  async function reopen(): Promise<TestCore> {
    await core?.close()
    core = await openTestCore(dir)
    await core.search.whenReady()
    return core
  }

  it('is reused at the next open: nothing is read again, and it answers at once', async () => {
    const next = await reopen()
    const stats = next.search.stats()
    expect(stats.reused).toBe(12)
    expect(stats.rebuilt).toBeNull()
    expect(stats.indexPath).toBe(join(dir, SEARCH_INDEX_FILE))
    expect(stats.indexBytes).toBeGreaterThan(0)
    const results = await next.value('search:query', { query: 'convoy' })
    expect(results.ready).toBe(true)
    expect(results.total).toBe(12)
  })

  it('re-indexes at open only the articles changed while it was closed', async () => {
    await whileClosed(async (other) => {
      const article = await other.value('article:get', { id: ids[5]! })
      const text = article.article.blocks.map((b) => b.text).join('\n\n')
      const start = text.indexOf('grain shipment')
      await other.value('annotation:create', {
        articleId: ids[5]!,
        start,
        end: start + 'grain shipment'.length,
        kind: 'highlight',
        tags: ['cargo'],
        note: 'check the tonnage',
      })
    })
    const next = await reopen()
    expect(next.search.stats().reused).toBe(11)
    const results = await next.value('search:query', { query: 'tonnage tag:cargo' })
    expect(results.groups.map((g) => g.articleId)).toEqual([ids[5]])
  })

  it('forgets articles deleted while it was closed', async () => {
    await whileClosed(async (other) => {
      await other.value('article:trash', { ids: [ids[0]!, ids[1]!] })
    })
    const stale = new DatabaseSync(join(dir, SEARCH_INDEX_FILE))
    expect((stale.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n).toBe(12)
    stale.close()
    const next = await reopen()
    expect(next.search.stats().reused).toBe(10)
    expect((await next.value('search:query', { query: 'convoy' })).total).toBe(10)
  })

  it('is rebuilt, in the background, when its file is damaged', async () => {
    await core?.close()
    core = null
    const path = join(dir, SEARCH_INDEX_FILE)
    const bytes = await readFile(path)
    // Overwrite everything after the header with noise.
    for (let i = 100; i < bytes.length; i++) bytes[i] = (i * 131) & 0xff
    await writeFile(path, bytes)
    await rm(`${path}-wal`, { force: true })
    await rm(`${path}-shm`, { force: true })
    const next = await reopen()
    expect(next.search.stats().rebuilt).toBe('damaged')
    expect(next.search.stats().reused).toBe(0)
    expect((await next.value('search:query', { query: 'convoy' })).total).toBe(12)
  })

  it('is rebuilt when the second half of its file is overwritten', async () => {
    await core?.close()
    core = null
    const path = join(dir, SEARCH_INDEX_FILE)
    const bytes = await readFile(path)
    // Noise over the second half of the file: the schema and the tables' roots still read.
    for (let i = Math.floor(bytes.length / 2); i < bytes.length; i++) bytes[i] = (i * 37) & 0xff
    await writeFile(path, bytes)
    const logged: string[] = []
    core = await openTestCore(dir, undefined, { log: (message) => logged.push(message) })
    await core.search.whenReady()
    // Every query answers (at first from a partial index while it is rebuilt), never an error.
    let results = await core.value('search:query', { query: 'convoy' })
    for (let i = 0; i < 200 && !(results.ready && results.total === 12); i++) {
      await core.search.whenReady()
      results = await core.value('search:query', { query: 'convoy' })
    }
    expect(results.total).toBe(12)
    expect(core.search.stats().rebuilt).toBe('damaged')
    expect(logged.some((m) => /damaged/.test(m))).toBe(true)
  })

  it('is rebuilt when its file is not a database at all, or missing', async () => {
    await core?.close()
    core = null
    const path = join(dir, SEARCH_INDEX_FILE)
    await writeFile(path, 'this is not a database')
    let next = await reopen()
    expect(next.search.stats().rebuilt).toBe('damaged')
    expect((await next.value('search:query', { query: 'grain' })).total).toBe(12)
    await next.close()
    core = null
    await rm(path)
    await rm(`${path}-wal`, { force: true })
    await rm(`${path}-shm`, { force: true })
    next = await reopen()
    expect(next.search.stats().reused).toBe(0)
    expect((await next.value('search:query', { query: 'grain' })).total).toBe(12)
  })

  it('is rebuilt when it was made by another version', async () => {
    await core?.close()
    core = null
    const db = new DatabaseSync(join(dir, SEARCH_INDEX_FILE))
    db.exec('PRAGMA user_version = 999')
    db.close()
    const next = await reopen()
    expect(next.search.stats().rebuilt).toBe('version')
    expect((await next.value('search:query', { query: 'odesa' })).total).toBe(12)
  })

  it('is rebuilt when it was made with other folding rules', async () => {
    await core?.close()
    core = null
    const db = new DatabaseSync(join(dir, SEARCH_INDEX_FILE))
    // As an index made before a change to shared/search/fold would be.
    db.prepare("UPDATE info SET value = '[]' WHERE key = 'fold'").run()
    db.close()
    const next = await reopen()
    expect(next.search.stats().rebuilt).toBe('version')
    expect(next.search.stats().reused).toBe(0)
    expect((await next.value('search:query', { query: 'odesa' })).total).toBe(12)
  })

  it('shows a save to the next query, and keeps it for the next open', async () => {
    const article = await core!.value('article:get', { id: ids[2]! })
    const text = article.article.blocks.map((b) => b.text).join('\n\n')
    const start = text.indexOf('convoy')
    await core!.value('annotation:create', {
      articleId: ids[2]!,
      start,
      end: start + 'convoy'.length,
      kind: 'highlight',
      tags: [],
      note: 'unusual wording',
    })
    expect((await core!.value('search:query', { query: 'unusual kind:highlight' })).total).toBe(1)
    const next = await reopen()
    expect(next.search.stats().reused).toBe(12)
    expect((await next.value('search:query', { query: 'unusual kind:highlight' })).total).toBe(1)
  })
})

describe('an index process killed while writing', () => {
  let child: string
  let dir: string

  beforeAll(async () => {
    child = await bundleForNode(
      'tests/support/search-index-child.ts',
      'workbench-search-index-child',
      'search-index-child',
    )
  }, 120_000)

  beforeEach(async () => {
    dir = await makeTempDir('workbench-index-kill-')
  })

  afterEach(async () => {
    await removeDir(dir)
  })

  /** Run the child until it printed `commits` lines, then SIGKILL it; return the lines. */
  function runAndKill(path: string, commits: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const proc = spawn(process.execPath, [child, path], { stdio: ['ignore', 'pipe', 'pipe'] })
      const lines: string[] = []
      let stderr = ''
      proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      createInterface({ input: proc.stdout }).on('line', (line) => {
        lines.push(line)
        if (lines.length === commits) proc.kill('SIGKILL')
      })
      proc.on('exit', (code, signal) => {
        if (signal === 'SIGKILL') resolve(lines)
        else reject(new Error(`child exited with ${code}: ${stderr}`))
      })
    })
  }

  it('leaves an index that opens consistent, with every acknowledged write in it', async () => {
    const path = join(dir, SEARCH_INDEX_FILE)
    for (const commits of [1, 7, 40, 150, 333]) {
      const lines = await runAndKill(path, commits)
      // What each article should hold: its last acknowledged generation, or nothing if removed since.
      const last = new Map<string, number | null>()
      for (const line of lines) {
        const [what, id, n] = line.split(' ')
        last.set(id!, what === 'committed' ? Number(n) : null)
      }
      const index = new FtsIndex(path)
      try {
        expect(index.rebuilt).toBeNull()
        index.verify()
        const stamps = index.stamps()
        for (const [id, n] of last) {
          const stamp = stamps.get(id)
          if (n === null) {
            // Removed, unless the child got further (a later generation was written but not printed).
            if (stamp !== undefined) expect(Number(stamp.slice(4))).toBeGreaterThan(0)
            continue
          }
          expect(stamp, id).toBeDefined()
          const held = Number(stamp!.slice(4))
          expect(held).toBeGreaterThanOrEqual(n)
          // The documents agree with the stamp: its own and `held % 5 + 1` highlights, all of `gen<held>`.
          const keys = index.matchingKeys(`article:${id} gen${held}`)
          expect(keys.filter((k) => k.includes('#')).length, id).toBe((held % 5) + 1)
          expect(index.matchingKeys(`article:${id}`).length, id).toBe((held % 5) + 2)
        }
      } finally {
        index.close()
      }
    }
  }, 120_000)
})
