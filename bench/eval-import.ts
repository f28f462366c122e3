/**
 * `npm run eval:import [-- --corpus <dir>] [--out <file>] [--predictions <file>]`
 *
 * Scores the app's real importer (`parseArticleFile`, the function every
 * import goes through) on the public article-extraction benchmark kept
 * outside the repository, with the benchmark's own metric (see
 * eval-import/metric.ts), and prints it beside the scores the benchmark
 * publishes for other extractors. Also: the pages whose text was lost and
 * whether the import said so, the worst pages, the refused pages, the time
 * per page and the peak RSS. Writes the result as JSON (`--out`, default
 * bench/results/eval-import.json); `--predictions` also writes the extracted
 * bodies in the benchmark's `output/*.json` format, so its `evaluate.py` can
 * check the figures. Nothing here asserts on a score: targets live in the
 * issue, figures in docs/import-quality.md.
 */
import { cpus } from 'node:os'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import { BLOCK_SEPARATOR } from '../src/shared/domain/article'
import { parseArticleFile } from '../src/main/import'
import { EXTRACTOR_NAMES, type ExtractorName } from '../src/shared/import/extractors'
import {
  CorpusMissing,
  loadCorpus,
  readPublishedScores,
  type BenchmarkPage,
} from './eval-import/corpus'
import {
  bootstrapSpread,
  matchShingles,
  pageF1,
  pagePrecision,
  pageRecall,
  sameTokens,
  scoreSet,
  tokenize,
  type PageMatch,
} from './eval-import/metric'
import { LOST_F1, renderReport, type EvalResult, type PageResult } from './eval-import/report'
import { median, percentile } from './stats'

const ROOT = process.cwd()

function option(name: string): string | undefined {
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === `--${name}`) return args[i + 1]
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}

/** `--extractor readability|defuddle`: score one extractor alone instead of the automatic choice. */
const EXTRACTOR = ((): ExtractorName | undefined => {
  const value = option('extractor')
  if (value === undefined) return undefined
  if ((EXTRACTOR_NAMES as readonly string[]).includes(value)) return value as ExtractorName
  process.stderr.write(`eval:import: --extractor must be one of ${EXTRACTOR_NAMES.join(', ')}\n`)
  process.exit(2)
})()

interface Scored {
  readonly page: PageResult
  readonly match: PageMatch
  readonly body: string
}

/** Import one page the way the app does: its bytes and a file name; the benchmark's URL is not an input. */
function scorePage(page: BenchmarkPage): Scored {
  const started = performance.now()
  const outcome = parseArticleFile(
    `${page.id}.html`,
    page.html,
    EXTRACTOR ? { extractor: EXTRACTOR } : {},
  )
  const ms = performance.now() - started
  const body = outcome.ok ? outcome.article.blocks.map((b) => b.text).join(BLOCK_SEPARATOR) : ''
  const match = matchShingles(page.truth, body)
  return {
    match,
    body,
    page: {
      id: page.id,
      url: page.url,
      imported: outcome.ok,
      reason: outcome.ok ? null : outcome.reason,
      flag: null, // The importer has no "check this import" mark yet (issue 15, item 4).
      precision: pagePrecision(match),
      recall: pageRecall(match),
      f1: pageF1(match),
      extractedTokens: tokenize(body).length,
      truthTokens: tokenize(page.truth).length,
      sameTokens: sameTokens(page.truth, body),
      ms,
    },
  }
}

async function main(): Promise<number> {
  const corpus = resolve(ROOT, option('corpus') ?? '../shared/corpora/article-extraction-benchmark')
  const out = resolve(ROOT, option('out') ?? 'bench/results/eval-import.json')
  const predictions = option('predictions')

  let pages: BenchmarkPage[]
  try {
    pages = await loadCorpus(corpus)
  } catch (error) {
    if (error instanceof CorpusMissing) {
      process.stderr.write(`${error.message}\n`)
      return 2
    }
    throw error
  }
  const published = await readPublishedScores(corpus)

  process.stderr.write(`eval:import: importing ${pages.length} pages…\n`)
  const scored: Scored[] = []
  const started = performance.now()
  for (const page of pages) {
    scored.push(scorePage(page))
    // The app's parse worker takes one file per message, so its event loop
    // turns between files; the eval does the same.
    await new Promise((resolve) => setImmediate(resolve))
  }
  const totalS = (performance.now() - started) / 1000
  // maxRSS is in kilobytes: the peak of the whole process, corpus and importer together.
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6

  const results = scored.map((s) => s.page)
  const matches = scored.map((s) => s.match)
  const times = results.map((p) => p.ms).sort((a, b) => a - b)
  const byF1 = [...results].sort((a, b) => a.f1 - b.f1)
  const result: EvalResult = {
    date: new Date().toISOString(),
    corpus,
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    metric:
      'benchmark evaluate.py: \\w+ tokens, 4-token shingle multisets, per-page TP/FP/FN normalised; ' +
      'mean of per-page precision (pages with output) and recall (pages with a marked body); F1 from the means',
    pages: pages.length,
    scores: scoreSet(matches),
    spread: bootstrapSpread(matches),
    accuracy: results.filter((p) => p.sameTokens).length / results.length,
    published,
    time: {
      totalS,
      medianMs: median(times),
      p95Ms: percentile(times, 0.95),
      maxMs: times[times.length - 1] ?? Number.NaN,
      firstMs: results[0]?.ms ?? Number.NaN,
    },
    peakRssMb,
    lost: byF1.filter((p) => p.f1 < LOST_F1 || p.extractedTokens === 0),
    worst: byF1.slice(0, 10),
    rejected: results.filter((p) => !p.imported),
    perPage: results,
  }
  process.stdout.write(`${renderReport(result)}\n`)

  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`)
  process.stderr.write(`eval:import: wrote ${out}\n`)
  if (predictions) {
    const path = resolve(ROOT, predictions)
    const bodies = Object.fromEntries(scored.map((s) => [s.page.id, { articleBody: s.body }]))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, `${JSON.stringify(bodies, null, 1)}\n`)
    process.stderr.write(`eval:import: wrote the extracted bodies to ${path}\n`)
  }
  return 0
}

process.exitCode = await main()
