/**
 * `npm run eval:import-pdf [-- --corpus <dir>] [--pages 40] [--cache <dir>] [--out <file>] [--show <id>]`
 *
 * Why: the PDF reader's tests run on PDFs written by hand, which are only as
 * varied as their author. Real printed pages are not: Chromium prints the
 * benchmark's news pages with its running header (date and title) and footer
 * (the URL and "1/3" page numbers), menus in small type, hyphens at line ends
 * and paragraphs broken over pages. This script prints a spread of benchmark
 * pages twice (with Chromium's header and footer, and with
 * `--no-pdf-header-footer`) into a cache, imports each PDF through
 * `readArticleFile` (the function every import goes through) and looks for
 * PDF-reader faults: page furniture that survives, compounds glued or words
 * split at line ends, paragraphs split or merged against the HTML import of
 * the same page, the title chosen, and the benchmark's shingle precision and
 * recall against the hand-marked body (precision is low by nature: a printed
 * page carries its menus, which no PDF reader can tell from the story).
 *
 * Pages are printed once and cached (node_modules/.cache/…); without
 * Chromium the script says so and stops. Nothing here asserts on a score.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BLOCK_SEPARATOR } from '../src/shared/domain/article'
import { parseArticleFile, readArticleFile, type ParseOutcome } from '../src/main/import'
import { CorpusMissing, loadCorpus, type BenchmarkPage } from './eval-import/corpus'
import {
  matchShingles,
  pagePrecision,
  pageRecall,
  scoreSet,
  type PageMatch,
} from './eval-import/metric'
import { option } from './eval-import/run-support'

const ROOT = process.cwd()

/** The two ways a page is printed: as a browser prints it by default, and without header and footer. */
const VARIANTS = ['furniture', 'plain'] as const
type Variant = (typeof VARIANTS)[number]

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

// --- Printing ----------------------------------------------------------------

/**
 * Print one saved page to PDF with Chromium. Scripts are taken out first:
 * the benchmark saved its pages with JavaScript off, and a script that
 * waits for the network would stall the print.
 */
async function printPage(page: BenchmarkPage, cache: string, variant: Variant): Promise<string> {
  const pdfPath = join(cache, variant, `${page.id}.pdf`)
  if (existsSync(pdfPath)) return pdfPath
  const htmlPath = join(cache, 'html', `${page.id}.html`)
  if (!existsSync(htmlPath)) {
    const html = Buffer.from(page.html)
      .toString('utf8')
      .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    await writeFile(htmlPath, html)
  }
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    `--user-data-dir=${join(cache, 'profile', variant, page.id)}`,
    `--print-to-pdf=${pdfPath}`,
    ...(variant === 'plain' ? ['--no-pdf-header-footer'] : []),
    pathToFileURL(htmlPath).href,
  ]
  await new Promise<void>((done) => {
    const child = spawn(CHROMIUM, args, { stdio: 'ignore' })
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('exit', () => {
      clearTimeout(timer)
      done()
    })
    child.on('error', () => {
      clearTimeout(timer)
      done()
    })
  })
  return pdfPath
}

async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: limit }, worker))
}

// --- Checks ------------------------------------------------------------------

/** Words with their inner hyphens, lower-cased: "well-known", "ust-luga", "2019". */
const WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? []
}

/** The text a browser would show for a page, roughly: no scripts, styles or tags. */
function visibleText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#8209;|&#x2011;/gi, '-')
}

interface HyphenFaults {
  /** A compound the page hyphenates, printed whole ("wellknown"). */
  readonly glued: string[]
  /** A word the page writes whole, printed with a hyphen or a space inside ("elec-tricity", "elec tricity"). */
  readonly split: string[]
}

/** Words of the PDF text the page itself never writes that way, explained by a hyphen at a line end. */
function hyphenFaults(pdfText: string, pageText: string): HyphenFaults {
  const vocabulary = new Set(wordsOf(pageText))
  const dehyphenated = new Map<string, string>()
  for (const word of vocabulary) {
    if (word.includes('-')) dehyphenated.set(word.replace(/-/g, ''), word)
  }
  const glued: string[] = []
  const split: string[] = []
  const words = wordsOf(pdfText)
  words.forEach((word, index) => {
    if (vocabulary.has(word)) return
    const compound = dehyphenated.get(word)
    if (compound !== undefined && !vocabulary.has(word)) glued.push(`${word} (${compound})`)
    else if (word.includes('-') && vocabulary.has(word.replace(/-/g, ''))) split.push(word)
    const following = words[index + 1]
    if (following !== undefined && !vocabulary.has(following)) {
      if (vocabulary.has(word + following)) split.push(`${word} ${following}`)
    }
  })
  return { glued, split }
}

