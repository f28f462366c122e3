/**
 * The foundation slice end to end: import, read, highlight, tag, note, export.
 *
 * Drives the built renderer in headless Chromium against a real app core
 * (see tests/support/e2e-harness.ts), then reopens the library with a fresh
 * core to prove the work was saved, and checks the page never reached the
 * network.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ORIGIN, createAppCore } from '../../src/main/app-core'
import type { ArticleWithAnnotations } from '../../src/shared/ipc/contract'
import {
  APP_SENDER,
  currentArticleId,
  REPO_ROOT,
  SAMPLES_DIR,
  selectPhrase,
  startE2E,
  type E2EHarness,
} from '../support/e2e-harness'
import { makeTempDir } from '../support/temp-dir'

const SAMPLE = join(SAMPLES_DIR, 'harbour-terminal-expansion.txt')
const TITLE = 'Veskari Port Says Container Terminal Expansion Remains on Schedule'
const SOURCE = 'northsea-dispatch.com'
const PASSAGE = 'raise annual capacity from 900,000 to 1.4 million containers'
const TAGS = ['topic/ports', 'figure-to-check']
const NOTE = 'Check the capacity figures against the port authority annual report.'
const SCREENSHOT = join(REPO_ROOT, 'docs/screenshots/foundation.png')

describe('foundation', () => {
  let app: E2EHarness
  let libraryDir: string

  beforeAll(async () => {
    libraryDir = await makeTempDir('workbench-e2e-library-')
    app = await startE2E({ libraryDir })
  })

  afterAll(async () => {
    await app?.close()
    if (libraryDir) await rm(libraryDir, { recursive: true, force: true })
  })

  it('imports, highlights, tags, notes and exports an article, and keeps the work', async () => {
    const { page } = app

    // An empty library offers the samples; import one file through the (stubbed) native picker.
    await page.getByRole('button', { name: 'Open sample library' }).waitFor()
    app.answers.pickPaths = [SAMPLE]
    await page.getByRole('button', { name: 'Import…' }).click()
    const library = page.getByRole('navigation', { name: 'Library' })
    await library.getByRole('option', { name: new RegExp(TITLE) }).waitFor()
    await expect
      .poll(() => page.getByRole('region', { name: 'Import results' }).textContent())
      .toContain('1 imported')

    // The first imported article opens in the reader.
    const reader = page.getByRole('main', { name: 'Article reader' })
    await reader.getByRole('heading', { level: 1, name: TITLE }).waitFor()
    expect(await reader.getByTestId('source-line').textContent()).toContain(SOURCE)
    expect(await reader.getByRole('region', { name: 'Cited sources' }).textContent()).toContain(
      'Baltic Freight Bulletin, 14 October',
    )

    // Select a passage as a reader would (a DOM range over the phrase) and press h.
    expect(await selectPhrase(page, PASSAGE)).toBe(true)
    await page.keyboard.press('h')
    const mark = reader.locator('mark[data-annotation-id]')
    await mark.first().waitFor()
    expect(await mark.allTextContents()).toEqual([PASSAGE])

    // The new annotation is selected and the tag input has focus: add two tags.
    const tagInput = page.getByRole('combobox', { name: 'Add tag' })
    await expect
      .poll(() => tagInput.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true)
    await page.keyboard.type(TAGS[0] as string)
    await page.keyboard.press('Enter')
    await page.keyboard.type(`${TAGS[1] as string},`)
    const pane = page.getByRole('complementary', { name: 'Annotations' })
    const listItem = pane.locator('button.annotation-item')
    await expect.poll(() => listItem.textContent()).toContain(TAGS[1])
    expect(await pane.getByRole('list', { name: 'Tags' }).locator('li').allTextContents()).toEqual(
      TAGS.map((t) => `${t}×`),
    )

    // Type a note in Monaco and wait for the autosave.
    await pane.locator('.note-editor .monaco-editor .view-lines').click()
    await page.keyboard.type(NOTE)
    await pane.locator('[data-save-state="saved"]').waitFor()
    await expect
      .poll(async () => {
        const result = await app.core.dispatch(
          'article:get',
          { id: await currentArticleId(page) },
          APP_SENDER,
        )
        return result.ok ? (result.value as ArticleWithAnnotations).annotations[0]?.note : null
      })
      .toBe(NOTE)

    // Let the highlight take its tag colour, then record what the analyst sees.
    await mark.first().click()
    await mkdir(join(REPO_ROOT, 'docs/screenshots'), { recursive: true })
    await page.screenshot({ path: SCREENSHOT })

    // Export through the UI: preview, then Save… to the path the stubbed dialog returns.
    const exportPath = join(app.scratchDir, 'briefing.md')
    app.answers.exportPath = exportPath
    await reader.getByRole('button', { name: 'Export…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Export briefing' })
    await expect.poll(() => previewText(dialog)).toContain(TITLE)
    await dialog.getByRole('button', { name: 'Save…' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain(exportPath)
    await dialog.getByRole('button', { name: 'Close' }).click()

    const briefing = await readFile(exportPath, 'utf8')
    expect(briefing).toContain(`## ${TITLE}`)
    expect(briefing).toContain(`**Source:** ${SOURCE}`)
    expect(briefing).toContain(`> ${PASSAGE}`)
    for (const tag of TAGS) expect(briefing).toContain(`#${tag}`)
    expect(briefing).toContain(NOTE)

    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
    expect(app.requests.length).toBeGreaterThan(0)
  })

  it('starts the bundled Monaco editor worker under the CSP', async () => {
    const { page } = app
    // Markdown notes rarely need the worker, so ask Monaco's environment for one directly.
    const [worker] = await Promise.all([
      page.waitForEvent('worker'),
      page.evaluate(() => {
        const g = globalThis as unknown as {
          MonacoEnvironment: { getWorker(id: string, label: string): unknown }
          probeWorker: unknown
        }
        g.probeWorker = g.MonacoEnvironment.getWorker('probe', 'editorWorkerService')
      }),
    ])
    expect(worker.url()).toMatch(new RegExp(`^${app.baseUrl}/assets/editor\\.worker-[\\w-]+\\.js$`))
    // The worker's script ran: Monaco's worker entry installs its message handler.
    expect(
      await worker.evaluate(() => typeof (globalThis as { onmessage?: unknown }).onmessage),
    ).toBe('function')
    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })

  it('opens the export dialog from the menu command', async () => {
    const { page } = app
    const dialog = page.getByRole('dialog', { name: 'Export briefing' })
    app.emit('menu:command', { command: 'export' })
    await expect.poll(() => previewText(dialog)).toContain(TITLE)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('keeps the annotation in the library after the core is reopened', async () => {
    const articleId = await currentArticleId(app.page)
    await app.close()
    const reopened = await createAppCore({
      libraryDir,
      samplesDir: SAMPLES_DIR,
      trustedOrigins: [APP_ORIGIN],
      dialogs: {
        pickArticleFiles: async () => null,
        pickWebPage: async () => null,
        chooseExportPath: async () => null,
      },
    })
    try {
      const result = await reopened.dispatch('article:get', { id: articleId }, APP_SENDER)
      expect(result.ok).toBe(true)
      const { annotations } = (result as { value: ArticleWithAnnotations }).value
      expect(annotations).toHaveLength(1)
      expect(annotations[0]).toMatchObject({
        tags: TAGS,
        note: NOTE,
        target: { quote: { exact: PASSAGE } },
        anchor: { status: 'anchored' },
      })
    } finally {
      await reopened.close()
    }
  })
})

describe('import by file chooser and drag-and-drop', () => {
  let app: E2EHarness

  beforeAll(async () => {
    app = await startE2E()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('imports chosen and dropped files and reports each outcome', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Open sample library' }).waitFor()
    // Record progress events as the page receives them, through the same subscription the app uses.
    await page.evaluate(() => {
      const g = globalThis as unknown as {
        progress: unknown[]
        workbench: { onImportProgress(cb: (p: unknown) => void): () => void }
      }
      g.progress = []
      g.workbench.onImportProgress((p) => g.progress.push(p))
    })

    // The file-input fallback: two articles and a file type the importer refuses.
    const unsupported = join(app.scratchDir, 'scan.pdf')
    await writeFile(unsupported, '%PDF-1.7 not an article')
    await page
      .getByTestId('import-file-input')
      .setInputFiles([
        join(SAMPLES_DIR, 'flour-prices-warning.txt'),
        join(SAMPLES_DIR, 'nurse-staffing-shortfall.txt'),
        unsupported,
      ])
    const results = page.getByRole('region', { name: 'Import results' })
    await expect.poll(() => results.textContent()).toContain('2 imported · 1 rejected')
    expect(await results.locator('.import-rejected').textContent()).toContain('scan.pdf')
    const library = page.getByRole('navigation', { name: 'Library' })
    await library.getByRole('option', { name: /Millers Warn Flour Prices/ }).waitFor()
    await library.getByRole('option', { name: /Shortfall of 2,300 Nursing Posts/ }).waitFor()
    expect(
      await page.evaluate(() => (globalThis as unknown as { progress: unknown[] }).progress.length),
    ).toBe(3)

    // Dropping a file already in the library reports it as a duplicate.
    const text = await readFile(join(SAMPLES_DIR, 'flour-prices-warning.txt'), 'utf8')
    await page.evaluate((content) => {
      const g = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } }
        File: new (parts: string[], name: string, options: { type: string }) => unknown
        DragEvent: new (type: string, init: { bubbles: boolean; dataTransfer: unknown }) => unknown
        document: { body: { dispatchEvent(event: unknown): boolean } }
      }
      const data = new g.DataTransfer()
      data.items.add(new g.File([content], 'flour-again.txt', { type: 'text/plain' }))
      for (const type of ['dragenter', 'dragover', 'drop']) {
        g.document.body.dispatchEvent(new g.DragEvent(type, { bubbles: true, dataTransfer: data }))
      }
    }, text)
    await expect.poll(() => results.textContent()).toContain('1 duplicate')
    expect(await page.getByTestId('article-count').textContent()).toBe('2 articles')

    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})

/** The export preview's visible text; Monaco draws spaces as no-break spaces. */
async function previewText(dialog: ReturnType<E2EHarness['page']['getByRole']>): Promise<string> {
  const text = await dialog.getByTestId('export-preview').textContent()
  return (text ?? '').replace(/\u00a0/gu, ' ')
}
