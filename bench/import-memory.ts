/**
 * Figure 5c: memory and CPU of the import worker over a long import of real
 * saved pages (issue 15: heap after gc flat across 1,000 pages, worker RSS
 * ≤ 300 MB throughout, 100 pages in ≤ 5 s of CPU).
 *
 * Why a child process of its own: a worker thread shares its process's RSS,
 * so the only way to see what the import worker costs is a process whose
 * main thread does nothing but hand it files. The child runs with
 * --expose-gc (V8 flags are per process, so the worker has `gc` too) and
 * asks the worker, through `WorkerParser.memory`, to collect and report its
 * heap every `sampleEvery` pages. The pages are the 181 gzipped pages of the
 * article-extraction benchmark, cycled, each under a new file name; without
 * the corpus, the generated saved pages of figure 5b, with a note.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { WorkerParser } from '../src/main/import/article-parser'
import { savedNewsPage } from '../tests/support/saved-page'
import type { Mode } from './modes'
import { figure, withLimit, type Figure } from './stats'

/** Where `npm run eval:import` finds the corpus too. */
export const CORPUS_HTML = resolve(
  process.cwd(),
  '../shared/corpora/article-extraction-benchmark/html',
)

export interface ImportMemorySample {
  readonly pages: number
  /** The worker's heap used after a full collection (null: the worker had just been recycled). */
  readonly heapAfterGcMB: number | null
  /** Of that, compiled code and bytecode. */
  readonly codeMB: number | null
  /** The worker's heap as reserved from the system at that moment. */
  readonly heapTotalMB: number | null
  /** The whole child process's RSS at that moment. */
  readonly rssMB: number
  /** Process CPU (all threads) since the previous sample, in seconds. */
  readonly cpuS: number
  /** Worker-thread CPU since the previous sample, in seconds (null across a recycle). */
  readonly workerCpuS: number | null
  readonly workersStarted: number
}

export interface ImportMemoryResult {
  readonly source: string
  readonly pages: number
  readonly imported: number
  readonly sampleEvery: number
  readonly idleRssMB: number
  readonly peakRssMB: number
  readonly samples: readonly ImportMemorySample[]
  readonly workersStarted: number
  readonly gcAvailable: boolean
}

async function corpusPages(): Promise<{ source: string; pages: { id: string; html: Buffer }[] }> {
  if (existsSync(CORPUS_HTML)) {
    const names = (await readdir(CORPUS_HTML)).filter((n) => n.endsWith('.html.gz')).sort()
    if (names.length > 0) {
      return {
        source: `article-extraction-benchmark (${names.length} pages, cycled)`,
        // Kept gzipped (6 MB): each is unzipped when its turn comes, as a file would be read.
        pages: await Promise.all(
          names.map(async (n) => ({
            id: n.replace(/\.html\.gz$/, ''),
            html: await readFile(join(CORPUS_HTML, n)),
          })),
        ),
      }
    }
  }
  process.stderr.write(
    `bench: no corpus at ${CORPUS_HTML}; figure 5c imports generated saved pages instead\n`,
  )
  return { source: 'generated saved pages (corpus missing)', pages: [] }
}