/** Runs of word characters joined by one space: a paragraph's identity, whatever the layout. */
function tokenLine(text: string): string {
  return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).join(' ')
}

interface ParagraphMatch {
  /** HTML paragraphs of 8 words or more. */
  readonly html: number
  /** …found whole in one PDF block. */
  readonly whole: number
  /** …found in the PDF text, but over two or more blocks. */
  readonly split: number
  /** PDF blocks holding two or more of those paragraphs. */
  readonly merged: number
  /** The opening words of the split paragraphs and of the merged blocks, to look at. */
  readonly splitSamples: string[]
  readonly mergedSamples: string[]
}

function matchParagraphs(
  htmlBlocks: readonly string[],
  pdfBlocks: readonly string[],
): ParagraphMatch {
  const paragraphs = htmlBlocks.map(tokenLine).filter((line) => line.split(' ').length >= 8)
  const blocks = pdfBlocks.map(tokenLine)
  const all = ` ${blocks.join(' ')} `
  let whole = 0
  let split = 0
  const splitSamples: string[] = []
  const holders = new Map<number, number>()
  for (const paragraph of paragraphs) {
    const at = blocks.findIndex((block) => ` ${block} `.includes(` ${paragraph} `))
    if (at >= 0) {
      whole++
      holders.set(at, (holders.get(at) ?? 0) + 1)
    } else if (all.includes(` ${paragraph} `)) {
      split++
      splitSamples.push(paragraph.split(' ').slice(0, 10).join(' '))
    }
  }
  const mergedAt = [...holders].filter(([, count]) => count >= 2).map(([at]) => at)
  const mergedSamples = mergedAt.map((at) => blocks[at]!.split(' ').slice(0, 10).join(' '))
  return {
    html: paragraphs.length,
    whole,
    split,
    merged: mergedAt.length,
    splitSamples,
    mergedSamples,
  }
}

/** Chromium's header date ("12/7/26, 6:51 PM"), its footer URL and its "1/3" page numbers. */
const FURNITURE: Readonly<Record<string, RegExp>> = {
  date: /\b\d{1,2}\/\d{1,2}\/\d{2}, \d{1,2}:\d{2}\s?[AP]M\b/g,
  url: /\bfile:\/\/\S+/g,
  pageNumber: /(?:^|\s)\d{1,3}\/\d{1,3}(?=\s|$)/gm,
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0
}

function countText(text: string, needle: string): number {
  if (needle === '') return 0
  return text.split(needle).length - 1
}

function titleOfPage(html: string): string {
  const raw = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? ''
  return raw
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&#x27;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
}

type TitleQuality = 'same' | 'contains' | 'other' | 'none'

function titleQuality(pdfTitle: string | null, htmlTitle: string | null): TitleQuality {
  if (pdfTitle === null || htmlTitle === null) return 'none'
  const [a, b] = [tokenLine(pdfTitle), tokenLine(htmlTitle)]
  if (a === b) return 'same'
  if (a.includes(b) || b.includes(a)) return 'contains'
  return 'other'
}

// --- One page ----------------------------------------------------------------

interface VariantResult {
  readonly imported: boolean
  readonly reason: string | null
  readonly title: string | null
  readonly publishedAt: string | null
  readonly blocks: number
  readonly match: PageMatch
  readonly precision: number
  readonly recall: number
  readonly paragraphs: ParagraphMatch
  readonly hyphens: HyphenFaults
  readonly ms: number
}

interface PageResult {
  readonly id: string
  readonly htmlTitle: string | null
  readonly htmlPublishedAt: string | null
  readonly htmlBlocks: number
  /** Chromium's header and footer lines left in the text: extra matches over the plain print. */
  readonly furniture: Readonly<Record<string, number>>
  readonly titleQuality: TitleQuality
  readonly variants: Readonly<Record<Variant, VariantResult>>
}

function bodyOf(outcome: ParseOutcome): string[] {
  return outcome.ok ? outcome.article.blocks.map((block) => block.text) : []
}

