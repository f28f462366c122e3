/**
 * Temporary folders for tests, removed afterwards.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { createHash } from 'node:crypto'

/** Make a fresh temporary folder. */
export async function makeTempDir(prefix = 'workbench-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix))
}

/** Remove a temporary folder and everything in it. */
export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true })
}

/**
 * Hash every file under a folder, keyed by relative path.
 *
 * Used to prove that a rejected call left a library byte-for-byte unchanged.
 */
export async function snapshotTree(
  dir: string,
  skip: (rel: string) => boolean = () => false,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  async function walk(current: string): Promise<void> {
    for (const name of await readdir(current)) {
      const path = join(current, name)
      const rel = relative(dir, path)
      if (skip(rel)) continue
      if ((await stat(path)).isDirectory()) await walk(path)
      else
        out[rel] = createHash('sha256')
          .update(await readFile(path))
          .digest('hex')
    }
  }
  await walk(dir)
  return out
}
