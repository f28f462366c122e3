/**
 * Golden-file comparison for the export tests.
 *
 * `UPDATE_GOLDEN=1` rewrites the file instead of comparing; read the diff
 * before committing (see tests/fixtures/export/README.md).
 */
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect } from 'vitest'

const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1'

/** The path of a file in tests/fixtures/export. */
export function exportFixturePath(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/export/${name}`, import.meta.url))
}

/** Compare `actual` byte for byte with a golden file (or rewrite it). */
export async function expectGolden(name: string, actual: string): Promise<void> {
  const path = exportFixturePath(name)
  if (UPDATE_GOLDEN) await writeFile(path, actual, 'utf8')
  expect(actual).toBe(await readFile(path, 'utf8'))
}
