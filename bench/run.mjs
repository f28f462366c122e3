#!/usr/bin/env node
/**
 * `npm run bench [-- --quick | --tiny] [--search-only]`: bundle the benchmark and run it.
 *
 * `--search-only` (with any mode) generates the library and takes only figure 4
 * (search: queries, first build, open with the index present, index size, a save
 * visible to the next query, `workbench search` against `workbench list`) and
 * figure 7 (memory), so search work can be iterated on in minutes; e.g.
 * `node bench/run.mjs --search-only --out /tmp/search.json`.
 *
 * The benchmark is TypeScript that imports the app's real modules from
 * src/ (store, services, search, anchoring, export) and the e2e harness.
 * Vite bundles it in SSR mode (dependencies stay external and resolve from
 * node_modules) into node_modules/.cache/workbench-bench/, the same way
 * tests/main/store/crash.test.ts bundles its child; then it runs under
 * plain node with --expose-gc. Arguments are passed through.
 */
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT_DIR = join(ROOT, 'node_modules/.cache/workbench-bench', `run-${process.pid}`)

/** `__dirname` in a bundled module means the folder of its source file, as under vitest. */
const sourceDirname = {
  name: 'workbench-bench-dirname',
  transform(code, id) {
    if (!id.startsWith(ROOT) || id.includes('node_modules') || !code.includes('__dirname'))
      return null
    return { code: code.replace(/\b__dirname\b/g, JSON.stringify(dirname(id))), map: null }
  },
}

async function bundle() {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    plugins: [sourceDirname],
    build: {
      ssr: true,
      outDir: OUT_DIR,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      rollupOptions: {
        // The search worker is bundled too, so the benchmark's cores index off the main thread as the app does.
        input: {
          bench: join(ROOT, 'bench/main.ts'),
          'search-worker': join(ROOT, 'src/main/search/search-worker.ts'),
          // And the import worker, so imports are parsed off the main thread as in the app.
          'parse-worker': join(ROOT, 'src/main/import/parse-worker.ts'),
        },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  })
  return join(OUT_DIR, 'bench.mjs')
}

const started = performance.now()
const entry = await bundle()
process.stderr.write(`bench: bundled in ${((performance.now() - started) / 1000).toFixed(1)} s\n`)
const child = spawn(process.execPath, ['--expose-gc', entry, ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: ROOT,
  env: {
    ...process.env,
    WORKBENCH_BENCH_ENTRY: entry,
    WORKBENCH_SEARCH_WORKER: join(OUT_DIR, 'search-worker.mjs'),
    WORKBENCH_PARSE_WORKER: join(OUT_DIR, 'parse-worker.mjs'),
  },
})
const code = await new Promise((done) => {
  child.on('exit', (exitCode, signal) => done(signal ? 1 : (exitCode ?? 1)))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
})
await rm(OUT_DIR, { recursive: true, force: true })
process.exit(code)
