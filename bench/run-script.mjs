#!/usr/bin/env node
/**
 * `node bench/run-script.mjs <script.ts> [arguments…]`: bundle one evaluation
 * script and run it (`npm run eval:import`, `npm run eval:import-pdf`).
 *
 * The scripts import the app's real importer from src/, so Vite bundles
 * the script in SSR mode (dependencies such as parse5, linkedom, Readability,
 * unpdf and mammoth stay external and resolve from node_modules) into
 * node_modules/.cache/workbench-scripts/, and plain node runs it with the
 * remaining arguments passed through. The same mechanism as bench/run.mjs.
 */
import { spawn } from 'node:child_process'
import { rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const [script, ...args] = process.argv.slice(2)
if (!script) {
  process.stderr.write('usage: node bench/run-script.mjs <script.ts> [arguments…]\n')
  process.exit(2)
}
const name = basename(script).replace(/\.ts$/, '')
const OUT_DIR = join(ROOT, 'node_modules/.cache/workbench-scripts', `${name}-${process.pid}`)

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
      input: { [name]: resolve(ROOT, script) },
      output: { format: 'es', entryFileNames: '[name].mjs' },
    },
  },
})
const child = spawn(process.execPath, [join(OUT_DIR, `${name}.mjs`), ...args], {
  stdio: 'inherit',
  cwd: ROOT,
})
const code = await new Promise((done) => {
  child.on('exit', (exitCode, signal) => done(signal ? 1 : (exitCode ?? 1)))
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
})
await rm(OUT_DIR, { recursive: true, force: true })
process.exit(code)
