/**
 * Correcting an import that came out wrong, in the real renderer: from the
 * "check this import" banner, read the saved page again with the other
 * extractor (the open dialog stubbed, as in the app it is main's), take it
 * back with the toast's Undo, then paste the story in a dialog driven from
 * the keyboard. Saves `docs/screenshots/import-reextract-*.png`: the banner
 * with its buttons and the paste dialog, at 1440×900 and 1280×720, light and dark.
 * Also what an import keeps of a page's pictures: a caption, shown as one
 * and annotatable like any text (`docs/screenshots/reader-caption-*.png`).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { selectPhrase, startE2E, type E2EHarness } from '../support/e2e-harness'
import { dismissToasts, SCREENSHOTS, snapAllViews } from '../support/e2e-screens'
import { savedNewsPage, SPLIT_PAGE } from '../support/saved-page'

const PASTED = `Harbour budget approved

The council approved the harbour budget on Monday.

After a long debate, councillors voted 12 to 3 for the plan, which sets aside money for dredging and a new quay.

The mayor said the vote was a turning point.`

/** The view as it is, at 1440×900 and 1280×720, light and dark; back to 1440×900 light after. */
async function snap(page: Page, stem: string): Promise<void> {
  await page.mouse.move(0, 0)
  await snapAllViews(page, stem)
}

const hasFocus = (locator: Locator) =>
  locator.evaluate((el) => el === el.ownerDocument.activeElement)

