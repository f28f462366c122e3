/**
 * The benchmark suite: `npm run bench [-- --quick | --tiny] [--seed=N] [--out=path]`.
 *
 * Generates a deterministic library, measures the nine figures of the
 * performance issue through the app's real code, prints a table and writes
 * `bench/results/latest.json`. Nothing here asserts on time: targets are
 * reported as met or missed. See docs/performance.md.
 *
 * Other flags: `--skip-renderer` (figure 8 reported as not available),
 * `--search-only` (only the library, figure 4 and figure 7: to iterate on
 * search), `--keep` (leave the scratch folder), `--child=…` (internal: one
 * figure in a fresh process, see children.ts).
 */
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { openTestCore } from '../tests/support/core'
import { appSearchWorker, runChild, spawnChild, type ChildKind } from './children'
import { measureImportMemory, runImportMemoryChild } from './import-memory'
import { buildLibrary, Generator, type BuiltLibrary } from './generate'
import { MODES, RENDERER_FIGURES, type Mode, type ModeName } from './modes'
import { figure, renderTable, unavailable, withLimit, withRatio, type Figure } from './stats'
import {
  measureArticleOpen,
  measureExport,
  measureUpdate,
  measureHtmlImport,
  measureImport,
  measureSaves,
  measureCli,
  measureSaveVisible,
  measureSearch,
  measureSearchBuild,
  measureSearchOpen,
  querySets,
  writeImportFiles,
  type SaveFigures,
} from './store-figures'

const ROOT = process.cwd()

