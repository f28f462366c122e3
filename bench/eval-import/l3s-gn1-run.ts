/**
 * `npm run eval:import -- --set l3s-gn1 --corpus <dir>`: import every page of
 * the held-out set, score it with the benchmark's ROUGE-LSum (l3s-gn1.ts),
 * and print the means beside the published ones, the pages whose text was
 * lost and whether the app flagged them, and the time per page.
 *
 * The scores are only printed: this set is for measuring, never for tuning,
 * so the report lists no page's text and the JSON only ids, URLs and scores.
 */
import { cpus } from 'node:os'
import { resolve } from 'node:path'
import {
  datasetScore,
  loadL3sSet,
  PUBLISHED_L3S,
  rougeLsum,
  tokenizeWs,
  type DatasetScore,
  type PublishedL3sScore,
  type RougeScore,
} from './l3s-gn1'
import { f3, table, timeSummary, writeRun, type TimeSummary } from './run-support'
import { readProvenance, type UnseenRunHeader } from './unseen'

/** What importing one page gave: its body, or the reason it was refused. */
export type L3sImport =
  | {
      readonly ok: true
      readonly body: string
      readonly extractor: string | null
      readonly flag: string | null
    }
  | { readonly ok: false; readonly reason: string }

/** Text lost, as on the other sets: recall at most a quarter, or nothing extracted. */
export const LOST_RECALL = 0.25

export interface L3sPageResult extends RougeScore {
  readonly id: string
  readonly url: string | null
  readonly imported: boolean
  readonly reason: string | null
  readonly extractor: string | null
  readonly flag: string | null
  readonly extractedTokens: number
  readonly truthTokens: number
  readonly lost: boolean
  readonly ms: number
}

export interface L3sEvalResult extends UnseenRunHeader {
  readonly scores: DatasetScore
  readonly published: readonly PublishedL3sScore[]
  readonly time: TimeSummary
  readonly peakRssMb: number
  readonly flagged: number
  readonly lost: number
  readonly lostFlagged: number
  readonly rejected: number
  readonly perPage: readonly L3sPageResult[]
}

export function isLost(imported: boolean, body: string, score: RougeScore): boolean {
  return !imported || body.trim() === '' || score.recall <= LOST_RECALL
}

export function renderL3sReport(r: L3sEvalResult): string {
  const out: string[] = []
  out.push(
    `${r.set}: ${r.pages} pages` +
      (r.provenance
        ? ` (${r.provenance.repo}${r.provenance.commit ? ` @ ${r.provenance.commit.slice(0, 7)}` : ''})`
        : ''),
  )
  out.push(`Extractor: ${r.extractor}`)
  out.push(`Metric: ${r.metric}`)
  out.push('')
  const rows: string[][] = [['', 'precision', 'recall', 'F1']]
  rows.push([
    'this importer (mean)',
    f3(r.scores.mean.precision),
    f3(r.scores.mean.recall),
    f3(r.scores.mean.f1),
  ])
  rows.push([
    'this importer (median)',
    f3(r.scores.median.precision),
    f3(r.scores.median.recall),
    f3(r.scores.median.f1),
  ])
  for (const p of r.published) rows.push([p.extractor, f3(p.precision), f3(p.recall), f3(p.f1)])
  out.push(table(rows))
  out.push('')
  out.push(
    `Pages whose text was lost (recall <= 0.25 or nothing extracted): ${r.lost}, ` +
      `of them flagged "check this import": ${r.lostFlagged}`,
  )
  out.push(`Pages flagged: ${r.flagged}; refused: ${r.rejected}`)
  out.push(
    `Time: ${r.time.totalS.toFixed(1)} s in all, median ${r.time.medianMs.toFixed(1)} ms a page, ` +
      `p95 ${r.time.p95Ms.toFixed(1)} ms, max ${r.time.maxMs.toFixed(1)} ms, first ${r.time.firstMs.toFixed(1)} ms; ` +
      `peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  )
  return out.join('\n')
}

export async function runL3s(
  corpus: string,
  out: string,
  predictions: string | undefined,
  importPage: (name: string, html: Uint8Array) => L3sImport,
  extractor: string,
): Promise<number> {
  const pages = await loadL3sSet(corpus)
  const provenance = await readProvenance(corpus)
  process.stderr.write(`eval:import: importing ${pages.length} pages of L3S-GN1…\n`)
  const results: L3sPageResult[] = []
  const bodies: Record<string, { url: string | null; plaintext: string }> = {}
  const started = performance.now()
  for (const page of pages) {
    const name = `${page.id}.html`
    const t0 = performance.now()
    const outcome = importPage(name, page.html)
    const ms = performance.now() - t0
    const body = outcome.ok ? outcome.body : ''
    const score = rougeLsum(page.truth, body)
    results.push({
      id: page.id,
      url: page.url,
      imported: outcome.ok,
      reason: outcome.ok ? null : outcome.reason,
      extractor: outcome.ok ? outcome.extractor : null,
      flag: outcome.ok ? outcome.flag : null,
      ...score,
      extractedTokens: tokenizeWs(body).length,
      truthTokens: tokenizeWs(page.truth).length,
      lost: isLost(outcome.ok, body, score),
      ms,
    })
    bodies[page.id] = { url: page.url, plaintext: body }
    await new Promise((done) => setImmediate(done))
  }
  const totalS = (performance.now() - started) / 1000
  const peakRssMb = (process.resourceUsage().maxRSS * 1024) / 1e6
  const lost = results.filter((p) => p.lost)
  const result: L3sEvalResult = {
    date: new Date().toISOString(),
    set: 'L3S-GN1 (Google News 2008, held out)',
    corpus,
    provenance,
    extractor,
    node: process.version,
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
    metric:
      "Bevendorff et al.'s web content extraction benchmark (eval.py): ROUGE-LSum of rouge-score 0.1.2, " +
      'white-space tokens, sentences split (Punkt approximated), per-page precision, recall and F1, ' +
      'each MEANED over the pages; truth = leaf x-nc-sel1/2/3 spans (headline, full text, supplemental)',
    pages: pages.length,
    scores: datasetScore(results),
    published: PUBLISHED_L3S,
    time: timeSummary(
      results.map((p) => p.ms),
      totalS,
    ),
    peakRssMb,
    flagged: results.filter((p) => p.flag !== null).length,
    lost: lost.length,
    lostFlagged: lost.filter((p) => p.flag !== null).length,
    rejected: results.filter((p) => !p.imported).length,
    perPage: results,
  }
  process.stdout.write(`${renderL3sReport(result)}\n`)
  await writeRun(
    'eval:import',
    resolve(out),
    result,
    predictions ? { path: resolve(predictions), bodies } : undefined,
  )
  return 0
}
