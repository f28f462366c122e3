/**
 * Figures taken in a fresh process: cold open, its reference, the search
 * build's main-thread stalls, opening with the search index present, the
 * command line's `search` and `list`, and memory.
 *
 * Why a child per run: "cold" means nothing of the library is in the
 * process yet, as when the app starts; a second open in the same process
 * would find the JIT warm and the modules loaded. The parent spawns this
 * bundle again with `--child=<what> --dir=<library>`; the child prints one
 * line of JSON. The OS page cache is warm in both the figure and its
 * reference (dropping it needs root), so the ratio compares like with like.
 */
import { spawn } from 'node:child_process'
import { readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { main as cliMain } from '../src/cli/workbench'
import { SEARCH_INDEX_FILE } from '../src/main/store/files'
import { openTestCore } from '../tests/support/core'

/**
 * The core options that put the search index in a worker thread, as the
 * app does (`npm run bench` bundles the worker and names it in the
 * environment); empty when run some other way, and then the index is built
 * in the main thread.
 */
export function appSearchWorker(): { searchWorkerPath?: string } {
  const path = process.env.WORKBENCH_SEARCH_WORKER
  return path ? { searchWorkerPath: path } : {}
}

/**
 * The core options that parse imported files in a worker thread, as the app
 * does (`npm run bench` bundles it too); empty otherwise.
 */
export function appParseWorker(): { parseWorkerPath?: string } {
  const path = process.env.WORKBENCH_PARSE_WORKER
  return path ? { parseWorkerPath: path } : {}
}

export type ChildKind = 'open' | 'open-ref' | 'memory' | 'search-build' | 'search-open' | 'cli'

export interface ChildResult {
  readonly ms?: number
  readonly heapUsedMB?: number
  /** The search worker's heap, when the index is in a worker. */
  readonly workerHeapUsedMB?: number
  readonly rssMB?: number
  /** memory: the RSS by kind (`RssAnon`, `RssFile`, `RssShmem`, MB), on Linux. */
  readonly rssParts?: Record<string, number> | null
  readonly heapTotalMB?: number
  readonly externalMB?: number
  readonly articles?: number
  readonly tags?: number
  readonly documents?: number
  /** The longest main-thread event-loop delay while the search index was built. */
  readonly stallMs?: number
  /** The same, as the index's host measured its own turns (in the worker). */
  readonly hostStallMs?: number
  readonly hostThread?: string | null
  /** search-open: time from opening the core to `whenReady()` resolved. */
  readonly readyMs?: number
  /** search-open: `stats().openMs`, from the start of the search to the host reporting the file open. */
  readonly openMs?: number | null
  /** Why the index file was built again (`stats().rebuilt`); null when it was used. */
  readonly rebuilt?: string | null
  /** Articles found current in the index file at open (`stats().reused`). */
  readonly reused?: number
  /** The index file's size on disk with its write-ahead log (`stats().indexBytes`). */
  readonly indexBytes?: number
  /** search-open: whether the first query answered from a complete index, and how many articles matched. */
  readonly queryReady?: boolean
  readonly matches?: number
  /** cli: the command's exit code and the bytes it printed on stdout. */
  readonly exitCode?: number
  readonly outBytes?: number
  /** Set by the parent: from spawning the child to its exit (Node's start and module loading included). */
  readonly processMs?: number
}

/** The index file and its SQLite companions in a library folder. */
export function searchIndexFiles(dir: string): string[] {
  const file = join(dir, SEARCH_INDEX_FILE)
  return [file, `${file}-wal`, `${file}-shm`]
}

/** Run inside the child: measure and print. */
export async function runChild(
  kind: ChildKind,
  dir: string,
  heavyId: string | null,
  query: string | null = null,
): Promise<void> {
  let result: ChildResult
  if (kind === 'open-ref') {
    const t0 = performance.now()
    const parsed = JSON.parse(await readFile(join(dir, 'library.json'), 'utf8')) as {
      articles: unknown[]
    }
    result = { ms: performance.now() - t0, articles: parsed.articles.length }
  } else if (kind === 'open') {
    const t0 = performance.now()
    const core = await openTestCore(dir, undefined, appSearchWorker())
    const [articles, codebook] = await Promise.all([
      core.value('article:list', {}),
      core.value('codebook:list', {}),
    ])
    const ms = performance.now() - t0
    await core.close()
    result = { ms, articles: articles.length, tags: codebook.length }
  } else if (kind === 'search-build') {
    // A first build: no index file left by an earlier session.
    for (const file of searchIndexFiles(dir)) await rm(file, { force: true })
    // As the app: the index starts building as the core opens, while the window is being served.
    const core = await openTestCore(dir, undefined, appSearchWorker())
    const monitor = monitorEventLoopDelay({ resolution: 1 })
    monitor.enable()
    await core.search.whenReady()
    monitor.disable()
    const stats = core.search.stats()
    result = {
      ms: stats.buildMs ?? Number.NaN,
      stallMs: monitor.max / 1e6,
      hostStallMs: stats.hostStallMs,
      hostThread: stats.hostThread,
      documents: stats.documents,
      rebuilt: stats.rebuilt,
      reused: stats.reused,
      indexBytes: stats.indexBytes,
    }
    await core.close()
  } else if (kind === 'search-open') {
    // As the app opens a library whose index file an earlier session left: until a search answers.
    const t0 = performance.now()
    const core = await openTestCore(dir, undefined, appSearchWorker())
    await core.search.whenReady()
    const readyMs = performance.now() - t0
    const answer = await core.value('search:query', { query: query ?? '' })
    const ms = performance.now() - t0
    const stats = core.search.stats()
    result = {
      ms,
      readyMs,
      openMs: stats.openMs,
      rebuilt: stats.rebuilt,
      reused: stats.reused,
      articles: core.store.listArticles().length,
      documents: stats.documents,
      indexBytes: stats.indexBytes,
      hostThread: stats.hostThread,
      queryReady: answer.ready,
      matches: answer.total,
    }
    await core.close()
  } else if (kind === 'cli') {
    // The command line's own entry (what bin/workbench.cjs calls), in this fresh process.
    const args = query === null ? ['list'] : ['search', '--', ...query.split(' ')]
    let outBytes = 0
    let err = ''
    const t0 = performance.now()
    const exitCode = await cliMain(['--library', dir, ...args], {
      out: (text) => (outBytes += Buffer.byteLength(text)),
      err: (text) => (err += text),
      env: {},
      cwd: dir,
      now: () => new Date(),
    })
    const ms = performance.now() - t0
    if (exitCode !== 0)
      throw new Error(`workbench ${args.join(' ')} exited with ${exitCode}: ${err}`)
    result = { ms, exitCode, outBytes }
  } else {
    const core = await openTestCore(dir, undefined, appSearchWorker())
    await core.store.backupDone
    await core.search.whenReady()
    const articles = await core.value('article:list', {})
    await core.value('codebook:list', {})
    if (heavyId) await core.value('article:get', { id: heavyId })
    const gc = (globalThis as { gc?: () => void }).gc
    gc?.()
    gc?.()
    const usage = process.memoryUsage()
    const stats = core.search.stats()
    result = {
      heapUsedMB: usage.heapUsed / 1e6,
      ...(stats.hostThread === 'worker' && stats.hostHeapUsedBytes !== null
        ? { workerHeapUsedMB: stats.hostHeapUsedBytes / 1e6 }
        : {}),
      rssMB: usage.rss / 1e6,
      rssParts: await rssParts(),
      heapTotalMB: usage.heapTotal / 1e6,
      externalMB: usage.external / 1e6,
      articles: articles.length,
      documents: stats.documents,
      rebuilt: stats.rebuilt,
      reused: stats.reused,
      indexBytes: stats.indexBytes,
    }
    await core.close()
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

/**
 * Where the resident memory is, from Linux's `/proc/self/status` (MB): anonymous memory (heaps,
 * SQLite's cache, malloc), file-backed pages (the node binary and other mapped files) and shared
 * memory; null elsewhere.
 */
async function rssParts(): Promise<Record<string, number> | null> {
  try {
    const status = await readFile('/proc/self/status', 'utf8')
    const out: Record<string, number> = {}
    for (const key of ['RssAnon', 'RssFile', 'RssShmem']) {
      const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)
      if (m) out[key] = Number(m[1]) / 1e3
    }
    return out
  } catch {
    return null
  }
}

/** Run in the parent: spawn the bundle as a child and return what it printed. */
export function spawnChild(
  kind: ChildKind,
  dir: string,
  heavyId: string | null,
  query: string | null = null,
): Promise<ChildResult> {
  const entry = process.env.WORKBENCH_BENCH_ENTRY ?? process.argv[1] ?? ''
  const args = ['--expose-gc', entry, `--child=${kind}`, `--dir=${dir}`]
  if (heavyId) args.push(`--heavy=${heavyId}`)
  if (query !== null) args.push(`--query=${query}`)
  const t0 = performance.now()
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) {
        reject(new Error(`bench child ${kind} exited with ${code}: ${err}`))
        return
      }
      try {
        const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ChildResult
        resolve({ ...result, processMs: performance.now() - t0 })
      } catch (error) {
        reject(new Error(`bench child ${kind} printed ${out}: ${String(error)}`))
      }
    })
  })
}
