/**
 * An article's life in the window: corrected, trashed and restored, updated
 * to a new version with every annotation carried across and reviewed, and
 * recognised as a new version when imported again.
 *
 * Drives the built renderer in headless Chromium against a real app core
 * (see tests/support/e2e-harness.ts); every step is checked on screen and in
 * the store. The updated article is a real sample article and a copy of it
 * with a paragraph deleted, a sentence reworded and a figure changed. Saves
 * screenshots of the details editor, the trash, the review list and a
 * previous version, at 1440×900 and 1280×720, light and dark:
 * `docs/screenshots/lifecycle-<view>-<width>-<theme>.png`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  AnchoredAnnotation,
  ArticleSummary,
  ArticleVersionView,
  ArticleWithAnnotations,
} from '../../src/shared/ipc/contract'
import {
  APP_SENDER,
  callCore,
  currentArticleId,
  focusBody,
  SAMPLES_DIR,
  selectPhrase,
  startE2E,
  type E2EHarness,
} from '../support/e2e-harness'
import { dismissToasts, SCREENSHOTS, snapAllViews } from '../support/e2e-screens'

const HARBOUR = 'Veskari Port Says Container Terminal Expansion Remains on Schedule'
const NURSES = 'Regional Hospitals Report Shortfall of 2,300 Nursing Posts'
const FLOUR = 'Millers Warn Flour Prices Could Rise 12 Percent After Poor Harvest'
const NEW_TITLE = 'Veskari terminal expansion on schedule, port says'
/** A junk import: a site's cookie banner saved as an article. */
const JUNK =
  'Cookie settings\n\nWe use cookies to improve your experience on this site. Accept all cookies?\n'

/** Passages of the harbour article and what the new version does to them. */
const FIGURE = 'cost about €310 million, a third of it financed by a loan'
const DELETED = 'state funding for the dredging work had been'
const REWORDED = 'She dismissed reports that the project had stalled'
const UNTOUCHED = 'a delay of even a few weeks could push the opening into the summer'

/** The outlet's update of the harbour story: a figure changed, a sentence reworded, a paragraph gone, one added. */
function updatedHarbour(original: string): string {
  const deleted = original
    .split('\n\n')
    .filter((p) => !p.startsWith('Last month the Baltic Freight Bulletin'))
    .join('\n\n')
  const changed = deleted
    .replace('€310 million', '€345 million')
    .replace(
      'She dismissed reports that the project had stalled after one of its main contractors withdrew.',
      'She rejected reports that the project had stalled when one of its main contractors pulled out.',
    )
    .replace(
      'push the opening into the summer.',
      'push the opening into the summer.\n\nThe port authority said on Tuesday that a second dredging contractor had been hired.',
    )
  if (changed === original || !changed.includes('€345 million') || !changed.includes('rejected'))
    throw new Error('the sample article changed: update the edits of this test')
  return changed
}

/** The view as it is, at 1440×900 and 1280×720, light and dark; back to 1440×900 light after. */
async function snap(page: Page, name: string, settle?: () => Promise<void>): Promise<void> {
  await dismissToasts(page)
  await page.mouse.move(0, 0)
  await snapAllViews(page, `lifecycle-${name}`, settle)
}