/** Run inside the child: import `pages` pages through a WorkerParser, print the samples as JSON. */
export async function runImportMemoryChild(pages: number, sampleEvery: number): Promise<void> {
  const workerPath = process.env.WORKBENCH_PARSE_WORKER
  if (!workerPath) throw new Error('figure 5c needs the bundled parse worker (npm run bench)')
  const corpus = await corpusPages()
  const idleRssMB = process.memoryUsage.rss() / 1e6
  const parser = new WorkerParser(workerPath)
  const samples: ImportMemorySample[] = []
  let imported = 0
  let gcAvailable = true
  let cpuAt = process.cpuUsage()
  let workerCpuAt: { micros: number; started: number } | null = null
  try {
    for (let n = 0; n < pages; n++) {
      const page = corpus.pages[n % Math.max(1, corpus.pages.length)]
      const [name, data] = page
        ? [`page-${n}-${page.id}.html`, new Uint8Array(gunzipSync(page.html))]
        : [`page-${n}.html`, new TextEncoder().encode(savedNewsPage(n))]
      const outcome = await parser.parse(name, data)
      if (outcome.ok) imported++
      if ((n + 1) % sampleEvery !== 0) continue
      const cpu = process.cpuUsage(cpuAt)
      const memory = await parser.memory(true)
      if (memory && !memory.collected) gcAvailable = false
      // The forced collection is not counted in the next interval's CPU.
      cpuAt = process.cpuUsage()
      const worker =
        memory?.threadCpuMicros != null
          ? { micros: memory.threadCpuMicros, started: parser.started }
          : null
      samples.push({
        pages: n + 1,
        heapAfterGcMB: memory ? memory.heapUsedBytes / 1e6 : null,
        codeMB: memory ? memory.codeBytes / 1e6 : null,
        heapTotalMB: memory ? memory.heapTotalBytes / 1e6 : null,
        rssMB: process.memoryUsage.rss() / 1e6,
        cpuS: (cpu.user + cpu.system) / 1e6,
        workerCpuS:
          worker && workerCpuAt && workerCpuAt.started === worker.started
            ? (worker.micros - workerCpuAt.micros) / 1e6
            : null,
        workersStarted: parser.started,
      })
      workerCpuAt = worker
    }
  } finally {
    await parser.dispose()
  }
  const result: ImportMemoryResult = {
    source: corpus.source,
    pages,
    imported,
    sampleEvery,
    idleRssMB,
    // The kernel's high-water mark for the process (every thread), in KB.
    peakRssMB: (process.resourceUsage().maxRSS * 1024) / 1e6,
    samples,
    workersStarted: parser.started,
    gcAvailable,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}

/** Least-squares slope of y over x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length
  if (n < 2) return Number.NaN
  const mx = points.reduce((s, [x]) => s + x, 0) / n
  const my = points.reduce((s, [, y]) => s + y, 0) / n
  let num = 0
  let den = 0
  for (const [x, y] of points) {
    num += (x - mx) * (y - my)
    den += (x - mx) ** 2
  }
  return den === 0 ? Number.NaN : num / den
}

/** Pages imported in each mode, and how often the heap is sampled. */
export function importMemorySize(mode: Mode): { pages: number; sampleEvery: number } {
  const pages = mode.importMemoryPages
  return { pages, sampleEvery: Math.min(100, Math.max(1, Math.floor(pages / 10))) }
}

/** Run in the parent: the child, then the figures. */
export async function measureImportMemory(mode: Mode): Promise<Figure[]> {
  const { pages, sampleEvery } = importMemorySize(mode)
  const entry = process.env.WORKBENCH_BENCH_ENTRY ?? process.argv[1] ?? ''
  const r = await new Promise<ImportMemoryResult>((done, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        entry,
        '--child=import-memory',
        `--pages=${pages}`,
        `--sample-every=${sampleEvery}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`bench child import-memory exited with ${code}`))
      else done(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as ImportMemoryResult)
    })
  })
  const heaps = r.samples.flatMap((s) =>
    s.heapAfterGcMB === null ? [] : [[s.pages, s.heapAfterGcMB] as const],
  )
  // Growth is of the data the heap holds, after the first sample (the warm-up): compiled code grows
  // in steps of a megabyte or so when the JIT meets a new kind of page (seen in quick runs around
  // the 170th page), which over 200 pages reads as a slope of ~10 KB a page that is not a leak.
  const data = r.samples.flatMap((s) =>
    s.heapAfterGcMB === null || s.codeMB === null
      ? []
      : [[s.pages, s.heapAfterGcMB - s.codeMB] as const],
  )
  const growth = slope(data.slice(1))
  const details = {
    source: r.source,
    pages: r.pages,
    imported: r.imported,
    sampleEvery: r.sampleEvery,
    workersStarted: r.workersStarted,
    gcAvailable: r.gcAvailable,
    samples: r.samples,
  }
  const label = `${r.pages.toLocaleString('en')} pages through the import worker`
  const per100 = (s: number): number => (s * 100) / r.sampleEvery
  return [
    figure({
      key: 'import.workerHeapAfterGc',
      group: 5,
      label: `Import worker heap after a forced gc, every ${r.sampleEvery} of ${label}`,
      unit: 'MB',
      samples: r.gcAvailable ? heaps.map(([, mb]) => mb) : [],
      ...(r.gcAvailable ? {} : { note: 'gc not exposed in the worker' }),
      details,
    }),
    withLimit(
      figure({
        key: 'import.workerHeapSlope',
        group: 5,
        label: `Growth of that heap per page, compiled code left out (least squares after the first sample)`,
        unit: 'KB/page',
        samples: [growth * 1000],
        details: { ...details, withCodeKBPerPage: slope(heaps.slice(1)) * 1000 },
      }),
      'flat',
      { op: '<', value: 5 },
      'median',
    ),
    withLimit(
      figure({
        key: 'import.workerProcessRssPeak',
        group: 5,
        label: `Peak RSS of a process that only runs the import worker, ${label}`,
        unit: 'MB',
        samples: [r.peakRssMB],
        details,
      }),
      'peak',
      { op: '<=', value: 300 },
      'max',
    ),
    figure({
      key: 'ref.import.idleProcessRss',
      group: 5,
      label: 'Reference: RSS of the same process before the import (no worker yet)',
      unit: 'MB',
      samples: [r.idleRssMB],
      details,
    }),
    withLimit(
      figure({
        key: 'import.cpuPer100Pages',
        group: 5,
        label: `CPU per 100 pages (process.cpuUsage of that process, all threads), ${label}`,
        unit: 's',
        samples: r.samples.map((s) => per100(s.cpuS)),
        details: {
          ...details,
          workerThreadCpuPer100Pages: r.samples.flatMap((s) =>
            s.workerCpuS === null ? [] : [per100(s.workerCpuS)],
          ),
        },
      }),
      'CPU',
      { op: '<=', value: 5 },
      'median',
    ),
  ]
}
