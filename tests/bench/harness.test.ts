/**
 * The benchmark harness runs and reports every figure.
 *
 * Runs `npm run bench`'s entry in tiny mode (20 articles, 200 annotations,
 * the renderer included) and checks the shape of the results file: every
 * figure key, with numeric median, p95, min, max and runs, and a numeric
 * ratio wherever the figure has a reference. Nothing here looks at how
 * fast anything was: timing belongs in the benchmark, not in `npm test`.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../support/temp-dir'

const ROOT = resolve(__dirname, '../..')

const SIZES = ['small', 'medium', 'large'] as const
const QUERIES = ['word', 'prefix', 'phrase', 'cyrillic', 'filters'] as const

/** Every figure the suite must produce, with how many ratios each carries. */
const EXPECTED: Readonly<Record<string, number>> = {
  ...Object.fromEntries(
    SIZES.flatMap((s) => [
      [`save.create.${s}`, s === 'large' ? 3 : 2],
      [`save.edit.${s}`, s === 'large' ? 3 : 2],
      [`ref.save.fsAtomicWrite.${s}`, 0],
      [`ref.save.naiveLowdb.${s}`, 0],
    ]),
  ),
  'open.cold': 1,
  'ref.open.readAndParseIndex': 0,
  'article.open200': 0,
  'article.firstOpenAfterStart': 0,
  'search.build': 1,
  'search.buildStall': 1,
  'search.openReady': 1,
  'search.indexSize': 0,
  'search.saveVisible': 1,
  'cli.search': 1,
  'ref.cli.list': 0,
  ...Object.fromEntries(
    QUERIES.flatMap((q) => [
      // The ratio to the naive scan, then the median and p95 limits.
      [`search.query.${q}`, 3],
      [`search.queryInIndex.${q}`, 1],
      [`ref.search.naiveScan.${q}`, 0],
    ]),
  ),
  'import.rate': 1,
  'import.time': 1,
  'ref.import.readAndHash': 0,
  'import.htmlRate': 0,
  'import.htmlStall': 1,
  'import.workerHeapAfterGc': 0,
  'import.workerHeapSlope': 1,
  'import.workerProcessRssPeak': 1,
  'ref.import.idleProcessRss': 0,
  'import.cpuPer100Pages': 1,
  'export.markdown': 0,
  'update.article200': 1,
  'update.stall': 1,
  'ref.update.importSameFile': 0,
  'memory.heapUsed': 0,
  // The benchmark runs the index in a worker thread, as the app does.
  'memory.workerHeapUsed': 0,
  'memory.rss': 1,
  'renderer.firstPaint': 0,
  'renderer.scrollFrame': 0,
  'renderer.open200': 1,
  'renderer.open0': 0,
  'renderer.keystroke': 0,
}

interface ResultFigure {
  key: string
  available: boolean
  median: unknown
  p95: unknown
  min: unknown
  max: unknown
  runs: unknown
  ratio: unknown
  ratios: { name: string; formula: string; value: unknown; target: unknown; met: unknown }[]
}

function runBench(out: string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bench/run.mjs'), '--tiny', `--out=${out}`], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => done({ code, stdout, stderr }))
  })
}

describe('benchmark harness (tiny mode)', () => {
  let dir: string
  let run: { code: number | null; stderr: string; stdout: string }
  let figures: ResultFigure[]

  beforeAll(async () => {
    if (!existsSync(join(ROOT, 'out/renderer/index.html'))) {
      throw new Error('The renderer is not built: run "npm run build" before this test')
    }
    dir = await makeTempDir('workbench-bench-test-')
    const out = join(dir, 'latest.json')
    run = await runBench(out)
    figures =
      run.code === 0
        ? (JSON.parse(await readFile(out, 'utf8')) as { figures: ResultFigure[] }).figures
        : []
  }, 120_000)

  afterAll(async () => {
    if (dir) await removeDir(dir)
  })

  it('finishes and prints the table', () => {
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('| Figure |')
  })

  it('produces every figure, and only known ones', () => {
    expect(figures.map((f) => f.key).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it('gives every figure numeric median, p95, min, max and runs', () => {
    for (const f of figures) {
      expect(f.available, `${f.key} is not available`).toBe(true)
      for (const field of ['median', 'p95', 'min', 'max'] as const) {
        expect(typeof f[field], `${f.key}.${field}`).toBe('number')
        expect(Number.isFinite(f[field] as number), `${f.key}.${field}`).toBe(true)
      }
      expect(Number.isInteger(f.runs) && (f.runs as number) >= 1, `${f.key}.runs`).toBe(true)
      expect(f.min as number).toBeLessThanOrEqual(f.max as number)
    }
  })

  it('gives a numeric ratio to its reference wherever one is defined', () => {
    for (const f of figures) {
      expect(f.ratios, f.key).toHaveLength(EXPECTED[f.key] ?? -1)
      for (const r of f.ratios) {
        expect(typeof r.value, `${f.key}: ${r.name}`).toBe('number')
        expect(Number.isFinite(r.value as number), `${f.key}: ${r.name}`).toBe(true)
      }
      // Limits (a stall, a peak) are listed with the ratios but are not one.
      const primary = f.ratios.find((r) => !r.formula.includes('a limit, not a ratio'))
      if (primary) expect(f.ratio, f.key).toBe(primary.value)
      else expect(f.ratio === null || typeof f.ratio === 'number', f.key).toBe(true)
    }
  })
})
