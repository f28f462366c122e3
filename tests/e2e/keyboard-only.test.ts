/**
 * Keyboard only: import, open, select a sentence, highlight, tag, note, export.
 *
 * Drives the built renderer in headless Chromium against a real app core
 * (see tests/support/e2e-harness.ts) with nothing but `page.keyboard`: no
 * clicks, no DOM ranges, no programmatic focus. The test only reads the
 * page to decide how far to Tab and to check that focus is visible at every
 * step. Saves `docs/screenshots/keyboard-selection.png`.
 */
import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleWithAnnotations } from '../../src/shared/ipc/contract'
import {
  callCore,
  currentArticleId,
  REPO_ROOT,
  SAMPLES_DIR,
  startE2E,
  type E2EHarness,
} from '../support/e2e-harness'

const SAMPLES = ['nurse-staffing-shortfall.txt', 'harbour-terminal-expansion.txt'].map((f) =>
  join(SAMPLES_DIR, f),
)
const TITLE = 'Veskari Port Says Container Terminal Expansion Remains on Schedule'
const FIRST_SENTENCE =
  'The second phase of the container terminal at the Port of Veskari will open in the spring as planned, Marta Lindqvist, the chief operating officer of the Veskari Port Authority, confirmed to northsea-dispatch.com.'
const SECOND_SENTENCE =
  'She dismissed reports that the project had stalled after one of its main contractors withdrew.'
const QUOTE = 'dismissed reports that the project had stalled after one of its main contractors'
const TAGS = ['topic/ports', 'keyboard-check']
const NOTE = 'Selected, tagged and noted without a mouse.'
const SCREENSHOT = join(REPO_ROOT, 'docs/screenshots/keyboard-selection.png')

/** What has focus, as the test needs to know it. */
interface FocusInfo {
  readonly tag: string
  readonly text: string
  readonly label: string | null
  readonly selector: {
    readonly articleBody: boolean
    readonly block: boolean
    readonly listbox: boolean
    readonly monaco: boolean
  }
  /** `:focus-visible` matches and something is drawn for it (outline or ring). */
  readonly visible: boolean
}

async function focusInfo(page: Page): Promise<FocusInfo> {
  return page.locator('body').evaluate((body) => {
    const doc = body.ownerDocument
    const view = doc.defaultView
    const el = doc.activeElement
    if (!el || el === body || !view)
      return {
        tag: 'body',
        text: '',
        label: null,
        selector: { articleBody: false, block: false, listbox: false, monaco: false },
        visible: false,
      }
    // Fields draw focus on their frame: the tag editor and the note editor.
    const frame = el.closest('.tag-editor, .note-editor') ?? el
    const style = view.getComputedStyle(frame)
    const drawn =
      (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none'
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent ?? '').trim().slice(0, 200),
      label: el.getAttribute('aria-label'),
      selector: {
        articleBody: el.matches('[data-article-body]'),
        block: el.matches('[data-article-body] [data-block-start]'),
        listbox: el.matches('[role="listbox"]'),
        monaco: el.closest('.note-editor .monaco-editor') !== null,
      },
      visible: el.matches(':focus-visible') && drawn,
    }
  })
}

/** Press Tab (or `key`) until focus satisfies `done`; fails after `max` presses. */
async function tabUntil(
  page: Page,
  done: (focus: FocusInfo) => boolean,
  what: string,
  max = 40,
  key = 'Tab',
): Promise<FocusInfo> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press(key)
    const focus = await focusInfo(page)
    if (done(focus)) return focus
  }
  throw new Error(`Tab never reached ${what}`)
}

/** Press `key` until focus satisfies `done` (perhaps not at all); fails after `max` presses. */
async function pressUntil(
  page: Page,
  key: string,
  done: (focus: FocusInfo) => boolean,
  what: string,
  max = 20,
): Promise<FocusInfo> {
  for (let i = 0; i <= max; i += 1) {
    const focus = await focusInfo(page)
    if (done(focus)) return focus
    await page.keyboard.press(key)
  }
  throw new Error(`${key} never reached ${what}`)
}

/** The text of the page's DOM selection (read only). */
async function selectedText(page: Page): Promise<string> {
  return page
    .locator('body')
    .evaluate((body) => body.ownerDocument.getSelection()?.toString() ?? '')
}

async function expectFocusVisible(page: Page): Promise<FocusInfo> {
  const focus = await focusInfo(page)
  expect(focus.visible, `focus on ${focus.tag} "${focus.label ?? focus.text}" is visible`).toBe(
    true,
  )
  return focus
}

