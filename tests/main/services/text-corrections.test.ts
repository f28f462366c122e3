/**
 * Correcting an import that came out wrong: reading the page again with the
 * other extractor, or pasting the story. Both make a new version like an
 * update from a file: kept old version, re-anchored annotations, one undo step.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { articleText } from '../../../src/shared/domain/article'
import { MAX_PASTED_TEXT_CHARS } from '../../../src/shared/ipc/contract'
import type { ArticleParser } from '../../../src/main/import/article-parser'
import type { ImportOptions } from '../../../src/main/import'
import { reextractArticle } from '../../../src/main/services/text-corrections'
import { openTestCore, textFile, TRUSTED_SENDER, type TestCore } from '../../support/core'
import { SPLIT_PAGE } from '../../support/saved-page'
import { makeTempDir, removeDir } from '../../support/temp-dir'

const PASTED = `Harbour budget approved

The council approved the harbour budget on Monday.

After a long debate, councillors voted 12 to 3 for the plan, which sets aside money for dredging and a new quay.

The mayor said the vote was a turning point for the port and its workers.`

describe('reading an article again with the other extractor', () => {
  let dir: string
  let core: TestCore
  let id: string
  let page: string
  beforeEach(async () => {
    dir = await makeTempDir()
    let tick = Date.parse('2026-01-01T00:00:00Z')
    core = await openTestCore(dir, () => new Date((tick += 1000)))
    const report = await core.value('import:files', {
      files: [textFile('budget.html', SPLIT_PAGE)],
    })
    const outcome = report.outcomes[0]
    if (outcome?.status !== 'imported') throw new Error('expected an import')
    id = outcome.id
    page = join(dir, 'budget.html')
    await writeFile(page, SPLIT_PAGE)
    // The open dialog's answer: the saved page.
    core.answers.pickPaths = [page]
  })
  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('records which extractor read each version', async () => {
    expect(core.store.getArticle(id)?.extractor).toBe('readability')
    const { article } = await core.value('article:get', { id })
    expect(article.extractor).toBe('readability')
  })

  it("makes the other extractor's text a new version, keeps the old one, carries annotations, and undoes in one step", async () => {
    const before = await core.store.readArticle(id)
    const { article } = await core.value('article:get', { id })
    const text = articleText(article.blocks)
    const quote = 'councillors voted 12 to 3'
    const start = text.indexOf(quote)
    const made = await core.value('annotation:create', {
      articleId: id,
      start,
      end: start + quote.length,
      kind: 'highlight',
      tags: ['topic/budget'],
      note: 'the vote',
    })
    const report = await core.value('article:reextract', { id, extractor: 'defuddle' })
    expect(report.extractor).toBe('defuddle')
    expect(report.update).toMatchObject({ id, versionCount: 2, anchored: 1, drifted: 0 })
    const opened = await core.value('article:get', { id })
    expect(opened.article.extractor).toBe('defuddle')
    expect(opened.article.versionCount).toBe(2)
    expect(articleText(opened.article.blocks)).toContain('Other headline one.')
    const carried = opened.annotations.find((a) => a.id === made.id)!
    expect(carried.anchor.status).toBe('anchored')
    const newText = articleText(opened.article.blocks)
    expect(newText.slice(carried.anchor.start!, carried.anchor.end!)).toBe(quote)
    const first = await core.value('article:version', { id, contentHash: article.contentHash })
    expect(first.version.extractor).toBe('readability')
    expect(first.current).toBe(false)
    // One undo step takes the whole re-extraction back.
    const undone = await core.value('history:undo', {})
    expect(undone.label).toMatch(/^Update "Harbour budget approved" to a new version/)
    expect((await core.store.readArticle(id)).versions).toEqual(before.versions)
    expect(core.store.getArticle(id)?.extractor).toBe('readability')
    expect(core.store.getArticle(id)?.contentHash).toBe(article.contentHash)
  })

  it('says so when the extractor finds the same text, and changes nothing', async () => {
    await core.value('article:reextract', { id, extractor: 'defuddle' })
    const hash = core.store.getArticle(id)?.contentHash
    const again = await core.value('article:reextract', { id, extractor: 'defuddle' })
    expect(again).toEqual({ extractor: 'defuddle', update: null })
    expect(core.store.getArticle(id)?.contentHash).toBe(hash)
    expect(core.store.getArticle(id)?.versionCount).toBe(2)
  })

  it('asks for the saved page; a cancelled dialog is cancelled, not an error, and changes nothing', async () => {
    core.answers.pickPaths = null
    const cancelled = await core.call('article:reextract', { id, extractor: 'defuddle' })
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'cancelled' } })
    expect(core.store.getArticle(id)?.versionCount).toBe(1)
    core.answers.pickPaths = [page]
    const report = await core.value('article:reextract', { id, extractor: 'defuddle' })
    expect(report.update?.versionCount).toBe(2)
  })

  it('refuses a path named by the window: main reads only the page the analyst chose', async () => {
    const input = { id, extractor: 'defuddle', path: '/etc/passwd' }
    const result = await core.dispatch('article:reextract', input, TRUSTED_SENDER)
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect(core.store.getArticle(id)?.versionCount).toBe(1)
  })

  it.each([
    ['a file that is not a web page', 'notes.txt', 'invalid-input', /notes\.txt is not a web page/],
    ['a file that does not exist', 'missing.html', 'io-error', /missing\.html/],
  ])('refuses %s', async (_label, name, code, message) => {
    const path = join(dir, name)
    if (name.endsWith('.txt')) await writeFile(path, 'Some text\n\nMore text here.')
    core.answers.pickPaths = [path]
    const result = await core.call('article:reextract', { id, extractor: 'defuddle' })
    expect(result).toMatchObject({ ok: false, error: { code } })
    if (!result.ok) expect(result.error.message).toMatch(message)
    expect(core.store.getArticle(id)?.versionCount).toBe(1)
  })

  it('answers not-found for an article that does not exist, before asking for a file', async () => {
    core.answers.pickPaths = [page]
    const result = await core.call('article:reextract', { id: 'art-none', extractor: 'defuddle' })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it("passes the importer's options with the chosen extractor to the parser; without one, the other than the current", async () => {
    const seen: (ImportOptions | undefined)[] = []
    const recording: ArticleParser = {
      parse: async (_name, _data, options) => {
        seen.push(options)
        return { ok: false, reason: 'no readable text found' }
      },
      cancel: () => undefined,
      dispose: async () => undefined,
    }
    const deps = {
      store: core.store,
      now: () => new Date(),
      parser: recording,
      options: { maxBytes: 1234 },
    }
    const file = textFile('budget.html', SPLIT_PAGE)
    await expect(reextractArticle(id, file, undefined, deps)).rejects.toThrow(
      'Defuddle could not read budget.html: no readable text found',
    )
    await expect(reextractArticle(id, file, 'readability', deps)).rejects.toThrow(/^Readability/)
    expect(seen).toEqual([
      { maxBytes: 1234, extractor: 'defuddle' },
      { maxBytes: 1234, extractor: 'readability' },
    ])
  })
})

describe('pasting the text of an article', () => {
  let dir: string
  let core: TestCore
  let id: string
  beforeEach(async () => {
    dir = await makeTempDir()
    core = await openTestCore(dir)
    const report = await core.value('import:files', {
      files: [textFile('budget.html', SPLIT_PAGE)],
    })
    const outcome = report.outcomes[0]
    if (outcome?.status !== 'imported') throw new Error('expected an import')
    id = outcome.id
  })
  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('makes the pasted text a new version with no file and no extractor, clears the mark, and undoes', async () => {
    expect(core.store.getArticle(id)?.importWarning).not.toBeNull()
    const { article } = await core.value('article:get', { id })
    const quote = 'The mayor said the vote was a turning point'
    const start = articleText(article.blocks).indexOf(quote)
    const made = await core.value('annotation:create', {
      articleId: id,
      start,
      end: start + quote.length,
      kind: 'claim',
      tags: [],
      note: '',
    })
    const report = await core.value('article:pasteText', { id, text: PASTED })
    expect(report).toMatchObject({ id, versionCount: 2, anchored: 1, orphaned: 0 })
    const opened = await core.value('article:get', { id })
    expect(articleText(opened.article.blocks)).toContain('and a new quay')
    expect(opened.article.extractor).toBeUndefined()
    expect(opened.article.fileName).toBeNull()
    expect(opened.article.importWarning).toBeNull()
    expect(opened.annotations.find((a) => a.id === made.id)?.anchor.status).toBe('anchored')
    await core.value('history:undo', {})
    expect(core.store.getArticle(id)?.contentHash).toBe(article.contentHash)
    expect(core.store.getArticle(id)?.extractor).toBe('readability')
    expect(core.store.getArticle(id)?.importWarning).not.toBeNull()
  })

  it.each([
    ['an empty text', '', 'invalid-input'],
    ['a text of only spaces', '   \n  ', 'invalid-input'],
    ['a text that is too large', 'x'.repeat(MAX_PASTED_TEXT_CHARS + 1), 'invalid-input'],
    ['binary junk', '\u0000\u0001\u0002'.repeat(200), 'invalid-input'],
  ])('refuses %s and changes nothing', async (_label, text, code) => {
    const result = await core.call('article:pasteText', { id, text })
    expect(result).toMatchObject({ ok: false, error: { code } })
    expect(core.store.getArticle(id)?.versionCount).toBe(1)
  })

  it('refuses the current text again as a duplicate', async () => {
    await core.value('article:pasteText', { id, text: PASTED })
    const again = await core.call('article:pasteText', { id, text: PASTED })
    expect(again).toMatchObject({ ok: false, error: { code: 'duplicate' } })
    if (!again.ok)
      expect(again.error.message).toBe(
        'The pasted text is already the text of "Harbour budget approved"',
      )
  })

  it('answers not-found for an article that does not exist', async () => {
    const result = await core.call('article:pasteText', { id: 'art-none', text: PASTED })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})
