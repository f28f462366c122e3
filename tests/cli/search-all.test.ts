/**
 * `workbench search` prints every match, however many pages of results that
 * is, and `workbench export --query` exports every matching article.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { main, type CliIo } from '../../src/cli/workbench'
import { MAX_SEARCH_LIMIT } from '../../src/shared/search/types'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { openTestCore, textFile } from '../support/core'

/** More matching articles than one page of `search:query` can hold. */
const MATCHING = MAX_SEARCH_LIMIT + 23
const OTHERS = 7

async function run(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = ''
  let err = ''
  const io: CliIo = {
    out: (text) => (out += text),
    err: (text) => (err += text),
    env: {},
    cwd: process.cwd(),
    now: () => new Date('2026-12-07T12:00:00Z'),
  }
  const code = await main(argv, io)
  return { code, out, err }
}

describe('workbench search and export over every match', { timeout: 60_000 }, () => {
  let lib: string

  beforeAll(async () => {
    lib = await makeTempDir('workbench-cli-pages-')
    const core = await openTestCore(lib)
    const files = [
      ...Array.from({ length: MATCHING }, (_, i) =>
        textFile(`m${i}.txt`, `Manifest ${i}\n\nThe freighter carried timber lot ${i}.`),
      ),
      ...Array.from({ length: OTHERS }, (_, i) =>
        textFile(`o${i}.txt`, `Other ${i}\n\nNothing was shipped on day ${i}.`),
      ),
    ]
    for (let i = 0; i < files.length; i += 200) {
      await core.value('import:files', { files: files.slice(i, i + 200) })
    }
    await core.close()
  })
  afterAll(async () => {
    await removeDir(lib)
  })

  it('prints every matching article by default, and the first n with --limit', async () => {
    const all = await run(['--library', lib, 'search', 'timber'])
    expect(all.code).toBe(0)
    const titles = all.out.split('\n').filter((line) => /^\S/.test(line))
    expect(titles).toHaveLength(MATCHING)
    expect(new Set(titles).size).toBe(MATCHING)
    expect(all.err).toBe('')

    const json = JSON.parse((await run(['--library', lib, 'search', '--json', 'timber'])).out)
    expect(json).toMatchObject({ ready: true, total: MATCHING, offset: 0 })
    expect(json.groups).toHaveLength(MATCHING)

    const limited = await run(['--library', lib, 'search', '--limit', '510', 'timber'])
    // Equal scores rank in the order articles were indexed, which each run may read differently.
    const first = new Set(limited.out.split('\n').filter((line) => /^\S/.test(line)))
    expect(first.size).toBe(510)
    expect([...first].every((title) => titles.includes(title))).toBe(true)
    expect(limited.err).toBe(`showing 510 of ${MATCHING} articles\n`)

    for (const bad of ['0', '-3', '2.5', 'many']) {
      expect((await run(['--library', lib, 'search', '--limit', bad, 'timber'])).code).toBe(2)
    }
  })

  it('exports every article matching --query', async () => {
    const md = await run(['--library', lib, 'export', '--query', 'timber', '--format', 'md'])
    expect(md.code).toBe(0)
    expect(new Set(md.out.match(/^#+ Manifest \d+$/gm)).size).toBe(MATCHING)
    expect(md.out).not.toMatch(/^#+ Other \d+$/m)

    const none = await run(['--library', lib, 'export', '--query', 'zeppelin', '--format', 'md'])
    expect(none.code).toBe(1)
    expect(none.err).toMatch(/no article matches "zeppelin"/)

    for (const extra of [
      ['--tag', 'x'],
      ['--article', 'art-1'],
    ]) {
      const mixed = await run([
        '--library',
        lib,
        'export',
        '--query',
        'timber',
        ...extra,
        '--format',
        'md',
      ])
      expect(mixed.code).toBe(2)
      expect(mixed.err).toMatch(/--query cannot be combined/)
    }
  })
})
