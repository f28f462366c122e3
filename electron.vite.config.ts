import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // lowdb and steno are ESM-only: bundle them so the CommonJS main never require()s an ES module.
      externalizeDeps: { exclude: ['lowdb', 'steno'] },
      rollupOptions: {
        // Node 24's built-in SQLite (the search index): a build machine whose Node lacks it must not
        // try to resolve or bundle it (Electron 45's main process and workers provide it).
        external: ['node:sqlite'],
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/cli/workbench.ts'),
          // Started by the main process as a worker thread, so the search index never blocks the window.
          'search-worker': resolve(__dirname, 'src/main/search/search-worker.ts'),
          // Parses imported files off the main thread, so an import never freezes the window.
          'parse-worker': resolve(__dirname, 'src/main/import/parse-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // The preload runs sandboxed: it must be a single CommonJS file with no require() of packages.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
