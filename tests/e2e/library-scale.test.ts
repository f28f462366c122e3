/**
 * The library list with 10,000 articles, end to end.
 *
 * The library is written straight through the store (not the UI, which
 * would take minutes), then the built renderer is driven in headless
 * Chromium: the list keeps only a window of rows in the DOM, End and the
 * mouse wheel both reach the last article, a status chip and a sort change
 * narrow and reorder the list with the count to match, and an article is
 * opened from the filtered list with the keyboard. No timing assertions:
 * "quickly" is the benchmark's business; here it is the harness's timeout.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { IndexEntry } from '../../src/main/store/files'
import { LibraryStore } from '../../src/main/store/library-store'
import { ARTICLE_STATUSES } from '../../src/shared/domain/article'
import { REPO_ROOT, startE2E, type E2EHarness } from '../support/e2e-harness'
import { testEntry } from '../support/index-entry'
import { makeTempDir, removeDir } from '../support/temp-dir'

const COUNT = 10_000
const BATCH = 500
const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots')
const TOPICS = ['harbour dredging', 'grain prices', 'clinic staffing', 'bus fares', 'water rates']
const START = Date.parse('2026-01-01T00:00:00.000Z')

/** "Report 00042 on bus fares": zero-padded, so title order is number order. */
function titleOf(n: number): string {
  return `Report ${String(n).padStart(5, '0')} on ${TOPICS[n % TOPICS.length]}`
}

/** Imported one minute apart, so the newest import is the highest number. */
function entryOf(n: number): IndexEntry {
  return testEntry(
    {
      id: `scale-${n}`,
      title: titleOf(n),
      source: `source-${n % 7}.example`,
      publishedAt: n % 2 === 0 ? new Date(START + n * 3_600_000).toISOString() : null,
      fileName: `${n}.txt`,
      importedAt: new Date(START + n * 60_000).toISOString(),
      contentHash: `scale-hash-${n}`,
      wordCount: 9,
    },
    {
      status: ARTICLE_STATUSES[n % 3] ?? 'unread',
      tags: n % 10 === 0 ? ['economy'] : [],
      annotationCount: n % 17,
      claimCount: n % 5,
    },
  )
}

async function buildLibrary(dir: string): Promise<void> {
  const store = await LibraryStore.open({ dir })
  for (let from = 0; from < COUNT; from += BATCH) {
    await store.addArticles(
      Array.from({ length: Math.min(BATCH, COUNT - from) }, (_, i) => {
        const n = from + i
        return {
          entry: entryOf(n),
          blocks: [{ type: 'paragraph' as const, text: `Body of ${titleOf(n)}.` }],
        }
      }),
    )
  }
  await store.close()
}

