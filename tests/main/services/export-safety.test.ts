/**
 * Export safety: an export is written only where the user chose, never
 * through a link to somewhere else, and never over what the user wrote.
 */
import { lstat, readFile, readdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile, type TestCore } from '../../support/core'

const ARTICLE = 'Harbour Report\n\nThe harbour master said 40 ships waited outside the port.'

describe('export safety', () => {
  let dir: string
  let out: string
  let core: TestCore
  let articleId: string

  beforeEach(async () => {
    dir = await makeTempDir()
    out = await makeTempDir('workbench-export-')
    core = await openTestCore(dir)
    const report = await core.value('import:files', { files: [textFile('harbour.txt', ARTICLE)] })
    const first = report.outcomes[0]
    if (first?.status !== 'imported') throw new Error('import failed')
    articleId = first.id
    await core.value('annotation:create', {
      articleId,
      start: 16,
      end: 32,
      kind: 'highlight',
      tags: ['topic/ports'],
      note: 'Check the count',
    })
  })
  afterEach(async () => {
    await core.close()
    await removeDir(dir)
    await removeDir(out)
  })

  it('writes nothing when the user cancels the save dialog', async () => {
    core.answers.exportPath = null
    const result = await core.call('export:save', { articleIds: [articleId], format: 'md' })
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(await readdir(out)).toEqual([])
  })

  it('writes exactly the chosen path', async () => {
    const path = join(out, 'briefing.md')
    core.answers.exportPath = path
    const saved = await core.value('export:save', { articleIds: [articleId], format: 'md' })
    expect(saved.path).toBe(path)
    expect(await readdir(out)).toEqual(['briefing.md'])
    expect(await readFile(path, 'utf8')).toContain('Check the count')
  })

  it('replaces a symbolic link at the chosen path instead of writing through it', async () => {
    const outside = join(dir, 'library.json')
    const before = await readFile(outside, 'utf8')
    const path = join(out, 'briefing.md')
    await symlink(outside, path)
    core.answers.exportPath = path
    // The link's target has text the exporter did not write, so a plain save is refused first.
    expect(await core.call('export:save', { articleIds: [articleId], format: 'md' })).toMatchObject(
      {
        ok: false,
        error: { code: 'conflict' },
      },
    )
    await core.value('export:save', { articleIds: [articleId], format: 'md', overwrite: true })
    expect(await readFile(outside, 'utf8')).toBe(before)
    expect((await lstat(path)).isSymbolicLink()).toBe(false)
    expect(await readFile(path, 'utf8')).toContain('Harbour Report')
  })

  it('keeps what the user wrote in keep regions and refuses to lose edits made elsewhere', async () => {
    const path = join(out, 'briefing.md')
    core.answers.exportPath = path
    await core.value('export:save', { articleIds: [articleId], format: 'md' })
    const first = await readFile(path, 'utf8')
    const withNotes = first.replace(
      /(<!-- workbench:keep id=analyst-notes -->\n)/,
      '$1My own assessment: the count looks high.\n',
    )
    await writeFile(path, withNotes)
    await core.value('annotation:create', {
      articleId,
      start: 0,
      end: 7,
      kind: 'highlight',
      tags: [],
      note: 'Second highlight',
    })
    await core.value('export:save', { articleIds: [articleId], format: 'md' })
    const second = await readFile(path, 'utf8')
    expect(second).toContain('My own assessment: the count looks high.')
    expect(second).toContain('Second highlight')

    await writeFile(path, second.replace('Harbour Report', 'Harbour Report (edited by hand)'))
    const refused = await core.call('export:save', { articleIds: [articleId], format: 'md' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    // The refusal names both ways out: keep regions, or overwriting (the dialog's button, --force).
    const message = refused.ok ? '' : refused.error.message
    expect(message).toContain(path)
    expect(message).toMatch(/outside its keep regions .* left untouched/u)
    expect(message).toContain('<!-- workbench:keep -->')
    expect(message).toMatch(/overwrite the file and lose it \(--force on the command line\)\.$/u)
    expect(await readFile(path, 'utf8')).toContain('(edited by hand)')
    await core.value('export:save', { articleIds: [articleId], format: 'md', overwrite: true })
    const third = await readFile(path, 'utf8')
    expect(third).not.toContain('(edited by hand)')
    expect(third).toContain('My own assessment: the count looks high.')
  })

  it('keeps a region the user added where they put it, in a file saved with a BOM and CRLF', async () => {
    const path = join(out, 'briefing.md')
    core.answers.exportPath = path
    await core.value('export:save', { articleIds: [articleId], format: 'md' })
    const exported = await readFile(path, 'utf8')
    const mine =
      '<!-- workbench:keep -->\nThe harbour master counts anchored ships too.\n<!-- /workbench:keep -->'
    const added = exported.replace('### Annotations\n', `### Annotations\n\n${mine}\n`)
    expect(added).not.toBe(exported)
    await writeFile(path, `\uFEFF${added.replace(/\n/gu, '\r\n')}`)
    await core.value('annotation:create', {
      articleId,
      start: 0,
      end: 7,
      kind: 'highlight',
      tags: [],
      note: 'Second highlight',
    })
    await core.value('export:save', { articleIds: [articleId], format: 'md' })
    const again = (await readFile(path, 'utf8')).replace(/\r\n/gu, '\n')
    expect(again).toContain('Second highlight')
    expect(again).toContain(`### Annotations\n\n${mine}\n`)
    expect(again).not.toContain('Kept from an earlier export')
  })
})
