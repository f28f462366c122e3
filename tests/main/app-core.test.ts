import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { openTestCore, textFile, TRUSTED_SENDER } from '../support/core'

describe('app core', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('finishes a save that is still running when the app closes', async () => {
    const core = await openTestCore(dir)
    const report = await core.value('import:files', {
      files: [textFile('a.txt', 'Closing Time\n\nThe window closed while the analyst was typing.')],
    })
    const first = report.outcomes[0]
    if (first?.status !== 'imported') throw new Error('import failed')
    const created = await core.value('annotation:create', {
      articleId: first.id,
      start: 0,
      end: 7,
      kind: 'highlight',
      tags: [],
      note: '',
    })
    // What the window sends from its unload handler, immediately followed by the app quitting.
    const lastSave = core.dispatch(
      'annotation:update',
      {
        articleId: first.id,
        annotationId: created.id,
        patch: { note: 'typed just before closing' },
      },
      TRUSTED_SENDER,
    )
    await core.close()
    expect(await lastSave).toMatchObject({ ok: true })
    const onDisk = JSON.parse(await readFile(join(dir, 'annotations', `${first.id}.json`), 'utf8'))
    expect(onDisk.annotations[0].note).toBe('typed just before closing')
  })
})