async function evaluatePage(page: BenchmarkPage, cache: string): Promise<PageResult> {
  const html = parseArticleFile(`${page.id}.html`, page.html)
  const htmlBlocks = bodyOf(html)
  const pageHtml = Buffer.from(page.html).toString('utf8')
  const pageText = visibleText(pageHtml)
  const documentTitle = titleOfPage(pageHtml)
  const texts = {} as Record<Variant, string>
  const variants = {} as Record<Variant, VariantResult>
  for (const variant of VARIANTS) {
    const bytes = new Uint8Array(await readFile(join(cache, variant, `${page.id}.pdf`)))
    const started = performance.now()
    const outcome = await readArticleFile(`${page.id}.pdf`, bytes)
    const ms = performance.now() - started
    const blocks = bodyOf(outcome)
    const body = blocks.join(BLOCK_SEPARATOR)
    texts[variant] = body
    const match = matchShingles(page.truth, body)
    variants[variant] = {
      imported: outcome.ok,
      reason: outcome.ok ? null : outcome.reason,
      title: outcome.ok ? outcome.article.title : null,
      publishedAt: outcome.ok ? outcome.article.publishedAt : null,
      blocks: blocks.length,
      match,
      precision: pagePrecision(match),
      recall: pageRecall(match),
      paragraphs: matchParagraphs(htmlBlocks, blocks),
      hyphens: hyphenFaults(body, pageText),
      ms,
    }
  }
  const furniture: Record<string, number> = {}
  for (const [name, pattern] of Object.entries(FURNITURE)) {
    furniture[name] = Math.max(0, count(texts.furniture, pattern) - count(texts.plain, pattern))
  }
  furniture.title = Math.max(
    0,
    countText(texts.furniture, documentTitle) - countText(texts.plain, documentTitle),
  )
  const htmlTitle = html.ok ? html.article.title : null
  return {
    id: page.id,
    htmlTitle,
    htmlPublishedAt: html.ok ? html.article.publishedAt : null,
    htmlBlocks: htmlBlocks.length,
    furniture,
    titleQuality: titleQuality(variants.plain.title, htmlTitle),
    variants,
  }
}

// --- Report ------------------------------------------------------------------

function pct(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`
}

function report(results: readonly PageResult[]): string {
  const lines: string[] = []
  const n = results.length
  lines.push(`PDF import of ${n} benchmark pages printed by Chromium`)
  lines.push('')
  lines.push('Running header and footer left in the text (pages, of the default print):')
  for (const name of ['date', 'title', 'url', 'pageNumber']) {
    const hit = results.filter((r) => (r.furniture[name] ?? 0) > 0)
    lines.push(
      `  ${name.padEnd(11)} ${String(hit.length).padStart(3)} / ${n}${hit.length ? `  e.g. ${hit[0]!.id.slice(0, 12)}` : ''}`,
    )
  }
  for (const variant of VARIANTS) {
    const got = results.map((r) => r.variants[variant])
    const imported = got.filter((v) => v.imported).length
    const scores = scoreSet(got.map((v) => v.match))
    const glued = got.flatMap((v) => v.hyphens.glued)
    const split = got.flatMap((v) => v.hyphens.split)
    const paragraphs = got.reduce(
      (sum, v) => ({
        html: sum.html + v.paragraphs.html,
        whole: sum.whole + v.paragraphs.whole,
        split: sum.split + v.paragraphs.split,
        merged: sum.merged + v.paragraphs.merged,
      }),
      { html: 0, whole: 0, split: 0, merged: 0 },
    )
    lines.push('')
    lines.push(
      `${variant === 'furniture' ? 'Default print (header and footer)' : 'Print without header and footer'}:`,
    )
    lines.push(`  imported            ${imported} / ${n}`)
    for (const v of got.filter((v) => !v.imported)) lines.push(`    refused: ${v.reason}`)
    lines.push(
      `  shingles vs truth   precision ${scores.precision.toFixed(3)}  recall ${scores.recall.toFixed(3)}  F1 ${scores.f1.toFixed(3)}`,
    )
    lines.push(
      `  HTML paragraphs     ${paragraphs.html}: whole in one block ${pct(paragraphs.whole, paragraphs.html)}, split over blocks ${paragraphs.split}, PDF blocks holding 2+ of them ${paragraphs.merged}`,
    )
    lines.push(
      `  hyphenation         glued compounds ${glued.length} (pages ${got.filter((v) => v.hyphens.glued.length > 0).length}), split words ${split.length} (pages ${got.filter((v) => v.hyphens.split.length > 0).length})`,
    )
    if (glued.length) lines.push(`    glued: ${glued.slice(0, 12).join(', ')}`)
    if (split.length) lines.push(`    split: ${split.slice(0, 12).join(', ')}`)
  }
  const quality = (q: TitleQuality): number => results.filter((r) => r.titleQuality === q).length
  lines.push('')
  lines.push(
    `Title (plain print) vs the HTML import's: same ${quality('same')}, one contains the other ${quality('contains')}, different ${quality('other')}, missing ${quality('none')}`,
  )
  for (const r of results.filter((r) => r.titleQuality !== 'same').slice(0, 10)) {
    lines.push(`  ${r.id.slice(0, 12)}  PDF: ${r.variants.plain.title ?? '—'}`)
    lines.push(`  ${' '.repeat(12)}  HTML: ${r.htmlTitle ?? '—'}`)
  }
  const dates = results.map((r) => [r.variants.plain.publishedAt, r.htmlPublishedAt] as const)
  lines.push(
    `Date (plain print) vs the HTML import's: same ${dates.filter(([a, b]) => a !== null && a === b).length}, ` +
      `different ${dates.filter(([a, b]) => a !== null && b !== null && a !== b).length}, ` +
      `PDF only ${dates.filter(([a, b]) => a !== null && b === null).length}, ` +
      `HTML only ${dates.filter(([a, b]) => a === null && b !== null).length}, ` +
      `neither ${dates.filter(([a, b]) => a === null && b === null).length}`,
  )
  for (const r of results.filter(
    (r) =>
      r.variants.plain.publishedAt !== null && r.variants.plain.publishedAt !== r.htmlPublishedAt,
  )) {
    lines.push(
      `  ${r.id.slice(0, 12)}  PDF: ${r.variants.plain.publishedAt}  HTML: ${r.htmlPublishedAt ?? '—'}`,
    )
  }
  const times = results.flatMap((r) => VARIANTS.map((v) => r.variants[v].ms)).sort((a, b) => a - b)
  lines.push('')
  lines.push(
    `Time per PDF: median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, max ${times[times.length - 1]?.toFixed(0)} ms`,
  )
  return lines.join('\n')
}

