/**
 * A damaged library in the window: nothing hidden, every repair one click away.
 *
 * The library is damaged before the window opens: library.json truncated
 * (rebuilt, with a notice), one article's annotation file truncated (the
 * article is marked, its annotations are not shown as "none", and the newest
 * backup is offered), one article's text deleted (its annotations are listed,
 * with the advice to import the text again). Saves
 * `docs/screenshots/damaged-article.png` (light, 1440×900) and
 * `docs/screenshots/damaged-article-dark.png` (dark, 1280×720).
 */
import { mkdir, readdir, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleWithAnnotations } from '../../src/shared/ipc/contract'
import { takeSnapshot } from '../../src/main/store/snapshots'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { openTestCore, textFile } from '../support/core'
import { callCore, REPO_ROOT, startE2E, type E2EHarness } from '../support/e2e-harness'

const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots')

const ARTICLES = [
  [
    'harbour.txt',
    'Harbour Master Reports Forty Ships Waiting\n\nForty ships waited outside the port on Monday, the harbour master said.\n\nThe delays were caused by a strike of the pilots, according to the union.',
  ],
  [
    'grain.txt',
    'Ministry Confirms Grain Corridor Talks\n\nOfficials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.',
  ],
  [
    'cars.txt',
    'Automaker Halts Assembly\n\nBMW will stop assembling cars at the Avtotor plant, said Ilya Baryshev, the automaker’s representative in Russia.',
  ],
] as const

describe('a damaged library in the window', () => {
  let app: E2EHarness
  let libraryDir: string
  const ids: string[] = []

  beforeAll(async () => {
    libraryDir = join(await makeTempDir('workbench-damaged-'), 'library')
    const core = await openTestCore(libraryDir)
    const report = await core.value('import:files', {
      files: ARTICLES.map(([name, text]) => textFile(name, text)),
    })
    for (const outcome of report.outcomes) if (outcome.status === 'imported') ids.push(outcome.id)
    for (const [i, quote] of [
      [0, 'Forty ships waited outside the port'],
      [0, 'a strike of the pilots'],
      [0, 'the harbour master said'],
      [1, 'talks on the grain corridor will resume'],
    ] as const) {
      const opened = await core.value('article:get', { id: ids[i]! })
      const text = opened.article.blocks.map((b) => b.text).join('\n\n')
      const start = text.indexOf(quote)
      await core.value('annotation:create', {
        articleId: ids[i]!,
        start,
        end: start + quote.length,
        kind: i === 1 ? 'claim' : 'highlight',
        tags: ['topic/shipping'],
        note: `Checked: ${quote}`,
      })
    }
    await core.close()
    // A snapshot taken during the session, as after hours of work.
    await takeSnapshot(libraryDir, { now: new Date(), withTime: true })
    await truncate(join(libraryDir, 'annotations', `${ids[0]}.json`), 64)
    const body = (await readdir(join(libraryDir, 'bodies'))).find((b) =>
      ids[1]!.endsWith(b.slice(0, 16)),
    )
    await rm(join(libraryDir, 'bodies', body!))
    await writeFile(join(libraryDir, 'library.json'), '{"schemaVersion":3,"articles":[{"id":"art-')
    app = await startE2E({ libraryDir })
    await mkdir(SCREENSHOTS, { recursive: true })
  })

  afterAll(async () => {
    await app?.close()
    if (libraryDir) await removeDir(join(libraryDir, '..'))
  })

  const library = (page: Page) => page.getByRole('navigation', { name: 'Library' })
  const reader = (page: Page) => page.getByRole('main', { name: 'Article reader' })

  it('says the index was rebuilt, and marks the damaged articles in the list', async () => {
    const { page } = app
    const notices = page.getByRole('region', { name: 'Library notices' })
    await notices.waitFor()
    expect(await notices.textContent()).toMatch(
      /The index was rebuilt from the article files: 3 article\(s\).*every annotation was kept/,
    )
    const badges = library(page).getByTestId('damaged-badge')
    await expect.poll(() => badges.count()).toBe(2)
    expect(
      await library(page)
        .locator('[data-article-id]:has([data-testid="damaged-badge"])')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id')).sort()),
    ).toEqual([ids[0], ids[1]].sort())
  })

  it('shows a damaged annotation file as damaged, offers its backup and restores it', async () => {
    const { page } = app
    await library(page)
      .getByRole('option', { name: /Harbour Master Reports/ })
      .click()
    const banner = reader(page).getByRole('alert')
    await banner
      .getByRole('heading', { name: 'This article’s annotation file is damaged' })
      .waitFor()
    const restore = banner.getByRole('button', {
      name: /^Restore the backup of .* \(3 annotations\)$/,
    })
    await restore.waitFor()
    expect(
      await reader(page)
        .getByRole('button', { name: /^Highlight/ })
        .isDisabled(),
    ).toBe(true)
    await page.screenshot({ path: join(SCREENSHOTS, 'damaged-article.png') })
    await page.setViewportSize({ width: 1280, height: 720 })
    await page.emulateMedia({ colorScheme: 'dark' })
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark')
    await page.screenshot({ path: join(SCREENSHOTS, 'damaged-article-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1440, height: 900 })

    await restore.click()
    await banner.waitFor({ state: 'detached' })
    await reader(page).locator('mark').first().waitFor()
    const opened = await callCore<ArticleWithAnnotations>(app, 'article:get', { id: ids[0] })
    expect(opened.damage).toBeNull()
    expect(opened.annotations.map((a) => a.note).sort()).toEqual([
      'Checked: Forty ships waited outside the port',
      'Checked: a strike of the pilots',
      'Checked: the harbour master said',
    ])
    await expect.poll(() => library(page).getByTestId('damaged-badge').count()).toBe(1)
  })

  it('lists the annotations of an article whose text is missing, with the advice', async () => {
    const { page } = app
    await library(page)
      .getByRole('option', { name: /Ministry Confirms Grain/ })
      .click()
    const banner = reader(page).getByRole('alert')
    const opened = await callCore<ArticleWithAnnotations>(app, 'article:get', { id: ids[1] })
    expect(opened.damage).toMatchObject({ part: 'text' })
    await banner.getByRole('heading', { name: 'This article’s text cannot be read' }).waitFor()
    expect(await banner.textContent()).toMatch(
      /Its 1 annotation is kept .*Import the same article file again/,
    )
    await banner.getByRole('button', { name: 'Import the article file…' }).waitFor()
    // Listed as an orphan, with its quote, waiting for its text to come back.
    await page.getByText('talks on the grain corridor will resume').first().waitFor()
  })

  it('finds damaged articles with is:damaged, and the export names what it leaves out', async () => {
    const { page } = app
    const box = library(page).getByRole('searchbox', { name: 'Search the library' })
    await box.fill('is:damaged')
    const results = library(page).getByRole('region', { name: 'Search results' })
    await results.locator('.search-group', { hasText: 'Ministry Confirms Grain' }).waitFor()
    expect(await results.locator('.search-group').count()).toBe(1)
    await box.fill('')

    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export briefing' })
    await dialog.waitFor()
    await dialog.getByRole('radio', { name: /All articles in the library/ }).check()
    const skipped = dialog.getByRole('alert', { name: 'Articles left out' })
    await skipped.waitFor()
    expect(await skipped.textContent()).toMatch(
      /1 article cannot be read and will be left out of this export:.*Ministry Confirms Grain Corridor Talks/,
    )
    await page.keyboard.press('Escape')
    expect(app.pageErrors).toEqual([])
    expect(app.externalRequests).toEqual([])
  })
})
