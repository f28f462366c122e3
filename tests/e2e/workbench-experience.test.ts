/**
 * The workbench experience: first run, resizable panes, themes, drafts, paste.
 *
 * Drives the built renderer in headless Chromium against a real app core
 * (see tests/support/e2e-harness.ts). Saves `docs/screenshots/light.png`
 * and `docs/screenshots/dark.png`.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleSummary, ArticleWithAnnotations } from '../../src/shared/ipc/contract'
import {
  callCore,
  focusBody,
  REPO_ROOT,
  selectPhrase,
  startE2E,
  type E2EHarness,
} from '../support/e2e-harness'

const ARTICLE_A = 'Veskari Port Says Container Terminal Expansion Remains on Schedule'
const CLAIM_A =
  'The second phase of the container terminal at the Port of Veskari will open in the spring as planned'
const HIGHLIGHT_A = 'the authority had already signed a replacement contractor'
const DRAFT = 'Draft typed just before switching'
const PASTED_TITLE = 'Ferry Operator Adds Winter Crossings'
const PASTED_TEXT = `${PASTED_TITLE}\n\nThe ferry operator said on Monday it will add two winter crossings between the islands.\n`
const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots')

/** An article in the library list, whatever element the list draws it as. */
function articleItem(page: Page, title: RegExp): Locator {
  return page
    .getByRole('navigation', { name: 'Library' })
    .locator('[data-article-id]', { hasText: title })
}

/** The id of the article open in the reader. */
async function openArticleId(page: Page): Promise<string> {
  const id = await page
    .getByRole('navigation', { name: 'Library' })
    .locator('[data-article-id][aria-current="true"]')
    .getAttribute('data-article-id')
  if (!id) throw new Error('No article is open')
  return id
}

