/**
 * Correcting, trashing and updating articles from the command line, run as a user would.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { requireBuiltCli, workbench } from '../support/cli'

const STORY = (figure: string, extra = ''): string =>
  `---\ntitle: Port traffic report\nsource: Harbour Gazette\nurl: https://gazette.example/port\n---\n\nThe port handled ${figure} million tonnes in October, the harbour master said.\n\n${extra}Shipping lines expect the winter to be quieter than last year.\n`

describe('workbench edit, delete, trash and update', { timeout: 60_000 }, () => {
  let work: string
  let lib: string
  let id: string
  const wb = (...args: string[]) => workbench(['--library', lib, ...args])

  beforeAll(async () => {
    requireBuiltCli()
    work = await makeTempDir('workbench-cli-lifecycle-')
    lib = join(work, 'lib')
    await writeFile(join(work, 'v1.md'), STORY('4.2'))
    await writeFile(join(work, 'v2.md'), STORY('4.3', 'A new terminal opens in May.\n\n'))
    await writeFile(join(work, 'v3.md'), STORY('4.5'))
    await writeFile(join(work, 'other.txt'), 'Something else\n\nA junk one-line import.')
    const imported = await wb('import', join(work, 'v1.md'), join(work, 'other.txt'))
    expect(imported.code).toBe(0)
    id = /imported (\S+) Port traffic report/.exec(imported.stdout)?.[1] ?? ''
    expect(id).not.toBe('')
    const annotated = await wb('annotate', id, '--quote', 'Shipping lines expect', '--note', 'n')
    expect(annotated.code).toBe(0)
  })
  afterAll(async () => {
    await removeDir(work)
  })

  it('edits metadata, refuses a bad date, and restores the extracted title', async () => {
    const edited = await wb('edit', id, '--title', 'Port traffic up', '--published', '2024-10-31')
    expect(edited.code).toBe(0)
    expect(edited.stdout).toContain('Title: Port traffic up (edited)')
    expect(edited.stdout).toContain('Published: 2024-10-31 (edited)')
    const bad = await wb('edit', id, '--published', 'yesterday')
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Published must be a date')
    const none = await wb('edit', id)
    expect(none.code).toBe(2)
    const restored = await wb('edit', id, '--restore', 'title')
    expect(restored.stdout).toContain('Title: Port traffic report\n')
    const list = await wb('list', '--json')
    expect(JSON.parse(list.stdout)).toContainEqual(
      expect.objectContaining({ id, title: 'Port traffic report' }),
    )
  })

  it('holds back a new version on import, and updates with --update-existing', async () => {
    const held = await wb('import', join(work, 'v2.md'))
    expect(held.code).toBe(1)
    expect(held.stdout).toContain(`held back`)
    expect(held.stdout).toContain(`new version of ${id}`)
    const updated = await wb('import', '--update-existing', join(work, 'v2.md'))
    expect(updated.code).toBe(0)
    expect(updated.stdout).toContain(`updated ${id}`)
    expect(updated.stdout).toContain('(version 2): 1 annotations in place')
    const update = await wb('update', id, join(work, 'v3.md'))
    expect(update.code).toBe(0)
    expect(update.stdout).toContain('(version 3)')
    const shown = await wb('show', id)
    expect(shown.stdout).toContain('4.5 million')
    const list = JSON.parse((await wb('list', '--json')).stdout) as { id: string }[]
    expect(list).toHaveLength(2)
  })

  it('deletes to the trash, lists it, restores it, and empties it only with --yes', async () => {
    const junk = (
      JSON.parse((await wb('list', '--json')).stdout) as { id: string; title: string }[]
    ).find((a) => a.title === 'Something else')!.id
    const deleted = await wb('delete', junk)
    expect(deleted.code).toBe(0)
    expect(deleted.stdout).toContain(`trashed ${junk}`)
    const listed = JSON.parse((await wb('list', '--json')).stdout) as { id: string }[]
    expect(listed.map((a) => a.id)).toEqual([id])
    const trash = JSON.parse((await wb('trash', '--json')).stdout) as { id: string }[]
    expect(trash.map((a) => a.id)).toEqual([junk])
    expect((await wb('trash', '--restore', junk)).stdout).toContain(`restored ${junk}`)
    expect(JSON.parse((await wb('trash', '--json')).stdout)).toEqual([])
    await wb('delete', junk)
    const unconfirmed = await wb('trash', '--empty')
    expect(unconfirmed.code).toBe(1)
    expect(unconfirmed.stdout).toContain('Would remove 1 article(s) for good')
    expect(JSON.parse((await wb('trash', '--json')).stdout)).toHaveLength(1)
    const emptied = await wb('trash', '--empty', '--yes')
    expect(emptied.code).toBe(0)
    expect((await wb('trash')).stdout).toContain('The trash is empty.')
    expect((await wb('show', junk)).code).toBe(1)
  })
})
