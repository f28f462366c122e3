/**
 * An import whose text looks wrong is kept, marked and findable: list, search, report.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openTestCore, textFile, type TestCore } from '../../support/core'
import { makeTempDir, removeDir } from '../../support/temp-dir'

/** A large saved page whose story the extractor cannot see: only a sign-in wall. */
const wall = `<!doctype html><html><head><title>Subscribers only</title>
<script>${'var x = 1;\n'.repeat(3000)}</script></head>
<body><main><p>Sign in to read this story.</p><p>Subscribe for full access.</p></main></body></html>`

describe('check this import', () => {
  let dir: string
  let core: TestCore
  beforeEach(async () => {
    dir = await makeTempDir()
    core = await openTestCore(dir)
  })
  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('imports a page that lost its story with a reason, shown in the list and found by is:flagged', async () => {
    const report = await core.value('import:files', {
      files: [
        textFile('wall.html', wall),
        textFile(
          'fine.txt',
          'A real story\n\nThe port handled more grain than ever, officials said.',
        ),
      ],
    })
    expect(report.outcomes[0]).toMatchObject({ status: 'imported' })
    const flagged = report.outcomes[0]
    if (flagged?.status !== 'imported') throw new Error('expected an import')
    expect(flagged.warning).toMatch(/^Only \d+ words were found in a page of \d+ KB/)
    expect(report.outcomes[1]).not.toHaveProperty('warning')
    const list = await core.value('article:list', {})
    expect(list.find((a) => a.id === flagged.id)?.importWarning).toBe(flagged.warning)
    expect(list.find((a) => a.id !== flagged.id)?.importWarning).toBeNull()
    const found = await core.value('search:query', { query: 'is:flagged' })
    expect(found.groups.map((g) => g.articleId)).toEqual([flagged.id])
    // The analyst looks and finds the text right: the mark goes; undo brings it back.
    await core.value('article:update', { id: flagged.id, patch: { importChecked: true } })
    expect(core.store.getArticle(flagged.id)?.importWarning).toBeNull()
    expect((await core.value('search:query', { query: 'is:flagged' })).groups).toEqual([])
    expect((await core.value('history:undo', {})).label).toBe('Mark import as checked')
    expect(core.store.getArticle(flagged.id)?.importWarning).toBe(flagged.warning)
    // Replacing the text with a good copy clears the mark.
    await core.value('article:replaceText', {
      id: flagged.id,
      file: textFile(
        'story.txt',
        'Subscribers only\n\nThe full story: the council approved the harbour budget on Monday after a long debate.',
      ),
    })
    expect(core.store.getArticle(flagged.id)?.importWarning).toBeNull()
    expect((await core.value('search:query', { query: 'is:flagged' })).groups).toEqual([])
  })
})