describe('workbench experience', () => {
  let app: E2EHarness

  beforeAll(async () => {
    app = await startE2E()
    await mkdir(SCREENSHOTS, { recursive: true })
  })

  afterAll(async () => {
    await app?.close()
  })

  const getArticle = (id: string) => callCore<ArticleWithAnnotations>(app, 'article:get', { id })
  const libraryWidth = async () => (await app.page.locator('#library').boundingBox())?.width ?? 0

  it('welcomes a first run, opens the samples, and shows margin markers', async () => {
    const { page } = app
    const reader = page.getByRole('main', { name: 'Article reader' })
    const firstRun = reader.getByTestId('first-run')
    await firstRun.waitFor()
    expect(await firstRun.textContent()).toContain('Welcome to Analyst Workbench')
    expect(await reader.getByRole('button', { name: 'Import articles…' }).isEnabled()).toBe(true)
    await reader.getByRole('button', { name: 'Open the sample library' }).click()

    await articleItem(page, /Veskari Port/).click()
    await reader.getByRole('heading', { level: 1, name: ARTICLE_A }).waitFor()

    await focusBody(page)
    expect(await selectPhrase(page, CLAIM_A)).toBe(true)
    await page.keyboard.press('c')
    await reader.locator('mark[data-kind="claim"]').first().waitFor()
    await focusBody(page)
    expect(await selectPhrase(page, HIGHLIGHT_A)).toBe(true)
    await page.keyboard.press('h')
    await reader.locator('mark[data-kind="highlight"]').first().waitFor()

    // One margin marker per annotation, shaped by kind, in the margin left of the text.
    expect(await reader.locator('.margin-marker-claim').count()).toBe(1)
    expect(await reader.locator('.margin-marker-highlight').count()).toBe(1)
    const marker = await reader.locator('.margin-marker-claim').boundingBox()
    const body = await reader.locator('[data-article-body]').boundingBox()
    expect(marker && body && marker.x + marker.width <= body.x).toBe(true)

    // The status bar says the work is saved.
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved')

    await focusBody(page)
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(SCREENSHOTS, 'light.png') })
    expect(app.pageErrors).toEqual([])
  })

  it('resizes the reading text, by button and by keyboard, and remembers it', async () => {
    const { page } = app
    const article = page.locator('article.article')
    expect(await article.getAttribute('data-font-size')).toBe('17')
    await focusBody(page)
    await page.keyboard.press('Control+=')
    await expect.poll(() => article.getAttribute('data-font-size')).toBe('18')
    await page.getByRole('button', { name: 'Larger text' }).click()
    await expect.poll(() => article.getAttribute('data-font-size')).toBe('20')
    await focusBody(page)
    await page.keyboard.press('Control+-')
    await page.getByRole('button', { name: 'Smaller text' }).click()
    await expect.poll(() => article.getAttribute('data-font-size')).toBe('17')
    await page.keyboard.press('Control+=')
    await app.open()
    await articleItem(page, /Veskari/).click()
    await expect
      .poll(() => page.locator('article.article').getAttribute('data-font-size'))
      .toBe('18')
    await page.getByRole('button', { name: 'Smaller text' }).click()
  })

  it('collapses the library by keyboard and resizes it with its handle', async () => {
    const { page } = app
    const toggle = page.getByRole('button', { name: /^(Show|Hide) library$/ })
    expect(await libraryWidth()).toBeGreaterThan(150)
    await focusBody(page)
    await page.keyboard.press('Control+b')
    await expect.poll(libraryWidth).toBeLessThan(1)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await toggle.getAttribute('aria-label')).toBe('Show library')
    // Hidden, the library takes no focus.
    expect(await page.locator('#library[inert]').count()).toBe(1)
    await page.keyboard.press('Control+b')
    await expect.poll(libraryWidth).toBeGreaterThan(150)
    expect(await toggle.getAttribute('aria-label')).toBe('Hide library')
    expect(await page.locator('#library[inert]').count()).toBe(0)

    // The handle is a focusable separator that arrow keys move; the width is remembered.
    const handle = page.getByRole('separator', { name: 'Resize library' })
    expect(await handle.getAttribute('tabindex')).toBe('0')
    const before = await libraryWidth()
    await handle.focus()
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight')
    await expect.poll(libraryWidth).toBeGreaterThan(before + 20)
    const after = await libraryWidth()
    await page.getByRole('separator', { name: 'Resize annotation pane' }).waitFor()
    await app.open()
    await page.getByRole('navigation', { name: 'Library' }).waitFor()
    await expect.poll(async () => Math.abs((await libraryWidth()) - after)).toBeLessThan(3)
    const restored = page.getByRole('separator', { name: 'Resize library' })
    await restored.focus()
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowLeft')
    await expect.poll(async () => Math.abs((await libraryWidth()) - before)).toBeLessThan(10)
  })

  it('follows the OS dark scheme, and a manual choice overrides it', async () => {
    const { page } = app
    const theme = () => page.locator('html').getAttribute('data-theme')
    const background = () =>
      page
        .locator('body')
        .evaluate((el) => el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor)
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(theme).toBe('dark')
    expect(await background()).toBe('rgb(15, 18, 22)')

    const select = page.getByRole('combobox', { name: 'Theme' })
    await select.selectOption('light')
    await expect.poll(theme).toBe('light')
    await app.open()
    await expect.poll(theme).toBe('light')

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark')
    await page.emulateMedia({ colorScheme: 'light' })
    await expect.poll(theme).toBe('dark')

    await articleItem(page, /Veskari Port/).click()
    const reader = page.getByRole('main', { name: 'Article reader' })
    await reader.locator('mark[data-kind="highlight"]').first().waitFor()
    await reader.locator('mark[data-kind="highlight"]').first().click()
    await page.locator('.note-editor .monaco-editor').waitFor()
    await focusBody(page)
    await page.mouse.move(0, 0)
    await page.screenshot({ path: join(SCREENSHOTS, 'dark.png') })

    await page.getByRole('combobox', { name: 'Theme' }).selectOption('system')
    await expect.poll(theme).toBe('light')
    expect(app.pageErrors).toEqual([])
  })

  it('saves a note typed just before switching article', async () => {
    const { page } = app
    const reader = page.getByRole('main', { name: 'Article reader' })
    await articleItem(page, /Veskari Port/).click()
    await reader.getByRole('heading', { level: 1, name: ARTICLE_A }).waitFor()
    const articleA = await openArticleId(page)
    await reader.locator('mark[data-kind="highlight"]').first().click()
    const pane = page.getByRole('complementary', { name: 'Annotations' })
    const highlightId = await pane
      .locator('button.annotation-item[aria-current="true"]')
      .getAttribute('data-annotation-id')
    await pane.locator('.note-editor .monaco-editor .view-lines').click()
    await page.keyboard.type(DRAFT)
    // No pause for the autosave: open another article at once.
    await articleItem(page, /Nursing Posts/).click()
    await expect
      .poll(
        async () =>
          (await getArticle(articleA)).annotations.find((a) => a.id === highlightId)?.note,
      )
      .toBe(DRAFT)
    await expect.poll(() => page.getByTestId('save-state').textContent()).toBe('Saved')
  })

  it('pastes the clipboard as a new article, and explains a refused clipboard', async () => {
    const { page, context } = app
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.baseUrl })
    await page.evaluate((text) => navigator.clipboard.writeText(text), PASTED_TEXT)
    await focusBody(page)
    await page.keyboard.press('Control+Shift+V')
    await articleItem(page, new RegExp(PASTED_TITLE)).waitFor()
    await expect
      .poll(() => page.getByRole('region', { name: 'Import results' }).textContent())
      .toContain('1 imported')
    const articles = await callCore<readonly ArticleSummary[]>(app, 'article:list', {})
    expect(articles.some((a) => a.title === PASTED_TITLE)).toBe(true)

    await context.clearPermissions()
    await focusBody(page)
    await page.keyboard.press('Control+Shift+V')
    const toasts = page.getByRole('region', { name: 'Notifications' })
    await expect.poll(() => toasts.textContent()).toContain('The clipboard could not be read')
    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