describe('an article’s life: corrected, trashed, updated', () => {
  let app: E2EHarness
  let harbourId: string
  let nursesId: string
  let flourId: string

  beforeAll(async () => {
    app = await startE2E()
    await mkdir(SCREENSHOTS, { recursive: true })
    const { page } = app
    await page.getByRole('button', { name: 'Open sample library' }).click()
    // The three samples are listed once their import is done.
    const rows = page.getByRole('listbox', { name: 'Articles' }).getByRole('option')
    await rows.nth(2).waitFor()
    const list = await listArticles()
    const idOf = (title: string) => {
      const found = list.find((a) => a.title === title)
      if (!found) throw new Error(`no sample "${title}"`)
      return found.id
    }
    harbourId = idOf(HARBOUR)
    nursesId = idOf(NURSES)
    flourId = idOf(FLOUR)
  })

  afterAll(async () => {
    await app?.close()
  })

  const listArticles = () => callCore<ArticleSummary[]>(app, 'article:list', {})
  const getArticle = (id: string) => callCore<ArticleWithAnnotations>(app, 'article:get', { id })
  const trashIds = async () =>
    (await callCore<ArticleSummary[]>(app, 'trash:list', {})).map((a) => a.id)
  const library = (page: Page) => page.getByRole('navigation', { name: 'Library' })
  const reader = (page: Page) => page.getByRole('main', { name: 'Article reader' })
  const pane = (page: Page) => page.getByRole('complementary', { name: 'Annotations' })
  const row = (page: Page, id: string): Locator =>
    library(page).locator(`[role="option"][data-article-id="${id}"]`)
  const open = async (page: Page, id: string, title: string | RegExp) => {
    await row(page, id).click()
    await reader(page).getByRole('heading', { level: 1, name: title }).waitFor()
  }
  const hasFocus = (locator: Locator) =>
    locator.evaluate((el) => el === el.ownerDocument.activeElement)

  it('edits the details inline, checks them as typed, marks and restores them, and undoes it', async () => {
    const { page } = app
    await open(page, harbourId, HARBOUR)
    await focusBody(page)
    await page.keyboard.press('e')
    const form = reader(page).getByRole('form', { name: 'Article details' })
    await form.waitFor()
    const title = form.getByLabel('Title')
    await expect.poll(() => hasFocus(title)).toBe(true)
    // Every editable field is there, from the one table of fields.
    for (const label of ['Title', 'Source', 'Byline', 'Published', 'URL', 'Language'])
      await form.getByLabel(label, { exact: true }).waitFor()

    await title.fill(NEW_TITLE)
    await page.keyboard.press('Tab')
    await form.getByLabel('Source').fill('Northsea Dispatch')
    const published = form.getByLabel('Published')
    await published.fill('3 November')
    await form.getByText('Published must be a date like 2024, 2024-03 or 2024-03-18').waitFor()
    expect(await published.getAttribute('aria-invalid')).toBe('true')
    // Enter with a field that cannot be saved goes to that field, and saves nothing.
    await title.press('Enter')
    await expect.poll(() => hasFocus(published)).toBe(true)
    expect((await getArticle(harbourId)).article.title).toBe(HARBOUR)
    await published.fill('2026-11-03')
    await published.press('Enter')
    await form.waitFor({ state: 'detached' })
    await reader(page).getByRole('heading', { level: 1, name: NEW_TITLE }).waitFor()
    // Focus is back on the button that opened the editor.
    await expect
      .poll(() => hasFocus(reader(page).getByRole('button', { name: /^Edit details/ })))
      .toBe(true)
    await expect.poll(() => row(page, harbourId).textContent()).toContain(NEW_TITLE)
    expect(await row(page, harbourId).textContent()).toContain('Northsea Dispatch')
    const saved = (await getArticle(harbourId)).article
    expect(saved).toMatchObject({
      title: NEW_TITLE,
      source: 'Northsea Dispatch',
      publishedAt: '2026-11-03',
    })
    expect([...saved.edited].sort()).toEqual(['publishedAt', 'source', 'title'])
    const header = reader(page).locator('.article-header')
    await expect.poll(() => header.locator('.edited-mark').count()).toBe(3)
    expect(
      await header.locator('.edited-mark[data-field="title"]').getAttribute('title'),
    ).toContain(`Extracted: “${HARBOUR}”`)

    // The mark opens the editor on its field, with the extracted value and the way back to it.
    await header.locator('.edited-mark[data-field="source"]').click()
    await form.waitFor()
    await expect.poll(() => hasFocus(form.getByLabel('Source'))).toBe(true)
    await form.getByText('Extracted: “northsea-dispatch.com”').waitFor()
    await snap(page, 'details-editor')
    await form
      .locator('.details-source')
      .getByRole('button', { name: 'Restore extracted value' })
      .click()
    await expect
      .poll(async () => (await getArticle(harbourId)).article.source)
      .toBe('northsea-dispatch.com')
    await expect.poll(() => form.getByLabel('Source').inputValue()).toBe('northsea-dispatch.com')
    await page.keyboard.press('Escape')
    await form.waitFor({ state: 'detached' })
    await expect.poll(() => row(page, harbourId).textContent()).toContain('northsea-dispatch.com')

    // Undo takes back the restore, then the edit; the list and the header follow.
    await focusBody(page)
    await page.keyboard.press('Control+z')
    await expect.poll(() => row(page, harbourId).textContent()).toContain('Northsea Dispatch')
    await page.keyboard.press('Control+z')
    await reader(page).getByRole('heading', { level: 1, name: HARBOUR }).waitFor()
    await expect.poll(() => row(page, harbourId).textContent()).toContain(HARBOUR)
    const undone = (await getArticle(harbourId)).article
    expect(undone).toMatchObject({ title: HARBOUR, source: 'northsea-dispatch.com', edited: [] })
    expect(await header.locator('.edited-mark').count()).toBe(0)
    expect(app.pageErrors).toEqual([])
  })

  it('moves an article to the trash and back, says which links now point there, and empties the trash', async () => {
    const { page } = app
    // A claim in the nurses article that links to a claim in the flour article.
    const claimIn = async (id: string, quote: string) => {
      const opened = await getArticle(id)
      const text = opened.article.blocks.map((b) => b.text).join('\n\n')
      const start = text.indexOf(quote)
      const created = await callCore<{ id: string }>(app, 'annotation:create', {
        articleId: id,
        start,
        end: start + quote.length,
        kind: 'claim',
        tags: [],
        note: '',
      })
      return created.id
    }
    const flourClaim = await claimIn(flourId, 'Flour could cost up to 12 percent more')
    const nursesClaim = await claimIn(nursesId, 'the real figure was higher')
    await callCore(app, 'claim:link', {
      from: { articleId: nursesId, annotationId: nursesClaim },
      to: { articleId: flourId, annotationId: flourClaim },
      relation: 'supports',
    })
    await app.open()

    // From the reader: the next article in the list opens and the list has focus on it.
    await open(page, flourId, FLOUR)
    await reader(page).getByRole('button', { name: 'Move to trash' }).click()
    const toast = page.getByRole('status').filter({ hasText: 'to the trash' })
    await toast.waitFor()
    expect(await toast.textContent()).toContain(
      `Moved “${FLOUR}” to the trash. 1 link from another article now points to it.`,
    )
    await row(page, flourId).waitFor({ state: 'detached' })
    expect(await trashIds()).toEqual([flourId])
    const openAfter = await currentArticleId(page)
    expect(openAfter).not.toBe(flourId)
    const listbox = library(page).getByRole('listbox', { name: 'Articles' })
    await expect.poll(() => hasFocus(listbox)).toBe(true)
    expect(await listbox.getAttribute('aria-activedescendant')).toBe(
      await row(page, openAfter).getAttribute('id'),
    )
    const trashEntry = library(page).getByRole('button', { name: /^Trash \(\d+\)$/ })
    expect(await trashEntry.textContent()).toContain('Trash (1)')

    // The link from the nurses claim stays, and says where its other end is.
    await open(page, nursesId, NURSES)
    await pane(page).locator(`button.annotation-item[data-annotation-id="${nursesClaim}"]`).click()
    const link = pane(page).getByRole('list', { name: 'Links from this claim' }).locator('li')
    await link.waitFor()
    expect(await link.textContent()).toContain(`${FLOUR} (in trash)`)

    // The trash view: title, when, annotation count; restore puts it back.
    await trashEntry.click()
    const trash = library(page).getByRole('region', { name: 'Trash' })
    await trash.waitFor()
    const item = trash.locator(`.trash-item[data-article-id="${flourId}"]`)
    expect(await item.textContent()).toMatch(/Trashed \d+ \w+.*1 annotation · 1 claim/)
    await item.getByRole('button', { name: `Restore “${FLOUR}”` }).click()
    await expect.poll(trashIds).toEqual([])
    await trash.getByText('The trash is empty.').waitFor()
    await page.keyboard.press('Escape')
    await row(page, flourId).waitFor()

    // From the list with Delete, then the toast's Undo.
    await dismissToasts(page)
    await row(page, flourId).click()
    await reader(page).getByRole('heading', { level: 1, name: FLOUR }).waitFor()
    await expect.poll(() => hasFocus(listbox)).toBe(true)
    await page.keyboard.press('Delete')
    await row(page, flourId).waitFor({ state: 'detached' })
    await expect.poll(trashIds).toEqual([flourId])
    await page
      .getByRole('status')
      .filter({ hasText: 'to the trash' })
      .getByRole('button', { name: 'Undo' })
      .click()
    await row(page, flourId).waitFor()
    await expect.poll(trashIds).toEqual([])
    await reader(page).getByRole('heading', { level: 1, name: FLOUR }).waitFor()

    // Trashed again, and Ctrl+Z brings it back too.
    await reader(page).getByRole('button', { name: 'Move to trash' }).click()
    await expect.poll(trashIds).toEqual([flourId])
    await focusBody(page)
    await page.keyboard.press('Control+z')
    await expect.poll(trashIds).toEqual([])
    await row(page, flourId).waitFor()

    // A junk import joins it in the trash; both go for good.
    const junkFile = join(app.scratchDir, 'cookie-banner.txt')
    await writeFile(junkFile, JUNK)
    await page.getByTestId('import-file-input').setInputFiles(junkFile)
    const junkRow = library(page).locator('[role="option"]', { hasText: 'Cookie settings' })
    await junkRow.click()
    await expect.poll(() => hasFocus(listbox)).toBe(true)
    await page.keyboard.press('Delete')
    await junkRow.waitFor({ state: 'detached' })
    await row(page, flourId).click()
    await reader(page).getByRole('heading', { level: 1, name: FLOUR }).waitFor()
    await page.keyboard.press('Delete')
    await expect.poll(async () => (await trashIds()).length).toBe(2)
    await trashEntry.click()
    await trash.waitFor()
    await snap(page, 'trash')

    await trash.getByRole('button', { name: 'Empty trash…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Empty the trash?' })
    await dialog.waitFor()
    expect(await dialog.textContent()).toContain(
      '2 articles and their 1 annotation (a claim) will be removed for good. This cannot be undone.',
    )
    expect(await hasFocus(dialog.getByRole('button', { name: 'Cancel' }))).toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await trashIds()).toHaveLength(2)
    await expect
      .poll(() => hasFocus(trash.getByRole('button', { name: 'Empty trash…' })))
      .toBe(true)
    await trash.getByRole('button', { name: 'Empty trash…' }).click()
    await dialog.getByRole('button', { name: 'Remove for good' }).click()
    await trash.getByText('The trash is empty.').waitFor()
    expect(await trashIds()).toEqual([])
    const gone = await app.core.dispatch('article:get', { id: flourId }, APP_SENDER)
    expect(gone.ok).toBe(false)
    await expect.poll(() => hasFocus(trash.getByRole('heading', { name: 'Trash' }))).toBe(true)
    await trash.getByRole('button', { name: '← Back to the library' }).click()
    expect(app.pageErrors).toEqual([])
  })

  it('updates an article from a file, carries every annotation across, and works through the review list', async () => {
    const { page } = app
    await open(page, harbourId, HARBOUR)
    const annotate = async (phrase: string) => {
      await focusBody(page)
      expect(await selectPhrase(page, phrase)).toBe(true)
      const before = await reader(page).locator('mark').count()
      await page.keyboard.press('h')
      await expect.poll(() => reader(page).locator('mark').count()).toBeGreaterThan(before)
    }
    for (const phrase of [FIGURE, DELETED, REWORDED, UNTOUCHED]) await annotate(phrase)
    const byQuote = async () => {
      const map = new Map<string, AnchoredAnnotation>()
      for (const a of (await getArticle(harbourId)).annotations) map.set(a.target.quote.exact, a)
      return map
    }
    const made = await byQuote()
    const idOf = (quote: string) => made.get(quote)!.id
    expect(made.size).toBe(4)

    const original = await readFile(join(SAMPLES_DIR, 'harbour-terminal-expansion.txt'), 'utf8')
    const file = join(app.scratchDir, 'harbour-terminal-expansion-updated.txt')
    await writeFile(file, updatedHarbour(original))
    await reader(page).getByTestId('replace-text-input').setInputFiles(file)

    const review = pane(page).getByTestId('review-list')
    await review.waitFor()
    const toast = page.getByRole('status').filter({ hasText: 'Updated to version 2' })
    await toast.waitFor()
    expect(await toast.textContent()).toMatch(/1 in place, \d changed wording, \d orphaned/)
    const after = await getArticle(harbourId)
    expect(after.article.versionCount).toBe(2)
    const status = (quote: string) =>
      after.annotations.find((a) => a.id === idOf(quote))?.anchor.status
    expect(status(FIGURE)).toBe('drifted')
    expect(status(DELETED)).toBe('orphaned')
    expect(status(REWORDED)).not.toBe('anchored')
    expect(status(UNTOUCHED)).toBe('anchored')
    expect(after.annotations).toHaveLength(4)
    await review.getByRole('heading', { name: '3 annotations need a look' }).waitFor()

    // The drifted figure: old and new wording side by side, the figure marked on each side.
    const card = (quote: string) =>
      review.locator(`.review-item[data-annotation-id="${idOf(quote)}"]`)
    const figure = card(FIGURE)
    expect(await figure.getByTestId('wording-before').textContent()).toBe(FIGURE)
    expect(await figure.getByTestId('wording-now').textContent()).toBe(FIGURE.replace('310', '345'))
    expect(await figure.locator('del').allTextContents()).toEqual(['310'])
    expect(await figure.locator('ins').allTextContents()).toEqual(['345'])
    // The orphan: its quote, kept with the way to re-attach or delete it.
    const orphan = card(DELETED)
    expect(await orphan.textContent()).toContain(DELETED)
    await orphan.getByRole('button', { name: 'Re-attach to selection' }).waitFor()
    await snap(page, 'review-list')

    // Accept the new wording: stored, and undoable.
    await figure.getByRole('button', { name: 'Accept new wording' }).click()
    await figure.waitFor({ state: 'detached' })
    await review.getByRole('heading', { name: '2 annotations need a look' }).waitFor()
    let now = await byQuote()
    expect(now.get(FIGURE.replace('310', '345'))?.anchor.status).toBe('anchored')
    await page.keyboard.press('Control+z')
    await figure.waitFor()
    now = await byQuote()
    expect(now.get(FIGURE)?.anchor.status).toBe('drifted')
    await page.keyboard.press('Control+Shift+z')
    await figure.waitFor({ state: 'detached' })

    // Delete the orphan, then take it back with the toast's Undo.
    await orphan.getByRole('button', { name: 'Delete' }).click()
    await orphan.waitFor({ state: 'detached' })
    expect((await getArticle(harbourId)).annotations.some((a) => a.id === idOf(DELETED))).toBe(
      false,
    )
    await page
      .getByRole('status')
      .filter({ hasText: 'Annotation deleted' })
      .getByRole('button', { name: 'Undo' })
      .click()
    await orphan.waitFor()
    expect((await getArticle(harbourId)).annotations.some((a) => a.id === idOf(DELETED))).toBe(true)

    // Re-attach the orphan to a passage chosen in the text.
    await focusBody(page)
    expect(await selectPhrase(page, 'a second dredging contractor had been hired')).toBe(true)
    await orphan.getByRole('button', { name: 'Re-attach to selection' }).click()
    await orphan.waitFor({ state: 'detached' })
    now = await byQuote()
    expect(now.get('a second dredging contractor had been hired')?.id).toBe(idOf(DELETED))
    await page.keyboard.press('Control+z')
    await orphan.waitFor()

    // Back to the list: the summary line still says what needs a look.
    await review.getByRole('button', { name: '← All annotations' }).click()
    const summary = pane(page).getByTestId('review-summary')
    expect(await summary.textContent()).toContain('2 annotations need a look')
    expect(app.pageErrors).toEqual([])
  })

  it('shows the previous version read-only with its changed paragraphs, and undoes the update', async () => {
    const { page } = app
    const picker = reader(page).getByRole('combobox', { name: 'Version of the text' })
    await expect.poll(() => picker.inputValue()).toBe('1')
    expect(await picker.locator('option').allTextContents()).toEqual([
      expect.stringMatching(/^Version 1 of 2 · \d+ \w+ \d{4}, \d\d:\d\d$/),
      'Version 2 of 2 (current)',
    ])
    const article = await getArticle(harbourId)
    const first = await callCore<ArticleVersionView>(app, 'article:version', {
      id: harbourId,
      contentHash: article.article.contentHash,
    })
    await picker.selectOption('0')
    const banner = reader(page).getByTestId('version-banner')
    await banner.waitFor()
    const view = await callCore<ArticleVersionView>(app, 'article:version', {
      id: harbourId,
      contentHash: first.versions[0]!.contentHash,
    })
    expect(view.changed.length).toBeGreaterThan(0)
    expect(await banner.textContent()).toMatch(/^Previous version from .* — read only/)
    expect(await banner.textContent()).toContain(
      `${view.added} paragraph${view.added === 1 ? '' : 's'} added since`,
    )
    const body = reader(page).getByRole('group', { name: 'Text of version 1, read only' })
    await expect.poll(() => body.locator('[data-changed]').count()).toBe(view.changed.length)
    expect(await body.textContent()).toContain('€310 million')
    expect(await reader(page).locator('mark').count()).toBe(0)
    expect(
      await reader(page)
        .getByRole('button', { name: /^Highlight/ })
        .isDisabled(),
    ).toBe(true)
    await body.locator('[data-changed]').first().scrollIntoViewIfNeeded()
    await snap(page, 'previous-version')

    await page.keyboard.press('Escape')
    await banner.waitFor({ state: 'detached' })
    await reader(page).locator('mark').first().waitFor()

    // Undo the update (after the accepted wording): one version again, every passage in place.
    await focusBody(page)
    await page.keyboard.press('Control+z')
    await page.keyboard.press('Control+z')
    await expect.poll(async () => (await getArticle(harbourId)).article.versionCount).toBe(1)
    await picker.waitFor({ state: 'detached' })
    await expect.poll(() => pane(page).getByTestId('review-summary').count()).toBe(0)
    const restored = await getArticle(harbourId)
    expect(restored.annotations.every((a) => a.anchor.status === 'anchored')).toBe(true)
    expect(await reader(page).locator('.article-body').textContent()).toContain('€310 million')
    expect(app.pageErrors).toEqual([])
  })

  it('recognises an imported file as a new version and updates the article on request', async () => {
    const { page } = app
    const original = await readFile(join(SAMPLES_DIR, 'nurse-staffing-shortfall.txt'), 'utf8')
    const updated = original.replace(
      'put the vacancy rate at 14 percent',
      'put the vacancy rate at 16 percent',
    )
    expect(updated).not.toBe(original)
    const file = join(app.scratchDir, 'nurse-staffing-shortfall-later.txt')
    await writeFile(file, updated)
    const before = await getArticle(nursesId)
    const count = before.annotations.length
    expect(count).toBeGreaterThan(0)

    await page.getByTestId('import-file-input').setInputFiles(file)
    const results = library(page).getByRole('region', { name: 'Import results' })
    const choice = results.getByRole('group', {
      name: 'What to do with nurse-staffing-shortfall-later.txt',
    })
    await choice.waitFor()
    expect(await results.textContent()).toContain('1 needs your choice')
    expect(await choice.textContent()).toContain(
      `Looks like a new version of “${NURSES}” (same title and source).`,
    )
    await choice
      .getByRole('button', {
        name: `Update the existing article (keep its ${count === 1 ? 'annotation' : `${count} annotations`})`,
      })
      .click()
    const updatedRow = results.locator('.import-outcome.import-updated')
    await updatedRow.waitFor()
    expect(await updatedRow.textContent()).toContain(`“${NURSES}”: ${count} in place.`)
    expect(await results.textContent()).toContain('1 updated')
    const now = await getArticle(nursesId)
    expect(now.article.versionCount).toBe(2)
    expect(now.annotations).toHaveLength(count)
    expect((await listArticles()).length).toBe(2)
    await updatedRow.getByRole('button', { name: 'Open' }).click()
    await reader(page).getByRole('heading', { level: 1, name: NURSES }).waitFor()
    await reader(page).getByText('16 percent').waitFor()
    expect(app.pageErrors).toEqual([])
    expect(app.externalRequests).toEqual([])
  })
})
