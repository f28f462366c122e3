/**
 * Importing many saved pages never freezes the window, and Cancel keeps what was read.
 *
 * Fifty saved news pages (long, with site chrome, as browsers save them)
 * are chosen at once. While they are parsed (in the import worker, as in
 * the app) the analyst opens articles and the window follows each click;
 * then Cancel stops the import: the pages read so far are in the library,
 * the rest are listed as cancelled. A page whose story the extractor could
 * not find is imported with a "check this import" mark. Saves
 * `docs/screenshots/import-progress.png` (the progress with Cancel) and
 * `import-flagged(-dark).png`.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, startE2E, type E2EHarness } from '../support/e2e-harness'
import { SAMPLES_DIR } from '../support/core'
import { savedNewsPage } from '../support/saved-page'

const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots')
const PAGES = 50

describe('importing many saved pages', () => {
  let app: E2EHarness

  beforeAll(async () => {
    app = await startE2E({ viewport: { width: 1280, height: 720 } })
  })
  afterAll(async () => {
    await app?.close()
  })

  it('keeps the window answering while pages are parsed, and Cancel keeps what was read', async () => {
    const { page } = app
    await page
      .getByTestId('import-file-input')
      .setInputFiles(
        [
          'flour-prices-warning.txt',
          'nurse-staffing-shortfall.txt',
          'harbour-terminal-expansion.txt',
        ].map((name) => join(SAMPLES_DIR, name)),
      )
    const library = page.getByRole('navigation', { name: 'Library' })
    await library.getByRole('option', { name: /Millers Warn Flour Prices/ }).waitFor()
    await page.getByRole('button', { name: 'Dismiss import results' }).click()

    const paths: string[] = []
    for (let n = 0; n < PAGES; n++) {
      const path = join(app.scratchDir, `port-figures-${n}.html`)
      // Long enough that the import is still running after three clicks, however fast parsing gets.
      await writeFile(path, savedNewsPage(n, 1500))
      paths.push(path)
    }
    await page.getByTestId('import-file-input').setInputFiles(paths)
    const progress = page.getByRole('region', { name: 'Import progress' })
    await expect.poll(() => progress.textContent(), { timeout: 30_000 }).toMatch(/\(1 of 50\)/)

    // The window follows each click while the import goes on.
    for (const title of [
      /Millers Warn Flour Prices/,
      /Shortfall of 2,300 Nursing Posts/,
      /Veskari/,
    ]) {
      await library.getByRole('option', { name: title }).click()
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
    }
    expect(await progress.isVisible()).toBe(true)
    await page.screenshot({ path: join(SCREENSHOTS, 'import-progress.png') })

    await progress.getByRole('button', { name: 'Cancel' }).click()
    const results = page.getByRole('region', { name: 'Import results' })
    await results.waitFor()
    const summary = (await results.locator('.import-status-line').textContent()) ?? ''
    const imported = Number(/(\d+) imported/.exec(summary)?.[1] ?? 0)
    const cancelled = Number(/(\d+) not imported \(cancelled\)/.exec(summary)?.[1] ?? 0)
    expect(imported).toBeGreaterThanOrEqual(1)
    expect(cancelled).toBeGreaterThanOrEqual(1)
    expect(imported + cancelled).toBe(PAGES)
    expect(await results.locator('.import-cancelled').count()).toBe(cancelled)
    // What was read is in the library, under the page's own title. The list is virtualised and
    // newest first, so with many pages read the first one is found sorted by title.
    const sort = page.getByRole('navigation', { name: 'Library' }).getByLabel('Sort')
    await sort.selectOption({ label: 'Title (A–Z)' })
    await library.getByRole('option', { name: /Port figures, part 0/ }).waitFor()
    await sort.selectOption({ label: 'Recently imported' })
    expect(app.pageErrors).toEqual([])
    expect(app.externalRequests).toEqual([])
  }, 120_000)

  it('marks an import whose story was lost, in the list and above the text', async () => {
    const { page } = app
    await page.setViewportSize({ width: 1440, height: 900 })
    const wall = join(app.scratchDir, 'subscribers-only.html')
    await writeFile(
      wall,
      `<!doctype html><html><head><title>Council approves harbour budget | Harbour Gazette</title>
<script>${'var tracking = 1;\n'.repeat(3000)}</script></head>
<body><main><p>Sign in to read this story.</p><p>Subscribe for full access to the Gazette.</p></main></body></html>`,
    )
    await page.getByTestId('import-file-input').setInputFiles([wall])
    const results = page.getByRole('region', { name: 'Import results' })
    await expect.poll(() => results.textContent()).toContain('Check this import: Only')
    const library = page.getByRole('navigation', { name: 'Library' })
    const row = library.getByRole('option', { name: /Council approves harbour budget/ })
    await row.getByTestId('import-warning-badge').waitFor()
    await row.click()
    const banner = page.getByTestId('import-warning-banner')
    await banner.waitFor()
    expect(await banner.textContent()).toMatch(/words were found in a page of \d+ KB/)
    await page.screenshot({ path: join(SCREENSHOTS, 'import-flagged.png') })
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.screenshot({ path: join(SCREENSHOTS, 'import-flagged-dark.png') })
    await page.emulateMedia({ colorScheme: 'light' })
    // The analyst reads it and finds the text right after all: the mark goes.
    await banner.getByRole('button', { name: 'The text is right' }).click()
    await banner.waitFor({ state: 'detached' })
    await row.getByTestId('import-warning-badge').waitFor({ state: 'detached' })
    expect(app.pageErrors).toEqual([])
  })
})