describe('correcting an import that came out wrong', () => {
  let app: E2EHarness
  let pagePath: string
  const reader = (page: Page) => page.getByRole('main', { name: 'Article reader' })
  const banner = (page: Page) => page.getByTestId('import-warning-banner')

  beforeAll(async () => {
    app = await startE2E()
    await mkdir(SCREENSHOTS, { recursive: true })
    pagePath = join(app.scratchDir, 'harbour-budget.html')
    await writeFile(pagePath, SPLIT_PAGE)
    const { page } = app
    await page.getByTestId('import-file-input').setInputFiles([pagePath])
    const row = page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('option', { name: /Harbour budget approved/ })
    await row.getByTestId('import-warning-badge').waitFor()
    await page.getByRole('button', { name: 'Dismiss import results' }).click()
    await row.click()
    await banner(page).waitFor()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('reads the page again with Defuddle from the banner, from the keyboard, and Undo takes it back', async () => {
    const { page } = app
    const right = banner(page).getByRole('button', { name: 'The text is right' })
    const tryOther = banner(page).getByRole('button', { name: 'Try Defuddle…' })
    await banner(page).getByRole('button', { name: 'Paste the text…' }).waitFor()
    await dismissToasts(page)
    await snap(page, 'import-reextract-banner')
    // A cancelled open dialog changes nothing and says nothing.
    app.answers.pickPaths = null
    await right.focus()
    await page.keyboard.press('Tab')
    expect(await hasFocus(tryOther)).toBe(true)
    await page.keyboard.press('Enter')
    await expect.poll(() => app.core.store.listArticles()[0]?.versionCount).toBe(1)
    expect(await page.getByRole('alert').count()).toBe(0)
    // The saved page chosen: Defuddle's text is the new version.
    app.answers.pickPaths = [pagePath]
    await page.keyboard.press('Enter')
    const toast = page.getByRole('status').filter({ hasText: 'Defuddle read the page.' })
    await toast.waitFor()
    expect(await toast.textContent()).toContain('Updated to version 2')
    await reader(page).getByText('Other headline one.').waitFor()
    // Defuddle's text is long enough: no longer flagged; the actions offer Readability now.
    await banner(page).waitFor({ state: 'detached' })
    await reader(page).getByRole('button', { name: 'Try Readability…' }).waitFor()
    await toast.getByRole('button', { name: 'Undo' }).click()
    await reader(page).getByText('Other headline one.').waitFor({ state: 'detached' })
    await banner(page).waitFor()
    expect(app.core.store.listArticles()[0]?.versionCount).toBe(1)
    expect(app.pageErrors).toEqual([])
  })

  it('pastes the story in a dialog: Escape cancels, an empty text is refused, Ctrl+Enter saves', async () => {
    const { page } = app
    await dismissToasts(page)
    const paste = banner(page).getByRole('button', { name: 'Paste the text…' })
    await paste.click()
    const dialog = page.getByRole('dialog', { name: 'Paste the text' })
    await dialog.waitFor()
    const area = dialog.getByRole('textbox', { name: "The article's text" })
    expect(await hasFocus(area)).toBe(true)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await hasFocus(paste)).toBe(true)
    await page.keyboard.press('Enter')
    await dialog.waitFor()
    await page.keyboard.press('Control+Enter')
    await dialog
      .getByRole('alert')
      .filter({ hasText: 'Paste the text of the story first.' })
      .waitFor()
    expect(await area.getAttribute('aria-invalid')).toBe('true')
    await area.fill(PASTED)
    expect(await dialog.getByRole('alert').count()).toBe(0)
    await snap(page, 'import-reextract-paste-dialog')
    await area.focus()
    await page.keyboard.press('Control+Enter')
    await dialog.waitFor({ state: 'hidden' })
    const toast = page
      .getByRole('status')
      .filter({ hasText: 'The pasted text is the new version.' })
    await toast.waitFor()
    await reader(page).getByText('and a new quay').waitFor()
    await toast.getByRole('button', { name: 'Undo' }).waitFor()
    // A pasted story is no extractor's: the actions offer pasting again, not another extractor.
    await banner(page).waitFor({ state: 'detached' })
    await reader(page).getByRole('button', { name: 'Paste the text…' }).waitFor()
    expect(await reader(page).getByRole('button', { name: /^Try / }).count()).toBe(0)
    expect(app.pageErrors).toEqual([])
  })

  it('offers the other extractor for any web page from the article actions, and says when it finds the same text', async () => {
    const { page } = app
    const plain = join(app.scratchDir, 'port-figures-1.html')
    await writeFile(plain, savedNewsPage(1, 8))
    await page.getByTestId('import-file-input').setInputFiles([plain])
    const row = page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('option', { name: /Port figures, part 1/ })
    await row.waitFor()
    await page.getByRole('button', { name: 'Dismiss import results' }).click()
    await row.click()
    await reader(page)
      .getByRole('heading', { level: 1, name: /Port figures, part 1/ })
      .waitFor()
    expect(await banner(page).count()).toBe(0)
    app.answers.pickPaths = [plain]
    await reader(page).getByRole('button', { name: 'Try Defuddle…' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: 'Defuddle found the same text; nothing changed.' })
      .waitFor()
    expect(await page.getByRole('alert').count()).toBe(0)
    expect(app.pageErrors).toEqual([])
    expect(app.externalRequests).toEqual([])
  })

  it('shows a picture caption as a caption, and highlights in it like in any paragraph', async () => {
    const { page } = app
    const path = join(app.scratchDir, 'port-figures-3.html')
    const figure =
      '<figure><img src="quay.jpg" alt=""><figcaption>The new quay at dawn on Monday. ' +
      '<span class="credit">Photo: Anna Berg/Reuters</span></figcaption></figure>'
    await writeFile(
      path,
      savedNewsPage(3, 8).replace('<p>Paragraph 2 of story', `${figure}<p>Paragraph 2 of story`),
    )
    await page.getByTestId('import-file-input').setInputFiles([path])
    const row = page
      .getByRole('navigation', { name: 'Library' })
      .getByRole('option', { name: /Port figures, part 3/ })
    await row.waitFor()
    await page.getByRole('button', { name: 'Dismiss import results' }).click()
    await row.click()
    const caption = reader(page).locator('[data-article-body] p.block-caption')
    await caption.waitFor()
    expect(await caption.textContent()).toBe('The new quay at dawn on Monday.')
    const style = await caption.evaluate(
      (el) => el.ownerDocument.defaultView?.getComputedStyle(el).fontStyle,
    )
    expect(style).toBe('italic')
    // In place: after the story's second paragraph, before its third.
    const previous = await caption.evaluate((el) => el.previousElementSibling?.textContent ?? '')
    expect(previous).toMatch(/^Paragraph 1 of story 3/)
    expect(await selectPhrase(page, 'new quay at dawn')).toBe(true)
    await page.keyboard.press('h')
    await caption.locator('mark[data-annotation-id]').waitFor()
    expect(await caption.locator('mark[data-annotation-id]').allTextContents()).toEqual([
      'new quay at dawn',
    ])
    await dismissToasts(page)
    await caption.scrollIntoViewIfNeeded()
    await snap(page, 'reader-caption')
    expect(app.pageErrors).toEqual([])
    expect(app.externalRequests).toEqual([])
  })
})
