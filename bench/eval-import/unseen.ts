/**
 * The sets of pages the importer was never tuned on: where they come from,
 * how they are laid out on disk, and how they are read.
 *
 * Why: the importer's rules are tuned on the shingle benchmark (corpus.ts),
 * so its score there says little about pages it has not seen. Two public sets
 * give a second measurement: trafilatura's evaluation set (990 annotated
 * pages, scored with its own snippet metric, snippets.ts) and Mozilla
 * Readability's test pages (scored with the shingle metric against
 * `expected.html`; circular for an importer built on Readability). Like the
 * benchmark, they are kept outside the repository: `--prepare` copies them out
 * of a repository snapshot (a bare git directory such as the one `fetch`
 * leaves in /work/.mirror, or a checkout) and records the commit it read.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseHTML } from 'linkedom'
import { CorpusMissing } from './corpus'
import { L3S_DIR } from './l3s-gn1'
import { parseEvaldata, type SnippetItem } from './snippets'

export const UNSEEN_SETS = ['trafilatura', 'readability-tests', 'l3s-gn1'] as const
export type UnseenSet = (typeof UNSEEN_SETS)[number]

interface SetSource {
  readonly repo: string
  readonly licence: string
  /** Paths copied out of the snapshot. */
  readonly paths: readonly string[]
  /** A path every copy of the set has, to tell a usable folder from an empty one. */
  readonly marker: string
}

const SOURCES: Record<UnseenSet, SetSource> = {
  trafilatura: {
    repo: 'adbar/trafilatura',
    licence: 'Apache-2.0',
    paths: ['tests/evaldata.json', 'tests/cache', 'tests/eval', 'docs/evaluation.rst', 'LICENSE'],
    marker: 'tests/evaldata.json',
  },
  'readability-tests': {
    repo: 'mozilla/readability',
    licence: 'Apache-2.0',
    paths: ['test/test-pages', 'LICENSE.md'],
    marker: 'test/test-pages',
  },
  // L3S-GN1 as its authors released it (converted from the WARC), kept in a
  // public repository; the benchmark's own copy is a Git LFS tarball.
  'l3s-gn1': {
    repo: 'geodrome/page-signal',
    licence: 'L3S research-use licence (Readme-L3S-GN1.txt): research use only, non-transferable',
    paths: [
      `${L3S_DIR}/original`,
      `${L3S_DIR}/annotated`,
      `${L3S_DIR}/url-mapping.txt`,
      `${L3S_DIR}/Readme-L3S-GN1.txt`,
      `${L3S_DIR}/NOTE.txt`,
    ],
    marker: `${L3S_DIR}/annotated`,
  },
}

/** What `--prepare` records in `source.json` beside the copied files. */
export interface SetProvenance {
  readonly set: UnseenSet
  readonly repo: string
  readonly licence: string
  readonly commit: string | null
  readonly preparedAt: string
  readonly from: string
}

/** What every run on a set the importer was not tuned on records before its scores. */
export interface UnseenRunHeader {
  readonly date: string
  readonly set: string
  readonly corpus: string
  readonly provenance: SetProvenance | null
  readonly extractor: string
  readonly node: string
  readonly cpus: string
  readonly metric: string
  readonly pages: number
}

/**
 * Copy a set's files out of a snapshot into `corpus`, keeping the
 * repository's paths. `from` is a git directory (bare or not; HEAD is read)
 * or a plain checkout (copied as it is, commit unknown).
 */
export async function prepareSet(
  set: UnseenSet,
  from: string,
  corpus: string,
): Promise<SetProvenance> {
  const source = SOURCES[set]
  await mkdir(corpus, { recursive: true })
  let commit: string | null = null
  if (existsSync(join(from, source.marker))) {
    execFileSync(
      'cp',
      ['-R', '--parents', ...source.paths.filter((p) => existsSync(join(from, p))), corpus],
      {
        cwd: from,
      },
    )
  } else {
    const git = (args: string[]): Buffer =>
      execFileSync('git', ['--git-dir', from, ...args], { maxBuffer: 2 ** 31 - 1 })
    commit = git(['rev-parse', 'HEAD']).toString().trim()
    const present = source.paths.filter((p) => {
      try {
        git(['cat-file', '-e', `HEAD:${p}`])
        return true
      } catch {
        return false
      }
    })
    if (!present.includes(source.marker)) {
      throw new CorpusMissing(
        `eval:import: ${from} has no ${source.marker} at HEAD; is it ${source.repo}?`,
      )
    }
    execFileSync('tar', ['-x', '-C', corpus], {
      input: git(['archive', '--format=tar', 'HEAD', ...present]),
    })
  }
  const provenance: SetProvenance = {
    set,
    repo: source.repo,
    licence: source.licence,
    commit,
    preparedAt: new Date().toISOString(),
    from,
  }
  await writeFile(join(corpus, 'source.json'), `${JSON.stringify(provenance, null, 2)}\n`)
  return provenance
}

export async function readProvenance(corpus: string): Promise<SetProvenance | null> {
  const path = join(corpus, 'source.json')
  return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as SetProvenance) : null
}

