/**
 * Bundle a TypeScript entry for plain Node, for tests that need a real
 * child process or worker thread running the app's source.
 *
 * Why: a child process or worker cannot load TypeScript, and the tests must
 * not depend on `npm run build` having been run. Vite bundles the entry in
 * SSR mode (dependencies stay external and resolve from node_modules, since
 * the output sits under node_modules/.cache) into an ES module.
 */
import { join, resolve } from 'node:path'
import { build } from 'vite'

export const ROOT = resolve(__dirname, '../..')

/** Bundle `entry` (relative to the repository) to `node_modules/.cache/<folder>/<name>.mjs`. */
export async function bundleForNode(entry: string, folder: string, name: string): Promise<string> {
  const outDir = join(ROOT, 'node_modules/.cache', folder)
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    build: {
      ssr: join(ROOT, entry),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'es', entryFileNames: `${name}.mjs` } },
    },
  })
  return join(outDir, `${name}.mjs`)
}