describe('keyboard only', () => {
  let app: E2EHarness

  beforeAll(async () => {
    app = await startE2E()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('imports, opens, selects a sentence, highlights, tags, notes and exports by keyboard', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Open sample library' }).waitFor()

    // Import through the header's Import… button, reached with Tab.
    app.answers.pickPaths = SAMPLES
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Import…', 'Import…')
    await expectFocusVisible(page)
    await page.keyboard.press('Enter')
    const library = page.getByRole('navigation', { name: 'Library' })
    await library.getByRole('option', { name: new RegExp(TITLE) }).waitFor()
    await expect
      .poll(() => page.getByRole('region', { name: 'Import results' }).textContent())
      .toContain('2 imported')

    // Tab to the article list, move to the harbour article and open it with Enter.
    await tabUntil(page, (f) => f.selector.listbox, 'the article list')
    await expectFocusVisible(page)
    const activeOption = library.locator('[role="option"][aria-selected="true"]')
    await page.keyboard.press('Home')
    for (let i = 0; i < 5 && !((await activeOption.textContent()) ?? '').includes(TITLE); i += 1)
      await page.keyboard.press('ArrowDown')
    expect(await activeOption.textContent()).toContain(TITLE)
    await page.keyboard.press('Enter')
    const reader = page.getByRole('main', { name: 'Article reader' })
    await reader.getByRole('heading', { level: 1, name: TITLE }).waitFor()

    // The article text is one tab stop; the arrows move a visible focus through its blocks.
    await tabUntil(page, (f) => f.selector.articleBody, 'the article text')
    await expectFocusVisible(page)
    await page.keyboard.press('ArrowDown')
    let focus = await expectFocusVisible(page)
    expect(focus.selector.block).toBe(true)
    focus = await pressUntil(
      page,
      ']',
      (f) => f.text.startsWith('The second phase'),
      'the first paragraph',
    )
    expect(focus.visible).toBe(true)
    await page.keyboard.press('ArrowDown')
    expect((await focusInfo(page)).text.startsWith('The second phase')).toBe(false)
    await page.keyboard.press('[')
    expect((await expectFocusVisible(page)).text.startsWith('The second phase')).toBe(true)

    // S selects the first sentence, again the next; Escape clears.
    await page.keyboard.press('s')
    expect(await selectedText(page)).toBe(FIRST_SENTENCE)
    await page.keyboard.press('s')
    expect(await selectedText(page)).toBe(SECOND_SENTENCE)
    await expect
      .poll(() => reader.getByTestId('reader-announcement').textContent())
      .toBe(`Selected: ${SECOND_SENTENCE}`)
    await page.keyboard.press('Escape')
    expect(await selectedText(page)).toBe('')
    await page.keyboard.press('s')
    await page.keyboard.press('s')
    // Shift+← takes the last word off the end, Shift+Alt+→ the first word off the start.
    await page.keyboard.press('Shift+ArrowLeft')
    await page.keyboard.press('Shift+Alt+ArrowRight')
    expect(await selectedText(page)).toBe(QUOTE)
    await expectFocusVisible(page)
    await mkdir(join(REPO_ROOT, 'docs/screenshots'), { recursive: true })
    await page.screenshot({ path: SCREENSHOT })

    // H highlights it, and focus moves to the tag input.
    await page.keyboard.press('h')
    const mark = reader.locator('mark[data-annotation-id]')
    await mark.first().waitFor()
    expect(await mark.allTextContents()).toEqual([QUOTE])
    await expect.poll(async () => (await focusInfo(page)).label).toBe('Add tag')
    await expectFocusVisible(page)
    const pane = page.getByRole('complementary', { name: 'Annotations' })
    const chips = pane.getByRole('list', { name: 'Tags' }).locator('li')
    // The second tag is typed at once, before the first is saved: it must not replace it.
    await page.keyboard.type(TAGS[0] as string)
    await page.keyboard.press('Enter')
    await page.keyboard.type(TAGS[1] as string)
    await page.keyboard.press('Enter')
    await expect.poll(() => chips.allTextContents()).toEqual(TAGS.map((t) => `${t}×`))

    // Tab reaches the note editor.
    await tabUntil(page, (f) => f.selector.monaco, 'the note editor', 10)
    await expectFocusVisible(page)
    await page.keyboard.type(NOTE)
    await pane.locator('[data-save-state="saved"]').waitFor()

    // Ctrl+E opens the export dialog; Tab to Save… and press Enter.
    const exportPath = join(app.scratchDir, 'keyboard-briefing.md')
    app.answers.exportPath = exportPath
    await page.keyboard.press('Control+e')
    const dialog = page.getByRole('dialog', { name: 'Export briefing' })
    await dialog.waitFor()
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Save…', 'Save…', 30)
    await expectFocusVisible(page)
    await page.keyboard.press('Enter')
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain(exportPath)
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })

    // Focus is back in the note. Escape lets Shift+Tab leave it; back in the text, the
    // arrows resume at the block the keyboard was last on.
    await expect.poll(async () => (await focusInfo(page)).selector.monaco).toBe(true)
    await page.keyboard.press('Escape')
    await tabUntil(page, (f) => f.selector.articleBody, 'the article text', 40, 'Shift+Tab')
    await page.keyboard.press('ArrowDown')
    const resumed = await expectFocusVisible(page)
    expect(resumed.selector.block && resumed.text.startsWith('The second phase')).toBe(true)

    // The shortcut overlay lists the reader's keys.
    await page.keyboard.press('?')
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await overlay.waitFor()
    expect(await overlay.textContent()).toContain('Select a sentence of the paragraph')
    await page.keyboard.press('Escape')
    await overlay.waitFor({ state: 'hidden' })

    const briefing = await readFile(exportPath, 'utf8')
    expect(briefing).toContain(`> ${QUOTE}`)
    for (const tag of TAGS) expect(briefing).toContain(`#${tag}`)
    expect(briefing).toContain(NOTE)
    // Leaving the note by keyboard typed nothing into it.
    const saved = await callCore<ArticleWithAnnotations>(app, 'article:get', {
      id: await currentArticleId(page),
    })
    expect(saved.annotations.map((a) => [a.note, a.tags])).toEqual([[NOTE, TAGS]])

    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