function missing(set: UnseenSet, corpus: string): CorpusMissing {
  return new CorpusMissing(
    `eval:import: no ${set} set at ${corpus} (expected ${SOURCES[set].marker}).\n` +
      `Prepare it from a snapshot of ${SOURCES[set].repo}: npm run eval:import -- --prepare ${set} ` +
      `--from <git dir or checkout> --corpus ${corpus}`,
  )
}

export interface SnippetPage {
  readonly item: SnippetItem
  /** The file name the importer is given: the annotated file's own name, ending in `.html`. */
  readonly name: string
  readonly html: Uint8Array
}

/**
 * Every annotated page of trafilatura's set, in `evaldata.json` order, each
 * read from `tests/cache` or else `tests/eval` (`eval_common.resolve`).
 */
export async function loadTrafilaturaSet(corpus: string): Promise<SnippetPage[]> {
  const evaldata = join(corpus, SOURCES.trafilatura.marker)
  if (!existsSync(evaldata)) throw missing('trafilatura', corpus)
  const items = parseEvaldata(await readFile(evaldata, 'utf8'))
  const pages: SnippetPage[] = []
  for (const item of items) {
    const path = ['cache', 'eval']
      .map((dir) => join(corpus, 'tests', dir, item.file))
      .find((p) => existsSync(p))
    if (path === undefined) {
      throw new CorpusMissing(`eval:import: ${item.url}: HTML file not found: ${item.file}`)
    }
    const name = /\.html?$/i.test(item.file) ? item.file : `${item.file}.html`
    pages.push({ item, name, html: new Uint8Array(await readFile(path)) })
  }
  return pages
}

/** Published scores of the snippet set: the first results table of `docs/evaluation.rst`. */
export interface PublishedSnippetScore {
  readonly section: string
  readonly extractor: string
  readonly precision: number
  readonly recall: number
  readonly accuracy: number
  readonly f1: number
}

export function parsePublishedRst(rst: string): PublishedSnippetScore[] {
  const rows: PublishedSnippetScore[] = []
  const lines = rst.split('\n')
  let section = ''
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    const heading =
      /^([-=^~"'`#*+])\1{2,}\s*$/.test(lines[i + 1] ?? '') &&
      line.trim() !== '' &&
      (lines[i - 1] ?? '').trim() === ''
    if (heading) {
      if (rows.length > 0) break // the first results table only: the newest
      section = line.trim()
      continue
    }
    if (!/^results/i.test(section)) continue
    const m =
      /^(\S.*?)\s{2,}\**([\d.]+)\**\s+\**([\d.]+)\**\s+\**([\d.]+)\**\s+\**([\d.]+)\**\s/.exec(line)
    if (!m) continue
    rows.push({
      section,
      extractor: m[1]!.replace(/\*/g, '').trim(),
      precision: Number(m[2]),
      recall: Number(m[3]),
      accuracy: Number(m[4]),
      f1: Number(m[5]),
    })
  }
  return rows
}

export async function readPublishedSnippetScores(corpus: string): Promise<PublishedSnippetScore[]> {
  const path = join(corpus, 'docs/evaluation.rst')
  return existsSync(path) ? parsePublishedRst(await readFile(path, 'utf8')) : []
}

export interface ShinglePage {
  /** The test page's folder name. */
  readonly id: string
  /** The text of `expected.html`: Readability's own expected output, taken as the truth. */
  readonly truth: string
  readonly html: Uint8Array
}

/** Readability's test pages: `test/test-pages/<name>/source.html` with `expected.html`. */
export async function loadReadabilityTests(corpus: string): Promise<ShinglePage[]> {
  const dir = join(corpus, SOURCES['readability-tests'].marker)
  if (!existsSync(dir)) throw missing('readability-tests', corpus)
  const pages: ShinglePage[] = []
  for (const id of (await readdir(dir)).sort()) {
    const source = join(dir, id, 'source.html')
    const expected = join(dir, id, 'expected.html')
    if (!existsSync(source) || !existsSync(expected)) continue
    pages.push({
      id,
      truth: htmlText(await readFile(expected, 'utf8')),
      html: new Uint8Array(await readFile(source)),
    })
  }
  return pages
}

const BLOCK =
  /^(address|article|aside|blockquote|br|dd|details|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/i

/**
 * The text of an HTML fragment, a line break at every block boundary (so two
 * paragraphs never glue into one token), scripts and styles left out.
 */
export function htmlText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`)
  const out: string[] = []
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      out.push(node.nodeValue ?? '')
      return
    }
    if (node.nodeType !== 1) return
    const tag = (node as Element).localName
    if (tag === 'script' || tag === 'style' || tag === 'template') return
    const block = BLOCK.test(tag)
    if (block) out.push('\n')
    for (const child of Array.from(node.childNodes)) walk(child)
    if (block) out.push('\n')
  }
  walk(document.body as unknown as Node)
  return out
    .join('')
    .replace(/[ \t\r\f\v\u00a0]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n')
    .trim()
}
