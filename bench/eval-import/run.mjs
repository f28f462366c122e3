#!/usr/bin/env node
/**
 * `npm run eval:import [-- --corpus <dir> --out <file> --predictions <file>]`
 * (or `--set trafilatura|readability-tests`, `--prepare …`; see bench/eval-import.ts):
 * bundle bench/eval-import.ts and run it.
 *
 * The same mechanism as bench/run.mjs: the script imports the app's real
 * importer from src/, so Vite bundles it in SSR mode (dependencies such as
 * parse5, linkedom and Readability stay external and resolve from node_modules) into
 * node_modules/.cache/workbench-eval-import/, and plain node runs it with the
 * arguments passed through.
 */
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const OUT_DIR = join(ROOT, 'node_modules/.cache/workbench-eval-import', `run-${process.pid}`)

await build({
  configFile: false,
  logLevel: 'silent',
  root: ROOT,
  build: {
    ssr: true,
    outDir: OUT_DIR,
    emptyOutDir: true,
    minify: false,
    target: 'node20',
    rollupOptions: {
      input: { 'eval-import': join(ROOT, 'bench/eval-import.ts') },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
})
const child = spawn(
  process.execPath,
  [join(OUT_DIR, 'eval-import.mjs'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: ROOT,
  },
)
const code = await new Promise((done) => {
  child.on('exit', (exitCode, signal) => done(signal ? 1 : (exitCode ?? 1)))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
})
await rm(OUT_DIR, { recursive: true, force: true })
process.exit(code)
