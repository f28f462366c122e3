/**
 * `npm run eval:import [-- --corpus <dir>] [--out <file>] [--predictions <file>]`
 * `npm run eval:import -- --set trafilatura|readability-tests|l3s-gn1 --corpus <dir> [--extractor …]`
 * `npm run eval:import -- --prepare trafilatura|readability-tests|l3s-gn1 --from <snapshot> --corpus <dir>`
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
 *
 * `--set` scores a set of pages the importer was never tuned on instead
 * (eval-import/unseen.ts): trafilatura's evaluation set with its own snippet
 * metric (eval-import/snippets.ts), or Mozilla Readability's test pages with
 * the shingle metric, or the held-out set L3S-GN1 with the ROUGE-LSum metric
 * of Bevendorff et al.'s benchmark (eval-import/l3s-gn1.ts); `--prepare`
 * copies such a set out of a repository snapshot first. Without `--set` the
 * run is the benchmark's, unchanged.
 *
 * The scored text is the story's body: caption blocks (the text under a
 * picture, kept apart by the importer) are left out of it, as the sets
 * mark the body. `--captions in` scores them as body too, to see what
 * that would give; the count of caption blocks is printed either way.
 */
import { cpus } from 'node:os'
import { resolve } from 'node:path'
import { BLOCK_SEPARATOR, type Block, type ImportedArticle } from '../src/shared/domain/article'
import { parseArticleFile } from '../src/main/import'
import { withExtractionCheck } from '../src/main/import/extraction-check'
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
import {
  renderSnippetReport,
  type SnippetEvalResult,
  type SnippetPageResult,
} from './eval-import/snippet-report'
import {
  addCounts,
  countSnippets,
  snippetScores,
  snippetsMissedAndKept,
  textLost,
} from './eval-import/snippets'
import {
  loadReadabilityTests,
  loadTrafilaturaSet,
  prepareSet,
  readProvenance,
  readPublishedSnippetScores,
  UNSEEN_SETS,
  type SnippetPage,
  type UnseenSet,
} from './eval-import/unseen'
import { option, timeSummary, writeRun } from './eval-import/run-support'
import { runL3s } from './eval-import/l3s-gn1-run'

const ROOT = process.cwd()

/** `--extractor readability|defuddle`: score one extractor alone instead of the automatic choice. */
const EXTRACTOR = ((): ExtractorName | undefined => {
  const value = option('extractor')
  if (value === undefined) return undefined
  if ((EXTRACTOR_NAMES as readonly string[]).includes(value)) return value as ExtractorName
  process.stderr.write(`eval:import: --extractor must be one of ${EXTRACTOR_NAMES.join(', ')}\n`)
  process.exit(2)
})()

/** `--captions in`: score caption blocks as body; by default they are left out (see the header). */
const CAPTIONS_IN = option('captions') === 'in'

/** How the scored text treats caption blocks, for the report's metric line. */
const CAPTIONS_NOTE = CAPTIONS_IN
  ? 'caption blocks scored as body (--captions in)'
  : 'caption blocks left out of the scored body'

/** The text scored for an import: its blocks joined, captions left out unless `--captions in`. */
function scoredBody(blocks: readonly Block[]): string {
  return blocks
    .filter((block) => CAPTIONS_IN || block.type !== 'caption')
    .map((block) => block.text)
    .join(BLOCK_SEPARATOR)
}

/** How many caption blocks an import holds. */
function captionCount(blocks: readonly Block[]): number {
  return blocks.filter((block) => block.type === 'caption').length
}

function setOption(name: 'set' | 'prepare'): UnseenSet | undefined {
  const value = option(name)
  if (value === undefined) return undefined
  if ((UNSEEN_SETS as readonly string[]).includes(value)) return value as UnseenSet
  process.stderr.write(`eval:import: --${name} must be one of ${UNSEEN_SETS.join(', ')}\n`)
  process.exit(2)
}

