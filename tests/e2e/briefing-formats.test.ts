/**
 * Handing a briefing over, end to end: the analyst's profile, the briefing's
 * options, ClaimReview with its published address, and a Liquid template
 * written in the template editor.
 *
 * Drives the built renderer in headless Chromium against a real app core
 * (see tests/support/e2e-harness.ts), on the sample library with one claim.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { articleText } from '../../src/shared/domain/article'
import type {
  AnchoredAnnotation,
  ArticleSummary,
  ArticleWithAnnotations,
  Settings,
} from '../../src/shared/ipc/contract'
import { callCore, focusBody, startE2E, type E2EHarness } from '../support/e2e-harness'
import { monacoText, snapAllViews } from '../support/e2e-screens'

const FLOUR_TITLE = 'Millers Warn Flour Prices Could Rise 12 Percent After Poor Harvest'
const PASSAGE = 'He blamed a wet summer that left much of the wheat crop below milling quality.'
const BASE_URL = 'https://checks.example/2026/grain'
/** A bound for states that follow a debounced preview on a busy 2-core machine; polls return once they hold. */
const SETTLED = { timeout: 30_000 }

describe('briefing formats', () => {
  let app: E2EHarness
  let claim: AnchoredAnnotation

  beforeAll(async () => {
    app = await startE2E()
    const { page } = app
    await page.getByRole('button', { name: 'Open sample library' }).click()
    const library = page.getByRole('navigation', { name: 'Library' })
    await library.getByRole('option', { name: /Millers Warn/ }).waitFor()
    const articles = await callCore<readonly ArticleSummary[]>(app, 'article:list', {})
    const flourId = articles.find((a) => a.title === FLOUR_TITLE)?.id ?? ''
    const flour = await callCore<ArticleWithAnnotations>(app, 'article:get', { id: flourId })
    const start = articleText(flour.article.blocks).indexOf(PASSAGE)
    claim = await callCore<AnchoredAnnotation>(app, 'annotation:create', {
      articleId: flourId,
      start,
      end: start + PASSAGE.length,
      kind: 'claim',
      tags: ['topic/harvest'],
      note: '',
    })
    await callCore(app, 'claim:update', {
      articleId: flourId,
      annotationId: claim.id,
      patch: { claimant: 'Nordmill Group', claimantType: 'organisation', status: 'disputed' },
    })
    await library.getByRole('option', { name: /Millers Warn/ }).click()
    await page
      .getByRole('main', { name: 'Article reader' })
      .getByRole('heading', { level: 1 })
      .waitFor()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('checks the profile’s addresses as typed and saves what every export then uses', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Profile' }).click()
    const dialog = page.getByRole('dialog', { name: 'Profile' })
    await dialog.waitFor()
    await dialog.getByLabel('Name').fill('Maria Keller')
    await dialog.getByLabel('Organisation').fill('Grain Desk')
    const base = dialog.getByLabel('Publishing base URL')
    await base.fill('checks.example/2026')
    await base.press('Tab')
    await expect.poll(() => base.getAttribute('aria-invalid')).toBe('true')
    await dialog.getByText(/must be an http or https address/).waitFor()

    // A refused save keeps the dialog and every value typed.
    await dialog.getByRole('button', { name: 'Save profile' }).click()
    expect(await dialog.isVisible()).toBe(true)
    expect(await dialog.getByLabel('Name').inputValue()).toBe('Maria Keller')

    await base.fill(BASE_URL)
    await base.press('Tab')
    await expect.poll(() => base.getAttribute('aria-invalid')).toBe('false')
    await snapAllViews(page, 'profile-dialog')
    await dialog.getByRole('button', { name: 'Save profile' }).click()
    await dialog.waitFor({ state: 'hidden' })
    const settings = await callCore<Settings>(app, 'settings:get', {})
    expect(settings.profile).toMatchObject({
      name: 'Maria Keller',
      organisation: 'Grain Desk',
      publishBaseUrl: BASE_URL,
    })
  })

  it('exports ClaimReview at the published address and a briefing with the analyst’s title', async () => {
    const { page } = app
    const dialog = page.getByRole('dialog', { name: 'Export briefing' })
    const preview = dialog.getByTestId('export-preview')
    await focusBody(page)
    await page.keyboard.press('Control+e')
    await dialog.waitFor()

    await dialog.getByRole('radio', { name: /ClaimReview/ }).check()
    await expect
      .poll(async () => monacoText(await preview.textContent()), SETTLED)
      .toContain(`${BASE_URL}#${claim.id}`)
    const review = monacoText(await preview.textContent())
    expect(review).toContain('"Grain Desk"')
    expect(review).toContain('"Organization"')

    await dialog.getByRole('radio', { name: /Markdown/ }).check()
    await dialog.getByLabel('Title').fill('Grain week')
    await dialog.getByLabel('Group by').selectOption({ label: 'Claim status' })
    await expect
      .poll(async () => monacoText(await preview.textContent()), SETTLED)
      .toContain('# Grain week')
    await expect
      .poll(async () => monacoText(await preview.textContent()), SETTLED)
      .toMatch(/author: "?Maria Keller/u)
    await snapAllViews(page, 'export-briefing-options')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
  })

  it('names a template mistake at its line, and exports with a saved template', async () => {
    const { page } = app
    const exportDialog = page.getByRole('dialog', { name: 'Export briefing' })
    const preview = exportDialog.getByTestId('export-preview')
    await focusBody(page)
    await page.keyboard.press('Control+e')
    await exportDialog.waitFor()
    await exportDialog.getByRole('radio', { name: /Markdown/ }).check()
    await exportDialog.getByRole('button', { name: 'Edit templates…' }).click()

    const editor = page.getByRole('dialog', { name: 'Briefing templates' })
    await editor.waitFor()
    await editor.getByRole('button', { name: 'New', exact: true }).click()
    await editor.getByLabel('Name').fill('Claims only')
    const source = editor.locator('.template-editor-frame .monaco-editor .view-lines')
    await source.click()
    await page.keyboard.press('Control+a')
    await page.keyboard.press('Delete')
    // Inserted whole, so the editor's bracket closing does not add to it; line 2 lacks `endfor`.
    await page.keyboard.insertText(
      '# Claims: {{ briefing.title }}\n{% for a in claims %}- {{ a.claim.statement }}',
    )
    const message = editor.getByTestId('template-message')
    await expect.poll(() => message.textContent(), SETTLED).toMatch(/^Line 2, column 1: /u)

    await page.keyboard.insertText(' ({{ a.claim.claimant }}){% endfor %}')
    await expect.poll(() => message.textContent(), SETTLED).not.toMatch(/^Line \d/u)
    await editor.getByRole('button', { name: 'Save', exact: true }).click()
    await expect.poll(() => message.textContent(), SETTLED).toContain('Saved')
    await snapAllViews(page, 'template-editor')
    await editor.getByRole('button', { name: 'Close' }).click()
    await editor.waitFor({ state: 'hidden' })

    await exportDialog.getByLabel('Template').selectOption({ label: 'Claims only' })
    await expect
      .poll(async () => monacoText(await preview.textContent()), SETTLED)
      .toContain('(Nordmill Group)')
    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
