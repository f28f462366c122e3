/**
 * The printed report of `npm run eval:import`.
 *
 * Why: kept apart from the run so the table stays one readable function and
 * the run stays about measuring.
 */
import type { PublishedScore } from './corpus'
import { captionLine, f3, table, type CaptionCount, type TimeSummary } from './run-support'
import type { Scores } from './metric'

export interface PageResult {
  readonly id: string
  readonly url: string | null
  /** False when the importer refused the page; `reason` is then its message. */
  readonly imported: boolean
  readonly reason: string | null
  /** The "check this import" reason the app would show (unseen sets), or null. */
  readonly flag: string | null
  readonly precision: number
  readonly recall: number
  readonly f1: number
  readonly extractedTokens: number
  readonly truthTokens: number
  readonly sameTokens: boolean
  readonly ms: number
}

export interface EvalResult {
  readonly date: string
  readonly corpus: string
  readonly node: string
  readonly cpus: string
  readonly metric: string
  readonly pages: number
  readonly scores: Scores
  /** Bootstrap standard deviation, as `evaluate.py` prints after "±". */
  readonly spread: Scores
  /** Share of pages whose token list equals the hand-marked one (`evaluate.py`'s accuracy). */
  readonly accuracy: number
  /** Caption blocks in the imports, and the pages holding any (scored or not: see `metric`). */
  readonly captions: CaptionCount
  readonly published: readonly PublishedScore[]
  readonly time: TimeSummary
  readonly peakRssMb: number
  readonly lost: readonly PageResult[]
  readonly worst: readonly PageResult[]
  readonly rejected: readonly PageResult[]
  readonly perPage: readonly PageResult[]
}

/** A page's text counts as lost below this F1, or when nothing came out. */
export const LOST_F1 = 0.1

export function renderReport(r: EvalResult): string {
  const out: string[] = []
  out.push(`Import quality on ${r.pages} pages of ${r.corpus}`)
  out.push(`(${r.metric})`, '')
  const rows: string[][] = [['extractor', 'F1', 'precision', 'recall']]
  rows.push([
    'this importer (parseArticleFile)',
    `${f3(r.scores.f1)} ± ${f3(r.spread.f1)}`,
    `${f3(r.scores.precision)} ± ${f3(r.spread.precision)}`,
    `${f3(r.scores.recall)} ± ${f3(r.spread.recall)}`,
  ])
  for (const p of r.published) {
    rows.push([
      `${p.extractor} [${shortSection(p.section)}]`,
      f3(p.f1),
      f3(p.precision),
      f3(p.recall),
    ])
  }
  out.push(table(rows), '')
  out.push(`Exact token match (benchmark accuracy): ${f3(r.accuracy)}`)
  out.push(captionLine(r.captions, r.pages))
  out.push(
    `Time per page: median ${r.time.medianMs.toFixed(0)} ms, p95 ${r.time.p95Ms.toFixed(0)} ms, ` +
      `max ${r.time.maxMs.toFixed(0)} ms, first (cold) ${r.time.firstMs.toFixed(0)} ms; ` +
      `total ${r.time.totalS.toFixed(1)} s. Peak RSS ${r.peakRssMb.toFixed(0)} MB.`,
    '',
  )
  out.push(`Pages whose text was lost (F1 < ${LOST_F1} or nothing extracted): ${r.lost.length}`)
  if (r.lost.length > 0)
    out.push(table([['page', 'F1', 'tokens', 'import'], ...r.lost.map(lostRow)]))
  out.push('', 'Worst 10 pages:')
  out.push(
    table([
      ['page', 'F1', 'precision', 'recall', 'tokens out/marked'],
      ...r.worst.map((p) => [
        pageName(p),
        f3(p.f1),
        f3(p.precision),
        f3(p.recall),
        `${p.extractedTokens}/${p.truthTokens}`,
      ]),
    ]),
  )
  out.push('', `Pages rejected by the importer: ${r.rejected.length}`)
  for (const p of r.rejected) out.push(`  ${pageName(p)}: ${p.reason}`)
  return out.join('\n')
}

function lostRow(p: PageResult): string[] {
  const what = p.imported
    ? p.flag
      ? `flagged: ${p.flag}`
      : 'imported without a flag'
    : `rejected: ${p.reason}`
  return [pageName(p), f3(p.f1), `${p.extractedTokens}/${p.truthTokens}`, what]
}

/** The page's host and id prefix (a hash id) or whole id (a name): enough to find it, short enough for a table. */
export function pageName(p: Pick<PageResult, 'id' | 'url'>): string {
  const host = p.url && URL.canParse(p.url) ? new URL(p.url).host.replace(/^www\./, '') : ''
  const id = /^[0-9a-f]{32,}$/i.test(p.id) ? p.id.slice(0, 8) : p.id
  return host ? `${host} (${id})` : id
}

function shortSection(section: string): string {
  return /^published/i.test(section)
    ? 'published'
    : /^measured/i.test(section)
      ? 'measured earlier'
      : section
}