function flag(name: string): string | boolean | undefined {
  for (const arg of process.argv.slice(2)) {
    if (arg === `--${name}`) return true
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}

/** A flag that takes a value, as `--name=value` or `--name value`. */
function valueFlag(name: string): string | undefined {
  const value = flag(name)
  if (typeof value === 'string') return value
  if (value !== true) return undefined
  const args = process.argv.slice(2)
  const next = args[args.indexOf(`--${name}`) + 1]
  if (next === undefined || next.startsWith('--')) throw new Error(`--${name} needs a value`)
  return next
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`)
}

async function phase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now()
  log(`${name}…`)
  const value = await work()
  log(`${name} done in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  return value
}

function saveFiguresWithRatios(
  small: SaveFigures,
  medium: SaveFigures,
  large: SaveFigures,
): Figure[] {
  const out: Figure[] = []
  for (const sizes of [small, medium, large]) {
    for (const op of ['create', 'edit'] as const) {
      let fig = sizes[op]
      if (sizes === large)
        fig = withRatio(fig, 'large/small', fig, small[op], { op: '<=', value: 1.5 })
      fig = withRatio(
        fig,
        'naive/this (× faster)',
        sizes.naive,
        fig,
        sizes === large ? { op: '>=', value: 100 } : null,
        sizes.naive,
      )
      fig = withRatio(fig, 'this/fs write', fig, sizes.fsWrite, { op: '<=', value: 3 })
      out.push(fig)
    }
  }
  for (const sizes of [small, medium, large]) out.push(sizes.fsWrite, sizes.naive)
  return out
}

async function main(): Promise<void> {
  const child = flag('child')
  if (child === 'import-memory') {
    await runImportMemoryChild(Number(flag('pages')), Number(flag('sample-every')))
    return
  }
  if (typeof child === 'string') {
    const heavy = flag('heavy')
    const query = flag('query')
    await runChild(
      child as ChildKind,
      String(flag('dir')),
      typeof heavy === 'string' ? heavy : null,
      typeof query === 'string' ? query : null,
    )
    return
  }
  const modeName: ModeName = flag('tiny') ? 'tiny' : flag('quick') ? 'quick' : 'full'
  const mode: Mode = MODES[modeName]
  // Only the library, figure 4 (search) and figure 7 (memory): to iterate on search.
  const searchOnly = flag('search-only') === true
  const seed = Number(valueFlag('seed') ?? 20_251_122)
  const out = resolve(ROOT, valueFlag('out') ?? 'bench/results/latest.json')
  const started = performance.now()
  const startedAt = new Date().toISOString()
  const scratch = await mkdtemp(join(tmpdir(), 'workbench-bench-'))
  log(
    `${mode.name} mode${searchOnly ? ' (search only)' : ''}: ${mode.articles} articles, ${mode.annotations} annotations, seed ${seed}, scratch ${scratch}`,
  )
  const gen = new Generator(seed)
  const figures: Figure[] = []
  const timings: Record<string, number> = {}
  const stamp = (name: string, t0: number): void => {
    timings[name] = Math.round(performance.now() - t0)
  }

  try {
    let t0 = performance.now()
    const lib: BuiltLibrary = await phase('generating the library', () =>
      buildLibrary(gen, join(scratch, 'library'), {
        articles: mode.articles,
        annotations: mode.annotations,
        heavy: mode.heavy,
      }),
    )
    stamp('generate', t0)
    log(
      `library: ${lib.articles.length} articles, ${lib.annotationCount} annotations, ${lib.heavyIds.length} heavy`,
    )

    // Figures 3, 4, 1 (large) and 6 on one core over the main library, as one session of the app.
    t0 = performance.now()
    const core = await openTestCore(lib.dir, undefined, appSearchWorker())
    let large: SaveFigures | null = null
    let buildFiguresAt = figures.length
    const searchFigures: Figure[] = []
    try {
      // Not measured: the day's first open snapshots the library, and the index builds in the background.
      await phase('daily backup (first open of the day)', () => core.store.backupDone)
      await phase('rest of the initial search build', () => core.search.whenReady())
      if (!searchOnly) {
        const open = await phase('figure 3: opening articles', () => measureArticleOpen(core, lib))
        figures.push(open.open200, open.firstOpen)
      }

      // Before the queries, whose reference leaves a large heap to collect behind it.
      const visible = await phase('figure 4: a save visible to the next query', () =>
        measureSaveVisible(core, gen, lib, mode),
      )
      searchFigures.push(withLimit(visible, 'max', { op: '<=', value: 100 }, 'max'))
      const search = await phase('figure 4: search', () =>
        measureSearch(core, querySets(gen, lib), mode),
      )
      // The build figures are taken once this core has closed the library; they go here.
      buildFiguresAt = figures.length
      for (const q of search.queries) {
        for (const measured of [q.indexed, q.inIndex]) {
          let fig = withRatio(
            measured,
            'naive/this (× faster)',
            q.naive,
            measured,
            { op: '>=', value: 100 },
            q.naive,
          )
          // The targets on the time itself are end to end, through dispatch.
          if (measured === q.indexed) {
            fig = withLimit(fig, 'median', { op: '<=', value: 2 }, 'median')
            fig = withLimit(fig, 'p95', { op: '<=', value: 20 }, 'p95')
          }
          figures.push(fig)
        }
        figures.push(q.naive)
      }
      if (!searchOnly) {
        large = await phase('figure 1: saves, large library', () =>
          measureSaves(core, gen, lib, mode, 'large', scratch),
        )
        figures.push(await phase('figure 6: export', () => measureExport(core, lib, scratch, mode)))
        const update = await phase('figure 9: update an article', () => measureUpdate(core, lib))
        figures.push(
          withRatio(
            update.update,
            'this/import of the same file',
            update.update,
            update.reference,
            {
              op: '<=',
              value: 5,
            },
          ),
          withLimit(update.stall, 'longest stall', { op: '<', value: 50 }, 'max'),
          update.reference,
        )
      }
    } finally {
      await core.close()
    }
    stamp('main-session', t0)

    // Figure 4, the build: in fresh processes, as the app opens the library without an index file.
    t0 = performance.now()
    const build = await phase('figure 4: search first build (fresh processes)', () =>
      measureSearchBuild(lib.dir, mode),
    )
    stamp('search-build', t0)
    // Then opening with the index the build left, and the command line on it.
    t0 = performance.now()
    const common = gen.english.words[20] as string
    const opened = await phase('figure 4: open with the index present (fresh processes)', () =>
      measureSearchOpen(lib.dir, common, mode),
    )
    stamp('search-open', t0)
    t0 = performance.now()
    const cli = await phase('figure 4: workbench search and list (fresh processes)', () =>
      measureCli(lib.dir, common, mode),
    )
    stamp('search-cli', t0)
    figures.splice(
      buildFiguresAt,
      0,
      withLimit(build.build, 'build', { op: '<=', value: 15_000 }, 'max'),
      withLimit(build.stall, 'longest stall', { op: '<', value: 50 }, 'max'),
      withLimit(opened.open, 'open to ready', { op: '<=', value: 1000 }, 'max'),
      opened.size,
      ...searchFigures,
      withRatio(cli.search, 'search/list', cli.search, cli.list, { op: '<=', value: 2 }),
      cli.list,
    )

    // Figures 1 (small, medium), 2, 5 and 5c; not with --search-only.
    if (!searchOnly && large !== null) {
      const largeSaves: SaveFigures = large
      // Figure 1 at the smaller sizes: libraries of their own, made by the same generator.
      t0 = performance.now()
      const savesAt = async (articles: number, label: 'small' | 'medium'): Promise<SaveFigures> => {
        const small = await buildLibrary(gen, join(scratch, `library-${label}`), {
          articles,
          annotations: articles * 10,
          heavy: 0,
        })
        const c = await openTestCore(small.dir, undefined, appSearchWorker())
        try {
          await c.store.backupDone
          await c.search.whenReady()
          return await measureSaves(c, gen, small, mode, label, scratch)
        } finally {
          await c.close()
        }
      }
      const small = await phase('figure 1: saves, small library', () =>
        savesAt(mode.saveSizes[0], 'small'),
      )
      const medium = await phase('figure 1: saves, medium library', () =>
        savesAt(mode.saveSizes[1], 'medium'),
      )
      figures.push(...saveFiguresWithRatios(small, medium, largeSaves))
      stamp('saves-small-medium', t0)

      // Figure 2: cold open in fresh processes, against reading and parsing the index.
      t0 = performance.now()
      await phase('figure 2: cold open', async () => {
        const opens: number[] = []
        const refs: number[] = []
        for (let r = 0; r < mode.coldOpenRuns; r++) {
          opens.push((await spawnChild('open', lib.dir, null)).ms ?? Number.NaN)
          refs.push((await spawnChild('open-ref', lib.dir, null)).ms ?? Number.NaN)
        }
        const ref = figure({
          key: 'ref.open.readAndParseIndex',
          group: 2,
          label: 'Reference: readFile + JSON.parse of library.json (fresh process)',
          unit: 'ms',
          samples: refs,
        })
        const openFig = figure({
          key: 'open.cold',
          group: 2,
          label: `Cold open until article list and codebook are ready (${lib.articles.length.toLocaleString('en')} articles, fresh process)`,
          unit: 'ms',
          samples: opens,
        })
        figures.push(
          withRatio(openFig, 'this/reference', openFig, ref, { op: '<=', value: 2 }),
          ref,
        )
      })
      stamp('cold-open', t0)

      // Figure 5: import into fresh libraries.
      t0 = performance.now()
      await phase('figure 5: import', async () => {
        const paths = await writeImportFiles(gen, join(scratch, 'import-files'), mode.importFiles)
        const imp = await measureImport(paths, scratch, mode)
        figures.push(
          withRatio(
            imp.rate,
            'import time/reference',
            imp.time,
            imp.reference,
            { op: '<=', value: 5 },
            imp.reference,
          ),
          withRatio(imp.time, 'this/reference', imp.time, imp.reference, { op: '<=', value: 5 }),
          imp.reference,
        )
        const html = await measureHtmlImport(scratch, mode)
        figures.push(
          html.rate,
          withLimit(html.stall, 'longest stall', { op: '<', value: 50 }, 'max'),
        )
      })
      stamp('import', t0)

      // Figure 5c: the import worker's memory and CPU over a long import, in a process of its own.
      t0 = performance.now()
      figures.push(
        ...(await phase('figure 5c: import worker memory', () => measureImportMemory(mode))),
      )
      stamp('import-memory', t0)
    }

    // Figure 7: memory with the full library open, in a fresh process.
    t0 = performance.now()
    await phase('figure 7: memory', async () => {
      const m = await spawnChild('memory', lib.dir, lib.heavyIds[0] ?? null)
      const details = {
        articles: m.articles,
        searchDocuments: m.documents,
        searchIndexReused: m.reused,
        searchIndexRebuilt: m.rebuilt,
        searchIndexBytes: m.indexBytes,
      }
      figures.push(
        figure({
          key: 'memory.heapUsed',
          group: 7,
          label: 'Main-thread heap used, library open, search index open',
          unit: 'MB',
          samples: [m.heapUsedMB ?? Number.NaN],
          details,
        }),
        ...(m.workerHeapUsedMB === undefined
          ? []
          : [
              figure({
                key: 'memory.workerHeapUsed',
                group: 7,
                label: 'Search worker heap used, search index open',
                unit: 'MB',
                samples: [m.workerHeapUsedMB],
                details,
              }),
            ]),
        withLimit(
          figure({
            key: 'memory.rss',
            group: 7,
            label: 'Process RSS (main and search worker), library open, search index open',
            unit: 'MB',
            samples: [m.rssMB ?? Number.NaN],
            details: {
              ...details,
              rssParts: m.rssParts ?? null,
              heapTotalMB: m.heapTotalMB ?? null,
              externalMB: m.externalMB ?? null,
            },
          }),
          'RSS',
          { op: '<=', value: 400 },
          'max',
        ),
      )
    })
    stamp('memory', t0)

    // Figure 8: the built renderer in headless Chromium over the same library.
    t0 = performance.now()
    if (searchOnly) {
      // Not taken, nor listed: --search-only reports figures 4 and 7 only.
    } else if (flag('skip-renderer')) {
      for (const [key, label] of RENDERER_FIGURES) {
        figures.push(
          unavailable({ key, group: 8, label, unit: 'ms', note: 'skipped (--skip-renderer)' }),
        )
      }
    } else {
      // Loaded only here, so the child processes of figures 2 and 7 do not load Playwright.
      const { measureRenderer } = await import('./renderer')
      const renderer = await phase('figure 8: renderer', () => measureRenderer(lib, mode))
      figures.push(...renderer)
    }
    stamp('renderer', t0)
  } finally {
    if (!flag('keep')) await rm(scratch, { recursive: true, force: true })
  }

  figures.sort(
    (a, b) =>
      a.group - b.group || Number(a.key.startsWith('ref.')) - Number(b.key.startsWith('ref.')),
  )
  const durationMs = Math.round(performance.now() - started)
  const result = {
    schema: 1,
    mode: mode.name,
    seed,
    startedAt,
    durationMs,
    phaseMs: timings,
    sizes: {
      articles: mode.articles,
      annotations: mode.annotations,
      tags: gen.tags.length,
      saveSizes: mode.saveSizes,
    },
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryGB: Math.round(totalmem() / 1e9),
      loadAverageAtEnd: loadavg(),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    figures,
  }
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`)
  process.stdout.write(`\n${renderTable(figures)}\n\n`)
  log(`${mode.name} run finished in ${(durationMs / 1000).toFixed(1)} s; results in ${out}`)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exit(1)
})
