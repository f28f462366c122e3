/**
 * Figures 1-6 in the main process: saves, opening an article, search, import, export.
 *
 * Everything goes through a real app core (`createAppCore`, via the tests'
 * `openTestCore`) and its `dispatch`, exactly as the window's calls do; the
 * references (a whole-library lowdb file, a bare atomic write, reading and
 * hashing files, a scan of the search documents) are measured in the same
 * process, on the same data, right next to the figure they judge.
 */
import { createHash } from 'node:crypto'
import { open, readFile, rename, stat, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { JSONFile } from 'lowdb/node'
import { articleDocuments, type SearchDocument } from '../src/main/search/documents'
import { naiveSearch } from '../src/main/search/match'
import type { LibraryStore } from '../src/main/store/library-store'
import type { Annotation } from '../src/shared/domain/annotation'
import { openTestCore, type TestCore } from '../tests/support/core'
import { savedNewsPage } from '../tests/support/saved-page'
import { appParseWorker, appSearchWorker, spawnChild } from './children'

/** The app's worker threads, as the benchmark bundles them: search index and import parsing. */
const appWorkers = () => ({ ...appSearchWorker(), ...appParseWorker() })
import { Rng, type BuiltLibrary, type Generator } from './generate'
import type { Mode } from './modes'
import { figure, median, type Figure } from './stats'

const now = (): number => performance.now()

/**
 * Run `work` and return its result with the longest gap between turns of
 * this thread's event loop meanwhile: how long the window would have waited.
 */
async function withLongestStall<T>(work: () => Promise<T>): Promise<[T, number]> {
  let last = performance.now()
  let worst = 0
  let watching = true
  const watch = (): void => {
    const now = performance.now()
    worst = Math.max(worst, now - last)
    last = now
    if (watching) setImmediate(watch)
  }
  setImmediate(watch)
  try {
    return [await work(), worst]
  } finally {
    watching = false
  }
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const t0 = now()
  const value = await work()
  return [now() - t0, value]
}

export interface SaveFigures {
  readonly size: number
  readonly create: Figure
  readonly edit: Figure
  readonly fsWrite: Figure
  readonly naive: Figure
}

/** The whole library as one object, as a naive app would keep it in a single lowdb file. */
function naiveLibrary(
  gen: Generator,
  lib: BuiltLibrary,
): { codebook: unknown; articles: Record<string, unknown>[] } {
  return {
    codebook: { tags: gen.tags },
    articles: lib.articles.map((a) => ({
      ...a.entry,
      blocks: a.blocks,
      annotations: lib.states.get(a.entry.id)?.annotations ?? [],
    })),
  }
}

/** A plain atomic, durable write with node:fs only: temp file, fsync, rename, fsync the folder. */
async function plainAtomicWrite(path: string, bytes: Buffer, n: number): Promise<void> {
  const tmp = `${path}.${n}.tmp`
  const handle = await open(tmp, 'w')
  await handle.writeFile(bytes)
  await handle.sync()
  await handle.close()
  await rename(tmp, path)
  const dir = await open(join(path, '..'), 'r')
  await dir.sync()
  await dir.close()
}

/**
 * Figure 1 at one library size: create and edit one annotation through
 * dispatch, then the two references on the same data.
 *
 * The articles saved into are opened first (`article:get`), as they are in
 * the app when the analyst annotates them; runs go round ten of them.
 */
export async function measureSaves(
  core: TestCore,
  gen: Generator,
  lib: BuiltLibrary,
  mode: Mode,
  label: 'small' | 'medium' | 'large',
  scratch: string,
): Promise<SaveFigures> {
  const size = lib.articles.length
  const rng = new Rng(gen.seed + size)
  const withAnnotations = lib.plainIds.filter(
    (id) => (lib.states.get(id)?.annotations.length ?? 0) > 0,
  )
  const targets = (withAnnotations.length > 0 ? withAnnotations : lib.plainIds).slice(0, 10)
  const texts = new Map(lib.articles.map((a) => [a.entry.id, a.text]))
  for (const id of targets) await core.value('article:get', { id })

  const create: number[] = []
  const created: { articleId: string; annotationId: string }[] = []
  for (let r = 0; r < mode.saveRuns; r++) {
    const articleId = targets[r % targets.length] as string
    const [start, end] = gen.span(rng, texts.get(articleId) ?? '', 30, 160)
    const tags = gen.annotationTags(rng)
    const [ms, annotation] = await timed(() =>
      core.value('annotation:create', {
        articleId,
        start,
        end,
        kind: r % 3 === 0 ? 'claim' : 'highlight',
        tags,
        note: '',
      }),
    )
    create.push(ms)
    created.push({ articleId, annotationId: annotation.id })
  }
  const edit: number[] = []
  for (let r = 0; r < mode.saveRuns; r++) {
    const ref = created[r % created.length] as (typeof created)[number]
    const note = gen.note(rng)
    const [ms] = await timed(() => core.value('annotation:update', { ...ref, patch: { note } }))
    edit.push(ms)
  }

  // Reference: the touched file's bytes, written atomically and durably with plain fs calls.
  await core.store.flush()
  const touched = join(lib.dir, 'annotations', `${targets[0] as string}.json`)
  const bytes = await readFile(touched)
  const refDir = join(scratch, `fs-write-${label}`)
  await mkdir(refDir, { recursive: true })
  const fsWrite: number[] = []
  for (let r = 0; r < mode.saveRuns; r++) {
    const [ms] = await timed(() => plainAtomicWrite(join(refDir, 'article.json'), bytes, r))
    fsWrite.push(ms)
  }

  // Reference: the naive design, the whole library in one lowdb file rewritten on every save.
  const naiveFile = join(scratch, `naive-${label}.json`)
  const db = new Low(
    new JSONFile<ReturnType<typeof naiveLibrary>>(naiveFile),
    naiveLibrary(gen, lib),
  )
  await db.write()
  const naive: number[] = []
  const sample = (lib.states.get(targets[0] as string)?.annotations[0] ?? null) as Annotation | null
  for (let r = 0; r < mode.naiveSaveRuns; r++) {
    const article = db.data.articles[r % db.data.articles.length] as { annotations: unknown[] }
    const [ms] = await timed(async () => {
      article.annotations.push({ ...(sample ?? {}), id: `ann-naive-${r}`, note: `edit ${r}` })
      await db.write()
    })
    naive.push(ms)
  }

  const desc = `${size.toLocaleString('en')} articles`
  return {
    size,
    create: figure({
      key: `save.create.${label}`,
      group: 1,
      label: `Save: create one annotation (${desc})`,
      unit: 'ms',
      samples: create,
      details: { articles: size, file: 'annotations/<id>.json' },
    }),
    edit: figure({
      key: `save.edit.${label}`,
      group: 1,
      label: `Save: edit one annotation's note (${desc})`,
      unit: 'ms',
      samples: edit,
      details: { articles: size },
    }),
    fsWrite: figure({
      key: `ref.save.fsAtomicWrite.${label}`,
      group: 1,
      label: `Reference: plain fs atomic durable write of the touched file (${bytes.length} B, ${desc})`,
      unit: 'ms',
      samples: fsWrite,
      details: { bytes: bytes.length },
    }),
    naive: figure({
      key: `ref.save.naiveLowdb.${label}`,
      group: 1,
      label: `Reference: naive save rewriting the whole library as one lowdb file (${desc})`,
      unit: 'ms',
      samples: naive,
      details: { bytes: (await stat(naiveFile)).size },
    }),
  }
}

export interface OpenFigures {
  readonly firstOpen: Figure
  readonly open200: Figure
}

/**
 * Figure 3: `article:get` of articles with 200 annotations, 20 of them drifted.
 *
 * The first `article:get` after the library opens also builds the claim-link
 * reverse index; it is taken on another article and reported apart. Each
 * heavy article is then opened once: none is in the store's article cache.
 */
export async function measureArticleOpen(core: TestCore, lib: BuiltLibrary): Promise<OpenFigures> {
  const firstId = lib.plainIds[0] as string
  const [first] = await timed(() => core.value('article:get', { id: firstId }))
  const samples: number[] = []
  const statuses: Record<string, number>[] = []
  for (const id of lib.heavyIds) {
    const [ms, article] = await timed(() => core.value('article:get', { id }))
    samples.push(ms)
    const counts: Record<string, number> = { anchored: 0, drifted: 0, orphaned: 0 }
    for (const a of article.annotations)
      counts[a.anchor.status] = (counts[a.anchor.status] ?? 0) + 1
    statuses.push(counts)
  }
  return {
    firstOpen: figure({
      key: 'article.firstOpenAfterStart',
      group: 3,
      label: 'Open the first article after the library opens (builds the claim-link index)',
      unit: 'ms',
      samples: [first],
    }),
    open200: figure({
      key: 'article.open200',
      group: 3,
      label: 'Open an article with 200 annotations, 20 drifted (read, anchor all)',
      unit: 'ms',
      samples,
      details: { anchorStatusesOfFirst: statuses[0] ?? null, articles: lib.heavyIds.length },
    }),
  }
}

export interface QuerySet {
  readonly name: 'word' | 'prefix' | 'phrase' | 'cyrillic' | 'filters'
  readonly label: string
  readonly queries: readonly string[]
}

/** The queries of figure 4, drawn from the generator's vocabulary and texts. */
export function querySets(gen: Generator, lib: BuiltLibrary): QuerySet[] {
  const en = gen.english.words
  const cy = gen.cyrillic.words
  const rng = new Rng(gen.seed + 4)
  const phrase = (cyrillic: boolean): string => {
    for (let attempt = 0; attempt < 200; attempt++) {
      const article = lib.articles[rng.int(0, lib.articles.length - 1)]
      const words = (article?.text ?? '').split(/\s+/u)
      const i = rng.int(0, Math.max(0, words.length - 4))
      const picked = words.slice(i, i + rng.int(2, 3)).map((w) => w.replace(/[^\p{L}\p{N}]/gu, ''))
      if (picked.some((w) => w.length === 0)) continue
      if (/[а-яё]/iu.test(picked.join('')) !== cyrillic) continue
      return `"${picked.join(' ').toLowerCase()}"`
    }
    return `"${en[20]} ${en[0]}"`
  }
  const tag = gen.tags[0]?.name ?? 'topic'
  const source = lib.articles[0]?.entry.source ?? 'dispatch'
  return [
    {
      name: 'word',
      label: 'single words',
      queries: [en[20], en[60], en[300], en[1_500], en[6_000]] as string[],
    },
    {
      name: 'prefix',
      label: 'prefixes',
      queries: [
        (en[100] as string).slice(0, 3),
        (en[400] as string).slice(0, 3),
        (en[2_000] as string).slice(0, 4),
        'minis',
      ],
    },
    {
      name: 'phrase',
      label: 'phrases',
      queries: [phrase(false), phrase(false), phrase(false), phrase(false)],
    },
    {
      name: 'cyrillic',
      label: 'Cyrillic terms',
      queries: [
        cy[10],
        cy[50],
        cy[300],
        (cy[1_000] as string).slice(0, 3),
        phrase(true),
      ] as string[],
    },
    {
      name: 'filters',
      label: 'filter combinations',
      queries: [
        `${en[20]} kind:claim`,
        `tag:"${tag}" status:unverified`,
        `source:${source} has:note`,
        `${en[60]} -${en[300]} kind:highlight`,
        `anchor:drifted ${en[25]}`,
      ],
    },
  ]
}

export interface SearchFigures {
  readonly queries: { set: QuerySet; indexed: Figure; inIndex: Figure; naive: Figure }[]
}

/** Every search document of the library, as the index makes them. */
async function libraryDocuments(store: LibraryStore): Promise<SearchDocument[]> {
  const out: SearchDocument[] = []
  for (const entry of store.listArticles()) {
    const [blocks, state] = await Promise.all([store.readBody(entry), store.readArticle(entry.id)])
    out.push(...articleDocuments(entry, blocks, state))
  }
  return out
}

/**
 * Figure 4, the queries: through `dispatch('search:query')` to the index in
 * its worker, and the time the index itself took (`stats().lastQueryMs`);
 * the reference is `naiveSearch` (src/main/search/match.ts) scanning the
 * same documents, made here. The build is `measureSearchBuild`.
 */
export async function measureSearch(
  core: TestCore,
  sets: readonly QuerySet[],
  mode: Mode,
): Promise<SearchFigures> {
  await core.search.whenReady()
  // All indexed queries first: the reference's documents, made afterwards in this thread, would
  // otherwise put a gigabyte on the main heap (the app's is tens of MB) and its GC into every query.
  const indexedBySet = new Map<
    string,
    {
      samples: number[]
      inIndex: number[]
      totals: Record<string, number>
      byQuery: Record<string, number>
    }
  >()
  for (const set of sets) {
    const samples: number[] = []
    const inIndex: number[] = []
    const totals: Record<string, number> = {}
    const byQuery: Record<string, number> = {}
    for (const query of set.queries) {
      const own: number[] = []
      for (let r = 0; r < mode.queryRuns; r++) {
        const [ms, result] = await timed(() => core.value('search:query', { query }))
        samples.push(ms)
        own.push(ms)
        inIndex.push(core.search.stats().lastQueryMs ?? Number.NaN)
        totals[query] = result.total
      }
      byQuery[query] = Math.round(median(own) * 100) / 100
    }
    indexedBySet.set(set.name, { samples, inIndex, totals, byQuery })
  }
  // The index may be in a worker: the reference scans the same documents, made here.
  const all = await libraryDocuments(core.store)
  const queries = []
  for (const set of sets) {
    const naive: number[] = []
    for (const query of set.queries) {
      for (let r = 0; r < mode.naiveQueryRuns; r++) {
        const [ms] = await timed(async () => naiveSearch(all, query))
        naive.push(ms)
      }
    }
    const indexed = indexedBySet.get(set.name) ?? {
      samples: [],
      inIndex: [],
      totals: {},
      byQuery: {},
    }
    queries.push({
      set,
      indexed: figure({
        key: `search.query.${set.name}`,
        group: 4,
        label: `Search query: ${set.label}`,
        unit: 'ms',
        samples: indexed.samples,
        details: { matchingArticles: indexed.totals, medianMsByQuery: indexed.byQuery },
      }),
      inIndex: figure({
        key: `search.queryInIndex.${set.name}`,
        group: 4,
        label: `Search query, time in the index thread only: ${set.label}`,
        unit: 'ms',
        samples: indexed.inIndex,
      }),
      naive: figure({
        key: `ref.search.naiveScan.${set.name}`,
        group: 4,
        label: `Reference: naive scan of every search document (${set.label})`,
        unit: 'ms',
        samples: naive,
      }),
    })
  }
  return { queries }
}

/**
 * Figure 4, the build: in a fresh process per run, as the app opens a
 * library, the time until the index is complete and the longest
 * main-thread event-loop delay meanwhile. A fresh process, because this
 * one holds the generator's data: its garbage collections would count as
 * stalls the app does not have.
 */
export async function measureSearchBuild(
  dir: string,
  mode: Mode,
): Promise<{ build: Figure; stall: Figure }> {
  const builds: number[] = []
  const stalls: number[] = []
  const hostStalls: number[] = []
  const rebuilt: (string | null)[] = []
  const indexBytes: number[] = []
  let hostThread: string | null = null
  let documents = 0
  for (let r = 0; r < mode.searchBuildRuns; r++) {
    // The child deletes the index file first: each run is a first build.
    const child = await spawnChild('search-build', dir, null)
    builds.push(child.ms ?? Number.NaN)
    stalls.push(child.stallMs ?? Number.NaN)
    hostStalls.push(child.hostStallMs ?? Number.NaN)
    rebuilt.push(child.rebuilt ?? null)
    indexBytes.push(child.indexBytes ?? Number.NaN)
    hostThread = child.hostThread ?? null
    documents = child.documents ?? 0
  }
  return {
    build: figure({
      key: 'search.build',
      group: 4,
      label: `Search index first build, no index file (${documents.toLocaleString('en')} documents, fresh process)`,
      unit: 'ms',
      samples: builds,
      details: { documents, rebuilt, indexBytesAfter: indexBytes },
    }),
    stall: figure({
      key: 'search.buildStall',
      group: 4,
      label: 'Longest main-thread event-loop stall during the index build',
      unit: 'ms',
      samples: stalls,
      details: { indexThread: hostThread, longestStallMsInTheIndexThread: hostStalls },
    }),
  }
}

/**
 * Figure 4, opening with the index present: in a fresh process per run, as
 * the app opens a library whose index file an earlier session left, the
 * time from starting to open the core to `whenReady()` resolved and a first
 * `search:query` answered through dispatch; and the index file's size.
 */
export async function measureSearchOpen(
  dir: string,
  query: string,
  mode: Mode,
): Promise<{ open: Figure; size: Figure }> {
  const times: number[] = []
  const ready: number[] = []
  const opened: (number | null)[] = []
  const reused: number[] = []
  const rebuilt: (string | null)[] = []
  const sizes: number[] = []
  const wall: number[] = []
  let articles = 0
  let documents = 0
  let matches = 0
  let allReady = true
  for (let r = 0; r < mode.searchOpenRuns; r++) {
    const child = await spawnChild('search-open', dir, null, query)
    times.push(child.ms ?? Number.NaN)
    ready.push(child.readyMs ?? Number.NaN)
    opened.push(child.openMs ?? null)
    reused.push(child.reused ?? Number.NaN)
    rebuilt.push(child.rebuilt ?? null)
    sizes.push((child.indexBytes ?? Number.NaN) / 1e6)
    wall.push(child.processMs ?? Number.NaN)
    articles = child.articles ?? 0
    documents = child.documents ?? 0
    matches = child.matches ?? 0
    allReady &&= child.queryReady === true
  }
  const notReused = reused.filter((n) => n !== articles).length
  const notes: string[] = []
  if (notReused > 0)
    notes.push(`${notReused} run(s) reused fewer articles than the library's ${articles}`)
  if (rebuilt.some((r) => r !== null)) notes.push(`the index was rebuilt: ${rebuilt.join(', ')}`)
  if (!allReady) notes.push('a first query answered with ready: false')
  return {
    open: figure({
      key: 'search.openReady',
      group: 4,
      label: `Library open to search ready, index present (${articles.toLocaleString('en')} articles, fresh process)`,
      unit: 'ms',
      samples: times,
      details: {
        query,
        matches,
        articles,
        reusedPerRun: reused,
        reusedAll: notReused === 0,
        rebuiltPerRun: rebuilt,
        whenReadyMsPerRun: ready.map((ms) => Math.round(ms * 10) / 10),
        indexOpenMsPerRun: opened.map((ms) => (ms === null ? null : Math.round(ms * 10) / 10)),
        processMsPerRun: wall.map(Math.round),
        firstQueryReady: allReady,
        ...(notes.length > 0 ? { failures: notes } : {}),
      },
      ...(notes.length > 0 ? { note: notes.join('; ') } : {}),
    }),
    size: figure({
      key: 'search.indexSize',
      group: 4,
      label: `Search index on disk (search-index.sqlite with its WAL, ${documents.toLocaleString('en')} documents)`,
      unit: 'MB',
      samples: sizes,
      details: { documents, articles, bytes: Math.round((sizes[0] ?? Number.NaN) * 1e6) },
    }),
  }
}

/** A word no generated text contains, unique to run `r`: letters only, so it is one token. */
function uniqueWord(r: number): string {
  let n = r
  let letters = ''
  do {
    letters = String.fromCharCode(97 + (n % 26)) + letters
    n = Math.floor(n / 26)
  } while (n > 0)
  // Of one length, so no run's word is a prefix of another's.
  return `zqxbenchvis${letters.padStart(3, 'a')}`
}

/**
 * Figure 4, a save visible to the next query: `annotation:create` through
 * dispatch with a note holding a word found nowhere else, then at once
 * `search:query` for that word; the figure is the query's time, and each
 * answer is checked to hold that annotation (a miss is recorded in the details).
 */
export async function measureSaveVisible(
  core: TestCore,
  gen: Generator,
  lib: BuiltLibrary,
  mode: Mode,
): Promise<Figure> {
  const rng = new Rng(gen.seed + 16)
  const targets = lib.plainIds.slice(0, 10)
  const texts = new Map(lib.articles.map((a) => [a.entry.id, a.text]))
  const queries: number[] = []
  const saveAndQuery: number[] = []
  const failures: string[] = []
  for (let r = 0; r < mode.saveVisibleRuns; r++) {
    const articleId = targets[r % targets.length] as string
    const word = uniqueWord(r)
    const [start, end] = gen.span(rng, texts.get(articleId) ?? '', 30, 160)
    const t0 = now()
    const annotation = await core.value('annotation:create', {
      articleId,
      start,
      end,
      kind: 'highlight',
      tags: [],
      note: `Checked against the wire copy ${word}.`,
    })
    const [ms, result] = await timed(() => core.value('search:query', { query: word }))
    saveAndQuery.push(now() - t0)
    queries.push(ms)
    const group = result.groups.find((g) => g.articleId === articleId)
    const found = group?.hits.some((h) => h.annotationId === annotation.id) ?? false
    if (!found || result.total !== 1)
      failures.push(
        `run ${r}: "${word}" answered ${result.total} article(s)${found ? '' : ', without the new annotation'}`,
      )
  }
  return figure({
    key: 'search.saveVisible',
    group: 4,
    label: 'Search query right after a save (annotation:create), answering with the new annotation',
    unit: 'ms',
    samples: queries,
    details: {
      saveAndQueryMedianMs: Math.round(median(saveAndQuery) * 100) / 100,
      saveAndQueryMaxMs: Math.round(Math.max(...saveAndQuery) * 100) / 100,
      found: mode.saveVisibleRuns - failures.length,
      runs: mode.saveVisibleRuns,
      ...(failures.length > 0 ? { failures } : {}),
    },
    ...(failures.length > 0
      ? { note: `${failures.length} quer(ies) did not answer with the new annotation` }
      : {}),
  })
}

/**
 * Figure 4, the command line: `workbench search <word>` and `workbench list`
 * on the library with its index present, each run in a fresh process that
 * calls the command line's `main` (src/cli/workbench.ts, what
 * bin/workbench.cjs runs); the figure is the time `main` took, the whole
 * process's time is in the details.
 */
export async function measureCli(
  dir: string,
  word: string,
  mode: Mode,
): Promise<{ search: Figure; list: Figure }> {
  const search: number[] = []
  const list: number[] = []
  const searchProcess: number[] = []
  const listProcess: number[] = []
  let searchBytes = 0
  let listBytes = 0
  for (let r = 0; r < mode.cliRuns; r++) {
    const s = await spawnChild('cli', dir, null, word)
    search.push(s.ms ?? Number.NaN)
    searchProcess.push(s.processMs ?? Number.NaN)
    searchBytes = s.outBytes ?? 0
    const l = await spawnChild('cli', dir, null)
    list.push(l.ms ?? Number.NaN)
    listProcess.push(l.processMs ?? Number.NaN)
    listBytes = l.outBytes ?? 0
  }
  return {
    search: figure({
      key: 'cli.search',
      group: 4,
      label: `workbench search ${word} (index present, fresh process)`,
      unit: 'ms',
      samples: search,
      details: {
        stdoutBytes: searchBytes,
        processMedianMs: Math.round(median(searchProcess)),
        listProcessMedianMs: Math.round(median(listProcess)),
      },
    }),
    list: figure({
      key: 'ref.cli.list',
      group: 4,
      label: 'Reference: workbench list (fresh process)',
      unit: 'ms',
      samples: list,
      details: { stdoutBytes: listBytes, processMedianMs: Math.round(median(listProcess)) },
    }),
  }
}

export interface ImportFigures {
  readonly rate: Figure
  readonly time: Figure
  readonly reference: Figure
}

/** Write `count` generated articles as .txt files for the import figure. */
export async function writeImportFiles(
  gen: Generator,
  dir: string,
  count: number,
): Promise<string[]> {
  await mkdir(dir, { recursive: true })
  const importedAt = new Date(Date.UTC(2025, 0, 3))
  const paths: string[] = []
  for (let i = 0; i < count; i++) {
    // Numbers past the library's own articles, so the texts are new to it too.
    const article = gen.article(1_000_000 + i, importedAt)
    const path = join(dir, `article-${String(i).padStart(5, '0')}.txt`)
    await writeFile(path, article.fileText)
    paths.push(path)
  }
  return paths
}

/**
 * Figure 5: `import:pick` of the files into a fresh library (the picker
 * returns the paths; main reads, parses, hashes and commits them), against
 * reading and hashing the same files.
 */
export async function measureImport(
  paths: readonly string[],
  scratch: string,
  mode: Mode,
): Promise<ImportFigures> {
  const times: number[] = []
  const rates: number[] = []
  let imported = 0
  for (let r = 0; r < mode.importRuns; r++) {
    const core = await openTestCore(
      join(scratch, `import-library-${r}`),
      undefined,
      appParseWorker(),
    )
    try {
      core.answers.pickPaths = [...paths]
      const [ms, report] = await timed(() => core.value('import:pick', {}))
      imported = report.outcomes.filter((o) => o.status === 'imported').length
      times.push(ms)
      rates.push(imported / (ms / 1000))
    } finally {
      await core.close()
    }
  }
  const reference: number[] = []
  for (let r = 0; r < Math.max(3, mode.importRuns); r++) {
    const [ms] = await timed(async () => {
      for (const path of paths)
        createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
    })
    reference.push(ms)
  }
  return {
    rate: figure({
      key: 'import.rate',
      group: 5,
      label: `Import ${paths.length.toLocaleString('en')} .txt files`,
      unit: 'articles/s',
      samples: rates,
      details: { imported, files: paths.length },
    }),
    time: figure({
      key: 'import.time',
      group: 5,
      label: `Import ${paths.length.toLocaleString('en')} .txt files: total time`,
      unit: 'ms',
      samples: times,
    }),
    reference: figure({
      key: 'ref.import.readAndHash',
      group: 5,
      label: `Reference: read and SHA-256 the same ${paths.length.toLocaleString('en')} files`,
      unit: 'ms',
      samples: reference,
    }),
  }
}

/** Figure 6: `export:save` of articles with their annotations as a Markdown briefing. */
export async function measureExport(
  core: TestCore,
  lib: BuiltLibrary,
  scratch: string,
  mode: Mode,
): Promise<Figure> {
  const ids = lib.articles.slice(0, mode.exportArticles).map((a) => a.entry.id)
  const rates: number[] = []
  const sizes: number[] = []
  for (let r = 0; r < mode.exportRuns; r++) {
    const path = join(scratch, `export-${r}.md`)
    core.answers.exportPath = path
    const [ms] = await timed(() => core.value('export:save', { articleIds: ids, format: 'md' }))
    const bytes = (await stat(path)).size
    sizes.push(bytes)
    rates.push(bytes / 1e6 / (ms / 1000))
  }
  return figure({
    key: 'export.markdown',
    group: 6,
    label: `Export ${ids.length.toLocaleString('en')} articles with annotations to Markdown`,
    unit: 'MB/s',
    samples: rates,
    details: { bytes: sizes[0] ?? 0, articles: ids.length },
  })
}

/** The update figures: replacing a heavy article's text, and importing the same file as a reference. */
export interface UpdateFigures {
  readonly update: Figure
  readonly stall: Figure
  readonly reference: Figure
}

/** An outlet's update of a generated article: a word changed in every fourth paragraph, one paragraph gone, one new. */
function updatedText(fileText: string, run: number): string {
  const [title = '', ...paragraphs] = fileText.trim().split('\n\n')
  const edited = paragraphs
    .map((p, i) => (i % 4 === 1 ? p.replace(/\b(\p{L}{4,})\b/u, `$1 ${run}`) : p))
    .filter((_, i) => i !== 2)
  edited.splice(3, 0, `The outlet added this paragraph in update ${run} of the story.`)
  return `${title}\n\n${edited.join('\n\n')}\n`
}

/**
 * Figure 9: a new version of an article with 200 annotations, end to end
 * through the channel (parse, write the body, re-anchor every annotation,
 * write the article file), with the longest main-thread stall while it
 * runs; the reference is importing the same file as a separate article
 * (parse, write the body, write the index) in the same run. Each update is
 * undone and each reference trashed and removed, so later figures see the
 * library as it was.
 */
export async function measureUpdate(core: TestCore, lib: BuiltLibrary): Promise<UpdateFigures> {
  const updates: number[] = []
  const stalls: number[] = []
  const references: number[] = []
  const statuses: Record<string, number>[] = []
  for (const [run, id] of lib.heavyIds.entries()) {
    const generated = lib.articles.find((a) => a.entry.id === id)
    if (!generated) continue
    const text = updatedText(generated.fileText, run)
    const file = { name: `update-${run}.txt`, data: new TextEncoder().encode(text) }
    const [[ms, report], worst] = await withLongestStall(() =>
      timed(() => core.value('article:replaceText', { id, file })),
    )
    updates.push(ms)
    stalls.push(worst)
    statuses.push({ anchored: report.anchored, drifted: report.drifted, orphaned: report.orphaned })
    await core.value('history:undo', {})
    const [refMs, imported] = await timed(() =>
      core.value('import:files', { files: [file], onMatch: 'separate' }),
    )
    references.push(refMs)
    const outcome = imported.outcomes[0]
    if (outcome?.status === 'imported') {
      await core.value('article:trash', { ids: [outcome.id] })
      await core.value('trash:empty', { ids: [outcome.id] })
    }
  }
  const details = { articles: updates.length, annotationsOfFirst: statuses[0] ?? null }
  return {
    update: figure({
      key: 'update.article200',
      group: 9,
      label: 'Update an article with 200 annotations to a new version (re-anchor every one)',
      unit: 'ms',
      samples: updates,
      details,
    }),
    stall: figure({
      key: 'update.stall',
      group: 9,
      label: 'Longest main-thread event-loop stall during that update',
      unit: 'ms',
      samples: stalls,
    }),
    reference: figure({
      key: 'ref.update.importSameFile',
      group: 9,
      label: 'Reference: import the same file as a separate article',
      unit: 'ms',
      samples: references,
    }),
  }
}

/** The figures of an HTML import: pages per second, and the longest main-thread stall meanwhile. */
export interface HtmlImportFigures {
  readonly rate: Figure
  readonly stall: Figure
}

/**
 * Figure 5b: import saved HTML pages in one batch, as the window does
 * (`import:pick`, parsed in the import worker when the benchmark runs the
 * app's workers), with the longest main-thread event-loop stall meanwhile.
 */
export async function measureHtmlImport(scratch: string, mode: Mode): Promise<HtmlImportFigures> {
  const dir = join(scratch, 'import-html')
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  for (let n = 0; n < mode.importHtmlPages; n++) {
    const path = join(dir, `page-${n}.html`)
    await writeFile(path, savedNewsPage(n))
    paths.push(path)
  }
  const core = await openTestCore(join(scratch, 'import-html-library'), undefined, appWorkers())
  try {
    core.answers.pickPaths = paths
    const [[ms, report], worst] = await withLongestStall(() =>
      timed(() => core.value('import:pick', {})),
    )
    const imported = report.outcomes.filter((o) => o.status === 'imported').length
    const details = {
      pages: paths.length,
      imported,
      parsedIn: appParseWorker().parseWorkerPath ? 'worker' : 'main thread',
    }
    return {
      rate: figure({
        key: 'import.htmlRate',
        group: 5,
        label: `Import ${paths.length} saved HTML pages`,
        unit: 'articles/s',
        samples: [imported / (ms / 1000)],
        details,
      }),
      stall: figure({
        key: 'import.htmlStall',
        group: 5,
        label: `Longest main-thread stall while importing ${paths.length} saved HTML pages`,
        unit: 'ms',
        samples: [worst],
        details,
      }),
    }
  } finally {
    await core.close()
  }
}