interface Scored {
  readonly page: PageResult
  readonly match: PageMatch
  readonly body: string
  readonly captions: number
}

/**
 * Import one page the way the app does: its bytes and a file name; the benchmark's URL is not an input.
 * `withFlags` reports the import's warning as its flag (the unseen sets); the benchmark's run
 * keeps its report as it was, with no flag.
 */
function scorePage(page: BenchmarkPage, withFlags = false): Scored {
  const started = performance.now()
  const outcome = parseArticleFile(
    `${page.id}.html`,
    page.html,
    EXTRACTOR ? { extractor: EXTRACTOR } : {},
  )
  const ms = performance.now() - started
  const body = outcome.ok ? scoredBody(outcome.article.blocks) : ''
  const match = matchShingles(page.truth, body)
  return {
    match,
    body,
    captions: outcome.ok ? captionCount(outcome.article.blocks) : 0,
    page: {
      id: page.id,
      url: page.url,
      imported: outcome.ok,
      reason: outcome.ok ? null : outcome.reason,
      flag: withFlags && outcome.ok ? flagOf(outcome.article, `${page.id}.html`, page.html) : null,
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
  try {
    const prepare = setOption('prepare')
    if (prepare !== undefined) return await prepareOne(prepare)
    const set = setOption('set')
    if (set === 'trafilatura') return await runSnippetSet()
    if (set === 'readability-tests') return await runReadabilityTests()
    if (set === 'l3s-gn1') return await runL3sSet()
    return await runBenchmark()
  } catch (error) {
    if (error instanceof CorpusMissing) {
      process.stderr.write(`${error.message}\n`)
      return 2
    }
    throw error
  }
}

async function runBenchmark(): Promise<number> {
  const corpus = resolve(ROOT, option('corpus') ?? '../shared/corpora/article-extraction-benchmark')
  const pages = await loadCorpus(corpus)
  const published = await readPublishedScores(corpus)
  return runShingleSet(pages, corpus, published, 'bench/results/eval-import.json', false)
}

/** Readability's test pages, `expected.html` as the truth: circular for a Readability-based importer. */
async function runReadabilityTests(): Promise<number> {
  const corpus = requiredCorpus('readability-tests')
  const tests = await loadReadabilityTests(corpus)
  const provenance = await readProvenance(corpus)
  process.stdout.write(
    `Mozilla Readability's test pages (${provenance?.repo ?? 'mozilla/readability'}` +
      `${provenance?.commit ? ` @ ${provenance.commit.slice(0, 7)}` : ''}), scored against their ` +
      'expected.html: CIRCULAR for this importer, whose first extractor is Readability ' +
      '(this measures how far the importer departs from plain Readability, not quality).\n\n',
  )
  const pages = tests.map((t) => ({ id: t.id, url: null, truth: t.truth, html: t.html }))
  return runShingleSet(pages, corpus, [], 'bench/results/eval-import-readability-tests.json', true)
}

function requiredCorpus(set: UnseenSet): string {
  const corpus = option('corpus')
  if (corpus === undefined) {
    process.stderr.write(`eval:import: --set ${set} needs --corpus <dir> (see --prepare)\n`)
    process.exit(2)
  }
  return resolve(ROOT, corpus)
}

async function prepareOne(set: UnseenSet): Promise<number> {
  const from = option('from')
  const corpus = option('corpus')
  if (from === undefined || corpus === undefined) {
    process.stderr.write(
      `eval:import: --prepare ${set} needs --from <git dir or checkout> and --corpus <dir>\n`,
    )
    return 2
  }
  const provenance = await prepareSet(set, resolve(ROOT, from), resolve(ROOT, corpus))
  process.stderr.write(
    `eval:import: ${set} from ${provenance.repo} @ ${provenance.commit ?? 'a checkout'} ` +
      `copied to ${resolve(ROOT, corpus)}\n`,
  )
  return 0
}

async function runShingleSet(
  pages: readonly BenchmarkPage[],
  corpus: string,
  published: EvalResult['published'],
  defaultOut: string,
  withFlags: boolean,
): Promise<number> {
  const out = resolve(ROOT, option('out') ?? defaultOut)
  const predictions = option('predictions')

  process.stderr.write(`eval:import: importing ${pages.length} pages…\n`)
  const scored: Scored[] = []
  const started = performance.now()
  for (const page of pages) {
    scored.push(scorePage(page, withFlags))
    // The app's parse worker takes one file per message, so its event loop
    // turns between files; the eval does the same.
    await new Promise((resolve) => setImmediate(resolve))
  }
  const totalS = (performance.now() - started) / 1000
  // maxRSS is in kilobytes: the peak of the whole process, corpus and importer together.
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6

  const results = scored.map((s) => s.page)
  const matches = scored.map((s) => s.match)
  const byF1 = [...results].sort((a, b) => a.f1 - b.f1)
  const result: EvalResult = {
    date: new Date().toISOString(),
    corpus,
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    metric:
      'benchmark evaluate.py: \\w+ tokens, 4-token shingle multisets, per-page TP/FP/FN normalised; ' +
      'mean of per-page precision (pages with output) and recall (pages with a marked body); F1 from the means; ' +
      CAPTIONS_NOTE,
    pages: pages.length,
    scores: scoreSet(matches),
    spread: bootstrapSpread(matches),
    accuracy: results.filter((p) => p.sameTokens).length / results.length,
    captions: {
      blocks: scored.reduce((sum, s) => sum + s.captions, 0),
      pages: scored.filter((s) => s.captions > 0).length,
    },
    published,
    time: timeSummary(
      results.map((p) => p.ms),
      totalS,
    ),
    peakRssMb,
    lost: byF1.filter((p) => p.f1 < LOST_F1 || p.extractedTokens === 0),
    worst: byF1.slice(0, 10),
    rejected: results.filter((p) => !p.imported),
    perPage: results,
  }
  process.stdout.write(`${renderReport(result)}\n`)

  await writeRun(
    'eval:import',
    out,
    result,
    predictions
      ? {
          path: resolve(ROOT, predictions),
          bodies: Object.fromEntries(scored.map((s) => [s.page.id, { articleBody: s.body }])),
        }
      : undefined,
  )
  return 0
}

/** Trafilatura's evaluation set, scored with its own snippet metric. */
async function runSnippetSet(): Promise<number> {
  const corpus = requiredCorpus('trafilatura')
  const out = resolve(ROOT, option('out') ?? 'bench/results/eval-import-trafilatura.json')
  const predictions = option('predictions')
  const pages = await loadTrafilaturaSet(corpus)
  const provenance = await readProvenance(corpus)
  const published = await readPublishedSnippetScores(corpus)

  process.stderr.write(`eval:import: importing ${pages.length} pages of the trafilatura set…\n`)
  const results: SnippetPageResult[] = []
  let captionBlocks = 0
  let captionPages = 0
  const bodies: Record<string, { url: string; title: string; body: string | null }> = {}
  const started = performance.now()
  for (const page of pages) {
    const { result, title, body, captions } = scoreSnippetPage(page)
    results.push(result)
    captionBlocks += captions
    if (captions > 0) captionPages++
    bodies[page.item.file] = { url: page.item.url, title, body }
    await new Promise((resolve) => setImmediate(resolve))
  }
  const totalS = (performance.now() - started) / 1000
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6

  const totals = addCounts(results.map((p) => p.counts))
  const byF1 = [...results].sort((a, b) => a.f1 - b.f1 || b.counts.fn - a.counts.fn)
  const result: SnippetEvalResult = {
    date: new Date().toISOString(),
    set: "trafilatura's evaluation set",
    corpus,
    provenance,
    extractor: EXTRACTOR ?? "automatic (the app's choice)",
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    metric:
      'trafilatura tests/eval_common.py: a snippet is found when its whitespace-normalised text is in the ' +
      'whitespace-normalised output; TP = main-text snippets found, FP = boilerplate snippets kept; ' +
      'precision, recall, accuracy and F1 from the counts pooled over all pages; the title is not scored; ' +
      CAPTIONS_NOTE,
    pages: pages.length,
    totals,
    scores: snippetScores(totals),
    captions: { blocks: captionBlocks, pages: captionPages },
    published,
    time: timeSummary(
      results.map((p) => p.ms),
      totalS,
    ),
    peakRssMb,
    flagged: results.filter((p) => p.flag !== null).length,
    pagesWithClutter: results.filter((p) => p.counts.fp > 0).length,
    missedInTitle: results.reduce((s, p) => s + p.missedInTitle, 0),
    lost: byF1.filter((p) => p.lost),
    worst: byF1.slice(0, 10),
    rejected: results.filter((p) => !p.imported),
    perPage: results,
  }
  process.stdout.write(`${renderSnippetReport(result)}\n`)

  await writeRun(
    'eval:import',
    out,
    result,
    predictions ? { path: resolve(ROOT, predictions), bodies } : undefined,
  )
  return 0
}

/** The held-out set, L3S-GN1, with the ROUGE-LSum metric of Bevendorff et al.'s benchmark. */
async function runL3sSet(): Promise<number> {
  const corpus = requiredCorpus('l3s-gn1')
  const out = resolve(ROOT, option('out') ?? 'bench/results/eval-import-l3s-gn1.json')
  return runL3s(
    corpus,
    out,
    option('predictions'),
    (name, html) => {
      const outcome = parseArticleFile(name, html, EXTRACTOR ? { extractor: EXTRACTOR } : {})
      if (!outcome.ok) return { ok: false, reason: outcome.reason }
      return {
        ok: true,
        body: scoredBody(outcome.article.blocks),
        extractor: outcome.article.extractor ?? null,
        flag: flagOf(outcome.article, name, html),
      }
    },
    EXTRACTOR ?? "automatic (the app's choice)",
  )
}

/** The "check this import" reason the app would show for this import, or null. */
function flagOf(article: ImportedArticle, name: string, data: Uint8Array): string | null {
  return withExtractionCheck(article, { name, data }).warning ?? null
}

/** Import one annotated page by its bytes and its file name, and count its snippets. */
function scoreSnippetPage(page: SnippetPage): {
  result: SnippetPageResult
  title: string
  body: string | null
  captions: number
} {
  const started = performance.now()
  const outcome = parseArticleFile(page.name, page.html, EXTRACTOR ? { extractor: EXTRACTOR } : {})
  const ms = performance.now() - started
  const body = outcome.ok ? scoredBody(outcome.article.blocks) : null
  const title = outcome.ok ? outcome.article.title : ''
  const counts = countSnippets(page.item, body)
  const { missed, kept } = snippetsMissedAndKept(page.item, body)
  const inTitle = snippetsMissedAndKept({ ...page.item, with: missed, without: [] }, title)
  const f1Denominator = 2 * counts.tp + counts.fp + counts.fn
  return {
    title,
    body,
    captions: outcome.ok ? captionCount(outcome.article.blocks) : 0,
    result: {
      file: page.item.file,
      url: page.item.url,
      imported: outcome.ok,
      reason: outcome.ok ? null : outcome.reason,
      flag: outcome.ok ? flagOf(outcome.article, page.name, page.html) : null,
      extractor: outcome.ok ? (outcome.article.extractor ?? null) : null,
      counts,
      f1: f1Denominator > 0 ? (2 * counts.tp) / f1Denominator : 1,
      lost: !outcome.ok || (body ?? '').trim() === '' || textLost(counts),
      missed,
      kept,
      missedInTitle: missed.length - inTitle.missed.length,
      extractedChars: body?.length ?? 0,
      ms,
    },
  }
}

process.exitCode = await main()
