/**
 * `workbench reextract`: reading a saved page again with the other extractor, run as a user would.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { requireBuiltCli, workbench } from '../support/cli'
import { SPLIT_PAGE } from '../support/saved-page'

describe('workbench reextract', { timeout: 60_000 }, () => {
  let work: string
  let lib: string
  let id: string
  let page: string
  const wb = (...args: string[]) => workbench(['--library', lib, ...args])

  beforeAll(async () => {
    requireBuiltCli()
    work = await makeTempDir('workbench-cli-reextract-')
    lib = join(work, 'lib')
    page = join(work, 'budget.html')
    await writeFile(page, SPLIT_PAGE)
    await writeFile(join(work, 'notes.txt'), 'Notes\n\nNot a web page at all.')
    const imported = await wb('import', page)
    expect(imported.code).toBe(0)
    id = /imported (\S+) Harbour budget approved/.exec(imported.stdout)?.[1] ?? ''
    expect(id).not.toBe('')
  })
  afterAll(async () => {
    await removeDir(work)
  })

  it('refuses usage mistakes with exit code 2', async () => {
    expect((await wb('reextract', id)).code).toBe(2)
    expect((await wb('reextract', '--file', page)).code).toBe(2)
    const bad = await wb('reextract', id, '--file', page, '--extractor', 'magic')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--extractor must be one of readability, defuddle')
  })

  it('refuses a file that is not a web page, a missing file and an unknown article with exit code 1', async () => {
    const txt = await wb('reextract', id, '--file', join(work, 'notes.txt'))
    expect(txt.code).toBe(1)
    expect(txt.stderr).toContain('notes.txt is not a web page')
    const missing = await wb('reextract', id, '--file', join(work, 'gone.html'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('gone.html')
    const unknown = await wb('reextract', 'art-none', '--file', page)
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No article with id art-none')
  })

  it('reads the page with the other extractor by default, then says when the text is the same', async () => {
    const first = await wb('reextract', id, '--file', page)
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`updated ${id} with Defuddle (version 2)`)
    expect((await wb('show', id)).stdout).toContain('Other headline one.')
    const same = await wb('reextract', id, '--file', page, '--extractor', 'defuddle')
    expect(same.code).toBe(0)
    expect(same.stdout).toBe('Defuddle found the same text; nothing changed.\n')
    // The current version is Defuddle's now, so the default is Readability: back to the story alone.
    const back = await wb('reextract', id, '--file', page)
    expect(back.code).toBe(0)
    expect(back.stdout).toContain(`updated ${id} with Readability (version 3)`)
    expect((await wb('show', id)).stdout).not.toContain('Other headline one.')
  })
})