describe('a library of 10,000 articles', () => {
  let app: E2EHarness
  let libraryDir: string

  beforeAll(async () => {
    libraryDir = await makeTempDir('workbench-scale-')
    await buildLibrary(libraryDir)
    app = await startE2E({ libraryDir })
  })

  afterAll(async () => {
    await app?.close()
    if (libraryDir) await removeDir(libraryDir)
  })

  it('scrolls, filters, sorts and opens through a virtualised list', async () => {
    const { page } = app
    const library = page.getByRole('navigation', { name: 'Library' })
    const list = library.getByRole('listbox', { name: 'Articles' })
    const rows = list.getByRole('option')
    const count = library.locator('.pane-count')
    const reader = page.getByRole('main', { name: 'Article reader' })
    const option = (n: number) => list.getByRole('option', { name: new RegExp(titleOf(n)) })

    // Newest import first; only a window of rows is in the DOM.
    await option(COUNT - 1).waitFor()
    expect(await count.textContent()).toBe('10,000 articles')
    expect(await rows.count()).toBeLessThan(100)
    expect(await rows.first().getAttribute('aria-setsize')).toBe(String(COUNT))
    // Status in words, the date (published, else imported) and the counts.
    const first = await rows.first().textContent()
    expect(first).toContain('Unread') // 9999 % 3 === 0
    expect(first).toContain('imported')
    expect(first).toContain(`${(COUNT - 1) % 17} annotations`)

    // End: the active row is the last article, scrolled into view.
    await list.focus()
    await page.keyboard.press('End')
    await option(0).waitFor()
    expect(await option(0).getAttribute('aria-selected')).toBe('true')
    expect(await list.getAttribute('aria-activedescendant')).toBe(
      await option(0).getAttribute('id'),
    )
    expect(await rows.count()).toBeLessThan(100)

    // Home, then the arrows and PageDown move the active row.
    await page.keyboard.press('Home')
    await option(COUNT - 1).waitFor()
    await page.keyboard.press('ArrowDown')
    expect(await option(COUNT - 2).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('PageDown')
    const afterPage = await list.getAttribute('aria-activedescendant')
    expect(Number(afterPage?.replace(/\D/gu, ''))).toBeGreaterThan(2)
    await page.keyboard.press('Home')
    await option(COUNT - 1).waitFor()
    expect(await option(0).count()).toBe(0)

    // The mouse wheel reaches the bottom too.
    const box = await list.boundingBox()
    if (!box) throw new Error('The list has no box')
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    // Each turn waits for the list's scroll event after the wheel, not for a time.
    type Scroller = {
      scrollTop: number
      clientHeight: number
      scrollHeight: number
      addEventListener(type: string, listener: () => void, options: { once: boolean }): void
      __scrolled?: Promise<void>
    }
    const atBottom = () =>
      list.evaluate((el) => {
        const s = el as unknown as Scroller
        return s.scrollTop + s.clientHeight >= s.scrollHeight - 1
      })
    for (let i = 0; i < 40 && !(await atBottom()); i++) {
      await list.evaluate((el) => {
        const s = el as unknown as Scroller
        s.__scrolled = new Promise((resolve) => {
          s.addEventListener('scroll', () => resolve(), { once: true })
        })
      })
      await page.mouse.wheel(0, 50_000)
      await list.evaluate((el) => (el as unknown as Scroller).__scrolled)
    }
    await option(0).waitFor()
    expect(await rows.count()).toBeLessThan(100)

    // A status chip and a sort change: the done articles by title.
    await library.getByRole('button', { name: 'Done', exact: true }).click()
    await expect.poll(() => count.textContent()).toBe('3,333 of 10,000')
    await library.getByRole('combobox', { name: 'Sort' }).selectOption('title')
    await expect
      .poll(async () => (await rows.allTextContents()).slice(0, 3).map((t) => t.slice(0, 12)))
      .toEqual(['Report 00002', 'Report 00005', 'Report 00008'])
    for (const text of (await rows.allTextContents()).slice(0, 5)) expect(text).toContain('Done')
    // Combined with a tag chip: done and tagged economy (n % 30 === 20).
    await library.getByRole('button', { name: '#economy' }).click()
    await expect.poll(() => count.textContent()).toBe('333 of 10,000')
    await expect
      .poll(async () => (await rows.first().textContent())?.slice(0, 12))
      .toBe('Report 00020')
    await library.getByRole('button', { name: '#economy' }).click()
    await expect.poll(() => count.textContent()).toBe('3,333 of 10,000')

    // Focus makes the first row active; Enter opens it, then the next one.
    await list.focus()
    expect(await option(2).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('Enter')
    await reader.getByRole('heading', { level: 1, name: titleOf(2) }).waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await reader.getByRole('heading', { level: 1, name: titleOf(5) }).waitFor()
    expect(await option(5).getAttribute('aria-current')).toBe('true')

    // The sort is remembered across a reload; the filter is not.
    await app.open()
    await library.getByRole('listbox', { name: 'Articles' }).waitFor()
    expect(await library.getByRole('combobox', { name: 'Sort' }).inputValue()).toBe('title')
    await expect.poll(() => count.textContent()).toBe('10,000 articles')
    await option(0).waitFor()

    // After a search, the list comes back scrolled to the open article.
    await library.getByRole('listbox', { name: 'Articles' }).focus()
    await page.keyboard.press('End')
    await page.keyboard.press('Enter')
    await reader.getByRole('heading', { level: 1, name: titleOf(COUNT - 1) }).waitFor()
    const search = library.getByRole('searchbox', { name: 'Search the library' })
    await search.fill('report')
    await list.waitFor({ state: 'detached' })
    await search.focus()
    await page.keyboard.press('Escape')
    await option(COUNT - 1).waitFor()
    expect(await option(COUNT - 1).getAttribute('aria-current')).toBe('true')
    await list.focus()
    await page.keyboard.press('Home')
    await option(0).waitFor()

    // Picture: the whole list, sorted by title, with an article open.
    await option(1).click()
    await reader.getByRole('heading', { level: 1, name: titleOf(1) }).waitFor()
    await mkdir(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, 'library-10k.png') })

    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
