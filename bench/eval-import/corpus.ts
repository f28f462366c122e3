/**
 * The benchmark corpus on disk: hand-marked bodies and gzipped pages.
 *
 * Why: the corpus lives outside the repository (a clean clone, CI included,
 * may not have it), so everything that touches its layout is here, and a
 * missing or incomplete corpus becomes one message that says what to do.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

export interface BenchmarkPage {
  /** The page's id: its ground-truth key and the stem of `html/<id>.html.gz`. */
  readonly id: string
  readonly url: string | null
  /** The article body a person marked on the page. */
  readonly truth: string
  /** The saved page, gunzipped: the bytes an analyst would import. */
  readonly html: Uint8Array
}

export interface PublishedScore {
  /** The README section the row comes from ("Published scores …", "Measured here …"). */
  readonly section: string
  readonly extractor: string
  readonly f1: number
  readonly precision: number
  readonly recall: number
}

export class CorpusMissing extends Error {}

/** Read every page of the corpus in ground-truth order; throws `CorpusMissing` with a readable message. */
export async function loadCorpus(dir: string): Promise<BenchmarkPage[]> {
  const truthPath = join(dir, 'ground-truth.json')
  if (!existsSync(truthPath)) {
    throw new CorpusMissing(
      `eval:import: no benchmark corpus at ${dir} (expected ground-truth.json and html/<id>.html.gz).\n` +
        'Put a copy of scrapinghub/article-extraction-benchmark there, or pass --corpus <dir>.',
    )
  }
  const truth = JSON.parse(await readFile(truthPath, 'utf8')) as Record<
    string,
    { articleBody?: string; url?: string }
  >
  const pages: BenchmarkPage[] = []
  const missing: string[] = []
  for (const [id, entry] of Object.entries(truth)) {
    const path = join(dir, 'html', `${id}.html.gz`)
    if (!existsSync(path)) {
      missing.push(id)
      continue
    }
    pages.push({
      id,
      url: entry.url ?? null,
      truth: entry.articleBody ?? '',
      html: new Uint8Array(gunzipSync(await readFile(path))),
    })
  }
  if (missing.length > 0) {
    throw new CorpusMissing(
      `eval:import: ${missing.length} of ${Object.keys(truth).length} pages of ${dir} have no ` +
        `html/<id>.html.gz (first: ${missing[0]}); the scores would not be comparable.`,
    )
  }
  return pages
}

/**
 * The score tables of the corpus README (`| extractor | F1 | precision | recall |`),
 * so the published figures printed beside ours are the corpus's own, not a copy.
 */
export async function readPublishedScores(dir: string): Promise<PublishedScore[]> {
  const path = join(dir, 'README.md')
  if (!existsSync(path)) return []
  const rows: PublishedScore[] = []
  let section = ''
  for (const line of (await readFile(path, 'utf8')).split('\n')) {
    const heading = /^#+\s+(.*)$/.exec(line)
    if (heading) section = (heading[1] ?? '').trim()
    const cells = line.split('|').map((c) => c.trim())
    if (cells.length < 6) continue
    const [, extractor, f1, precision, recall] = cells
    if (!extractor || !/^\d/.test(f1 ?? '')) continue
    rows.push({
      section,
      extractor,
      f1: Number(f1),
      precision: Number(precision),
      recall: Number(recall),
    })
  }
  return rows
}
