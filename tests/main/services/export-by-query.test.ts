/**
 * An export of "the articles matching the search" covers every match, not
 * the page of results the window has loaded, and only from a complete index.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, type TestCore } from '../../support/core'

/** 120 articles; 80 of them (two in three) mention cargo, more than one page of results. */
const FILES = Array.from({ length: 120 }, (_, i) =>
  textFile(
    `a${i}.txt`,
    `Harbour report ${i}\n\nThe harbour saw ${i % 3 === 0 ? 'no ships' : `cargo lot ${i}`} today.`,
  ),
)

describe('export by query', () => {
  let dir: string
  let core: TestCore

  beforeAll(async () => {
    dir = await makeTempDir('workbench-export-query-')
    core = await openTestCore(dir)
    await core.value('import:files', { files: FILES })
  })
  afterAll(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('previews every matching article and states how many', async () => {
    // Straight after the import, while the index may still be building: the export waits for it.
    const preview = await core.value('export:preview', { query: 'cargo', format: 'md' })
    expect(preview.articleCount).toBe(80)
    expect(preview.skipped).toEqual([])
    const titles = new Set(
      preview.text.match(/^#+ Harbour report \d+$/gm)?.map((t) => t.replace(/^#+ /, '')),
    )
    expect(titles.size).toBe(80)
    expect(titles.has('Harbour report 0')).toBe(false)
    expect(titles.has('Harbour report 1')).toBe(true)
  })

  it('saves a file with every matching article', async () => {
    const path = join(dir, '..', `${Date.now()}-cargo.md`)
    core.answers.exportPath = path
    const saved = await core.value('export:save', { query: 'cargo', format: 'md' })
    expect(saved.articleCount).toBe(80)
    const text = await readFile(saved.path, 'utf8')
    expect(new Set(text.match(/^#+ Harbour report \d+$/gm)).size).toBe(80)
    await removeDir(saved.path)
  })

  it('takes either article ids or a query, and says when nothing matches', async () => {
    const both = await core.call('export:preview', {
      query: 'cargo',
      articleIds: ['x'],
      format: 'md',
    })
    expect(both).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const neither = await core.call('export:preview', { format: 'md' })
    expect(neither).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    const none = await core.call('export:preview', { query: 'zeppelin', format: 'md' })
    expect(none).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
