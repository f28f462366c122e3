#!/usr/bin/env node
// Launcher for the `workbench` command line; the code is built by `npm install` (prepare) or `npm run build`.
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const entry = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  process.stderr.write('workbench: the command line is not built yet; run "npm run build" first\n')
  process.exit(1)
}
// `workbench list | head` closes the pipe early: stop quietly, as other command-line tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error && error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code
  })