// --- Main --------------------------------------------------------------------

async function main(): Promise<number> {
  const corpus = resolve(ROOT, option('corpus') ?? '../shared/corpora/article-extraction-benchmark')
  const cache = resolve(ROOT, option('cache') ?? 'node_modules/.cache/workbench-eval-import-pdf')
  const out = resolve(ROOT, option('out') ?? 'bench/results/eval-import-pdf.json')
  const wanted = Math.max(1, Number(option('pages') ?? 40))
  const show = option('show')

  if (!existsSync(CHROMIUM)) {
    process.stderr.write(
      `eval:import-pdf: no Chromium at ${CHROMIUM}; it prints the pages to PDF. ` +
        'Install it (sudo apt-get install chromium) or point CHROMIUM_PATH at one. Skipped.\n',
    )
    return 0
  }
  let all: BenchmarkPage[]
  try {
    all = await loadCorpus(corpus)
  } catch (error) {
    if (error instanceof CorpusMissing) {
      process.stderr.write(`${error.message.replace('eval:import', 'eval:import-pdf')}\n`)
      return 2
    }
    throw error
  }
  // An even spread over the corpus in id order: the same pages every run.
  const sorted = [...all].sort((a, b) => a.id.localeCompare(b.id))
  const step = sorted.length / Math.min(wanted, sorted.length)
  let pages = Array.from(
    { length: Math.min(wanted, sorted.length) },
    (_, i) => sorted[Math.floor(i * step)]!,
  )
  if (show) pages = sorted.filter((page) => page.id.startsWith(show))

  for (const dir of ['html', ...VARIANTS]) await mkdir(join(cache, dir), { recursive: true })
  const jobs = pages.flatMap((page) => VARIANTS.map((variant) => ({ page, variant })))
  const missing = jobs.filter((job) => !existsSync(join(cache, job.variant, `${job.page.id}.pdf`)))
  if (missing.length > 0)
    process.stderr.write(`eval:import-pdf: printing ${missing.length} PDFs…\n`)
  await inParallel(missing, 4, async ({ page, variant }) => {
    await printPage(page, cache, variant)
  })
  const printed = pages.filter((page) =>
    VARIANTS.every((variant) => existsSync(join(cache, variant, `${page.id}.pdf`))),
  )
  if (printed.length < pages.length) {
    process.stderr.write(
      `eval:import-pdf: Chromium did not print ${pages.length - printed.length} pages; left out\n`,
    )
  }

  if (show) {
    for (const page of printed) {
      for (const variant of VARIANTS) {
        const bytes = new Uint8Array(await readFile(join(cache, variant, `${page.id}.pdf`)))
        const outcome = await readArticleFile(`${page.id}.pdf`, bytes)
        process.stdout.write(`=== ${page.id} (${variant})\n`)
        if (!outcome.ok) {
          process.stdout.write(`refused: ${outcome.reason}\n`)
          continue
        }
        const { title, byline, publishedAt, blocks } = outcome.article
        process.stdout.write(`title: ${title}\nbyline: ${byline}\npublishedAt: ${publishedAt}\n\n`)
        for (const block of blocks) process.stdout.write(`[${block.type}] ${block.text}\n\n`)
      }
    }
    return 0
  }

  const results: PageResult[] = []
  for (const page of printed) results.push(await evaluatePage(page, cache))
  process.stdout.write(`${report(results)}\n`)
  await mkdir(dirname(out), { recursive: true })
  await writeFile(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), corpus, perPage: results }, null, 2)}\n`,
  )
  process.stderr.write(`eval:import-pdf: wrote ${out}\n`)
  return 0
}

process.exit(await main())
