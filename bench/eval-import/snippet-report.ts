/**
 * The printed report of `npm run eval:import -- --set trafilatura`.
 *
 * Why: the snippet set has other columns than the shingle benchmark
 * (accuracy, snippets found and kept), so it has its own table, in the same
 * style as report.ts.
 */
import {
  captionLine,
  f3,
  table as textTable,
  type CaptionCount,
  type TimeSummary,
} from './run-support'
import type { SnippetCounts, SnippetScores } from './snippets'
import type { PublishedSnippetScore, UnseenRunHeader } from './unseen'

export interface SnippetPageResult {
  readonly file: string
  readonly url: string
  /** False when the importer refused the page; `reason` is then its message. */
  readonly imported: boolean
  readonly reason: string | null
  /** The import's "check this import" warning (`article.warning`), or null. */
  readonly flag: string | null
  /** Which extractor read the page, when the importer says. */
  readonly extractor: string | null
  readonly counts: SnippetCounts
  /** F1 of this page's own counts, for ranking (trafilatura reports none per page). */
  readonly f1: number
  readonly lost: boolean
  /** `with` snippets not in the text; `without` snippets kept in it (clutter). */
  readonly missed: readonly string[]
  readonly kept: readonly string[]
  /** Of the missed `with` snippets, how many are in the article's title (scored text excludes it). */
  readonly missedInTitle: number
  readonly extractedChars: number
  readonly ms: number
}

export interface SnippetEvalResult extends UnseenRunHeader {
  readonly totals: SnippetCounts
  readonly scores: SnippetScores
  /** Caption blocks in the imports, and the pages holding any (scored or not: see `metric`). */
  readonly captions: CaptionCount
  readonly published: readonly PublishedSnippetScore[]
  readonly time: TimeSummary
  readonly peakRssMb: number
  readonly flagged: number
  /** Pages that kept at least one `without` snippet. */
  readonly pagesWithClutter: number
  readonly missedInTitle: number
  readonly lost: readonly SnippetPageResult[]
  readonly worst: readonly SnippetPageResult[]
  readonly rejected: readonly SnippetPageResult[]
  readonly perPage: readonly SnippetPageResult[]
}

export function renderSnippetReport(r: SnippetEvalResult): string {
  const out: string[] = []
  const source = r.provenance
    ? `${r.provenance.repo}${r.provenance.commit ? ` @ ${r.provenance.commit.slice(0, 7)}` : ''}, ${r.provenance.licence}`
    : r.corpus
  out.push(
    `Import quality on ${r.pages} pages the importer was never tuned on: ${r.set} (${source})`,
  )
  out.push(`Corpus: ${r.corpus}; extractor: ${r.extractor}`)
  out.push(`(${r.metric})`, '')
  const rows: string[][] = [['extractor', 'precision', 'recall', 'accuracy', 'F1']]
  rows.push([
    'this importer (parseArticleFile)',
    f3(r.scores.precision),
    f3(r.scores.recall),
    f3(r.scores.accuracy),
    f3(r.scores.f1),
  ])
  for (const p of r.published) {
    rows.push([
      `${p.extractor} [published, ${p.section}]`,
      f3(p.precision),
      f3(p.recall),
      f3(p.accuracy),
      f3(p.f1),
    ])
  }
  out.push(table(rows), '')
  const { tp, fp, fn, tn } = r.totals
  out.push(
    `Main-text snippets found: ${tp} of ${tp + fn}. Clutter snippets kept: ${fp} of ${fp + tn}, ` +
      `on ${r.pagesWithClutter} pages.`,
    `Missed main-text snippets that are in the article's title (not scored): ${r.missedInTitle}.`,
    `Imports flagged "check this import" (article.warning): ${r.flagged} of ${r.pages}.`,
    captionLine(r.captions, r.pages),
    `Time per page: median ${r.time.medianMs.toFixed(0)} ms, p95 ${r.time.p95Ms.toFixed(0)} ms, ` +
      `max ${r.time.maxMs.toFixed(0)} ms, first (cold) ${r.time.firstMs.toFixed(0)} ms; ` +
      `total ${r.time.totalS.toFixed(1)} s. Peak RSS ${r.peakRssMb.toFixed(0)} MB.`,
    '',
  )
  const lostFlagged = r.lost.filter((p) => p.flag !== null || !p.imported).length
  out.push(
    `Pages whose text was lost (at most a quarter of the main-text snippets found): ${r.lost.length}, ` +
      `of which flagged or refused: ${lostFlagged}, imported without a flag: ${r.lost.length - lostFlagged}`,
  )
  if (r.lost.length > 0) {
    out.push(
      table([
        ['page', 'found', 'kept', 'chars', 'import'],
        ...r.lost.map((p) => [
          p.file,
          `${p.counts.tp}/${p.counts.tp + p.counts.fn}`,
          `${p.counts.fp}/${p.counts.fp + p.counts.tn}`,
          String(p.extractedChars),
          importState(p),
        ]),
      ]),
    )
  }
  out.push('', 'Worst 10 pages:')
  out.push(
    table([
      ['page', 'F1', 'found', 'kept', 'chars', 'first missed / kept snippet'],
      ...r.worst.map((p) => [
        p.file,
        f3(p.f1),
        `${p.counts.tp}/${p.counts.tp + p.counts.fn}`,
        `${p.counts.fp}/${p.counts.fp + p.counts.tn}`,
        String(p.extractedChars),
        clip(p.missed[0] ? `missed “${p.missed[0]}”` : p.kept[0] ? `kept “${p.kept[0]}”` : ''),
      ]),
    ]),
  )
  out.push('', `Pages rejected by the importer: ${r.rejected.length}`)
  for (const p of r.rejected) out.push(`  ${p.file}: ${p.reason}`)
  return out.join('\n')
}

function importState(p: SnippetPageResult): string {
  if (!p.imported) return `rejected: ${p.reason}`
  return p.flag ? `flagged: ${clip(p.flag)}` : 'imported without a flag'
}

function clip(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ')
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat
}

/** Tables here end in a text column (a page's note), left-aligned like the first. */
function table(rows: readonly (readonly string[])[]): string {
  return textTable(rows, true)
}
