/**
 * The annotation model end to end: claims, claim links, the codebook and undo.
 *
 * Drives the built renderer in headless Chromium against a real app core
 * (see tests/support/e2e-harness.ts). Every step is checked twice: on
 * screen, and in the store through `core.dispatch`, so the UI cannot show
 * something main did not save.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Annotation } from '../../src/shared/domain/annotation'
import type { ArticleWithAnnotations, CodebookTag } from '../../src/shared/ipc/contract'
import {
  callCore,
  currentArticleId,
  focusBody,
  REPO_ROOT,
  SAMPLES_DIR,
  selectPhrase,
  startE2E,
  type E2EHarness,
} from '../support/e2e-harness'

const ARTICLE_A = 'Veskari Port Says Container Terminal Expansion Remains on Schedule'
const ARTICLE_B = 'Regional Hospitals Report Shortfall of 2,300 Nursing Posts'
const CLAIM_A =
  'The second phase of the container terminal at the Port of Veskari will open in the spring as planned'
const HIGHLIGHT_A = 'the authority had already signed a replacement contractor'
const CLAIM_B = 'the real figure was higher'
const CLAIMANT = 'Marta Lindqvist, chief operating officer'
const TAG_KEEP = 'entity/Veskari Port Authority'
const TAG_MERGED = 'entity/port-authority'
const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots')

describe('annotation model', () => {
  let app: E2EHarness

  beforeAll(async () => {
    app = await startE2E()
  })

  afterAll(async () => {
    await app?.close()
  })

  const getArticle = (id: string) => callCore<ArticleWithAnnotations>(app, 'article:get', { id })
  const codebookNames = async () =>
    (await callCore<readonly CodebookTag[]>(app, 'codebook:list', {})).map((t) => t.name)
  const tagsOf = async (articleId: string, annotationId: string) =>
    (await getArticle(articleId)).annotations.find((a) => a.id === annotationId)?.tags

  it('records claims, links them across articles, merges tags and undoes the merge', async () => {
    const { page } = app
    await page.getByRole('button', { name: 'Open sample library' }).waitFor()
    app.answers.pickPaths = [
      join(SAMPLES_DIR, 'harbour-terminal-expansion.txt'),
      join(SAMPLES_DIR, 'nurse-staffing-shortfall.txt'),
    ]
    await page.getByRole('button', { name: 'Import…' }).click()
    const library = page.getByRole('navigation', { name: 'Library' })
    const reader = page.getByRole('main', { name: 'Article reader' })
    const pane = page.getByRole('complementary', { name: 'Annotations' })
    const detail = pane.getByRole('region', { name: 'Selected annotation' })
    await library.getByRole('option', { name: /Veskari Port/ }).waitFor()
    await library.getByRole('option', { name: /Nursing Posts/ }).waitFor()

    // ---- Article A: a claim by keyboard, with claimant and status.
    await library.getByRole('option', { name: /Veskari Port/ }).click()
    await reader.getByRole('heading', { level: 1, name: ARTICLE_A }).waitFor()
    const articleA = await currentArticleId(page)
    await focusBody(page)
    expect(await selectPhrase(page, CLAIM_A)).toBe(true)
    await page.keyboard.press('c')
    const claimMark = reader.locator('mark[data-kind="claim"]')
    await claimMark.first().waitFor()
    expect(await claimMark.allTextContents()).toEqual([CLAIM_A])
    expect(await claimMark.first().getAttribute('data-claim-start')).toBe('')
    // The new claim is selected, its kind is Claim and the tag input has focus.
    expect(await detail.getByRole('radio', { name: 'Claim' }).isChecked()).toBe(true)
    const tagInput = detail.getByRole('combobox', { name: 'Add tag' })
    await expect
      .poll(() => tagInput.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true)
    await page.keyboard.type(TAG_KEEP)
    await page.keyboard.press('Enter')
    await detail.getByLabel('Claimant').fill(CLAIMANT)
    await detail.getByLabel('Claimant').press('Tab')
    await detail.getByLabel('Status').selectOption('disputed')
    const claimA = await pane
      .locator('button.annotation-item[aria-current="true"]')
      .getAttribute('data-annotation-id')
    if (!claimA) throw new Error('no selected annotation')
    await expect
      .poll(async () => {
        const a = (await getArticle(articleA)).annotations.find((x) => x.id === claimA)
        return a && { kind: a.kind, tags: a.tags, claim: a.claim && { ...a.claim, links: [] } }
      })
      .toMatchObject({
        kind: 'claim',
        tags: [TAG_KEEP],
        claim: { claimant: CLAIMANT, status: 'disputed', statement: CLAIM_A },
      })
    await expect
      .poll(() => pane.locator('.annotation-item .claim-status').allTextContents())
      .toEqual(['disputed'])

    // A plain highlight in A with the tag that will be merged away.
    await focusBody(page)
    expect(await selectPhrase(page, HIGHLIGHT_A)).toBe(true)
    await page.keyboard.press('h')
    await reader.locator('mark[data-kind="highlight"]').first().waitFor()
    await expect
      .poll(() => tagInput.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true)
    await page.keyboard.type(TAG_MERGED)
    await page.keyboard.press('Enter')
    const highlightA = await pane
      .locator('button.annotation-item[aria-current="true"]')
      .getAttribute('data-annotation-id')
    if (!highlightA) throw new Error('no selected highlight')
    await expect.poll(() => tagsOf(articleA, highlightA)).toEqual([TAG_MERGED])

    // ---- Article B: a claim that contradicts A's, linked through the picker.
    await library.getByRole('option', { name: /Nursing Posts/ }).click()
    await reader.getByRole('heading', { level: 1, name: ARTICLE_B }).waitFor()
    const articleB = await currentArticleId(page)
    await focusBody(page)
    expect(await selectPhrase(page, CLAIM_B)).toBe(true)
    await page.keyboard.press('c')
    await reader.locator('mark[data-kind="claim"]').first().waitFor()
    await expect
      .poll(() => tagInput.evaluate((el) => el === el.ownerDocument.activeElement))
      .toBe(true)
    await page.keyboard.type(TAG_MERGED)
    await page.keyboard.press('Enter')
    const claimB = await pane
      .locator('button.annotation-item[aria-current="true"]')
      .getAttribute('data-annotation-id')
    if (!claimB) throw new Error('no selected claim in B')
    await expect.poll(() => tagsOf(articleB, claimB)).toEqual([TAG_MERGED])

    await detail.getByRole('button', { name: 'Link to…' }).click()
    const picker = detail.getByRole('group', { name: 'Link this claim' })
    await picker.getByLabel('Relation').selectOption('contradicts')
    await picker.getByLabel('Find an annotation').fill('Lindqvist')
    const hit = picker.locator(`button.pick-item[data-annotation-id="${claimA}"]`)
    await hit.waitFor()
    expect(await picker.locator('button.pick-item').count()).toBe(1)
    await hit.click()
    const outgoing = detail.getByRole('list', { name: 'Links from this claim' })
    await expect.poll(() => outgoing.textContent()).toContain('contradicts')
    expect(await outgoing.textContent()).toContain(CLAIM_A)
    expect(await outgoing.textContent()).toContain(ARTICLE_A)
    const storedB = await getArticle(articleB)
    expect(storedB.links[claimB]?.outgoing).toEqual([
      expect.objectContaining({
        relation: 'contradicts',
        articleId: articleA,
        annotationId: claimA,
      }),
    ])
    expect(storedB.annotations.find((a) => a.id === claimB)?.claim?.links).toEqual([
      { relation: 'contradicts', articleId: articleA, annotationId: claimA },
    ])
    // Fill in who made B's claim, and record what the analyst sees.
    await detail.getByLabel('Claimant').fill('Union representatives')
    await detail.getByLabel('Attributed via').fill('civicpost.org interview')
    await detail.getByLabel('Attributed via').press('Enter')
    await expect
      .poll(async () => (await getArticle(articleB)).annotations[0]?.claim?.attributedVia)
      .toBe('civicpost.org interview')
    await detail.evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await mkdir(SCREENSHOTS, { recursive: true })
    await page.screenshot({ path: join(SCREENSHOTS, 'claim-editing.png') })

    // Following the link opens A with its claim selected, showing the incoming link.
    await outgoing.getByRole('button', { name: new RegExp(ARTICLE_A) }).click()
    await reader.getByRole('heading', { level: 1, name: ARTICLE_A }).waitFor()
    await expect
      .poll(() =>
        pane
          .locator('button.annotation-item[aria-current="true"]')
          .getAttribute('data-annotation-id'),
      )
      .toBe(claimA)
    const incoming = detail.getByRole('list', { name: 'Links to this claim' })
    await expect.poll(() => incoming.textContent()).toContain('is contradicted by')
    expect(await incoming.textContent()).toContain(CLAIM_B)
    expect(await incoming.textContent()).toContain(ARTICLE_B)
    expect((await getArticle(articleA)).links[claimA]?.incoming).toEqual([
      expect.objectContaining({
        relation: 'contradicts',
        articleId: articleB,
        annotationId: claimB,
      }),
    ])
    // The claim form shows what was saved.
    expect(await detail.getByLabel('Claimant').inputValue()).toBe(CLAIMANT)
    expect(await detail.getByLabel('Status').inputValue()).toBe('disputed')

    // ---- The codebook: merge one tag into the other.
    await page.getByRole('button', { name: 'Codebook' }).click()
    const codebook = page.getByRole('dialog', { name: 'Codebook' })
    const tree = codebook.getByRole('list', { name: 'Tags' })
    const node = (name: string) => tree.locator(`button.tag-node[data-tag="${name}"]`)
    await node(TAG_MERGED).waitFor()
    await node(TAG_KEEP).waitFor()
    expect(await node('entity').textContent()).toContain('3')
    await node(TAG_MERGED).click()
    await codebook.getByLabel('Merge into').fill(TAG_KEEP)
    await codebook.getByRole('button', { name: 'Merge…' }).click()
    const confirm = codebook.getByRole('alertdialog', { name: 'Confirm' })
    await expect.poll(() => confirm.textContent()).toContain(TAG_KEEP)
    await page.screenshot({ path: join(SCREENSHOTS, 'codebook.png') })
    await confirm.getByRole('button', { name: 'Merge', exact: true }).click()
    await node(TAG_MERGED).waitFor({ state: 'detached' })
    expect(await node(TAG_KEEP).textContent()).toContain('3')
    expect(await codebookNames()).not.toContain(TAG_MERGED)
    expect(await codebookNames()).toContain(TAG_KEEP)
    expect(await tagsOf(articleA, highlightA)).toEqual([TAG_KEEP])
    expect(await tagsOf(articleB, claimB)).toEqual([TAG_KEEP])
    await page.keyboard.press('Escape')
    await codebook.waitFor({ state: 'hidden' })
    expect(await pane.locator('.annotation-item .tag-pill').allTextContents()).toEqual([
      TAG_KEEP,
      TAG_KEEP,
    ])

    // ---- Undo with the focus on the body: both tags and every assignment come back.
    await focusBody(page)
    await page.keyboard.press('Control+z')
    await expect
      .poll(() => page.getByTestId('status-message').textContent())
      .toMatch(/^Undone: .*Merge/i)
    await expect.poll(() => codebookNames()).toContain(TAG_MERGED)
    expect(await codebookNames()).toContain(TAG_KEEP)
    expect(await tagsOf(articleA, claimA)).toEqual([TAG_KEEP])
    expect(await tagsOf(articleA, highlightA)).toEqual([TAG_MERGED])
    expect(await tagsOf(articleB, claimB)).toEqual([TAG_MERGED])
    // On screen: the open article's annotations and the codebook tree.
    await expect
      .poll(() => pane.locator('.annotation-item .tag-pill').allTextContents())
      .toEqual([TAG_KEEP, TAG_MERGED])
    await page.getByRole('button', { name: 'Codebook' }).click()
    await node(TAG_MERGED).waitFor()
    await node(TAG_KEEP).waitFor()
    await page.keyboard.press('Escape')
    await codebook.waitFor({ state: 'hidden' })

    // The claim and its link were untouched by the merge and its undo.
    const finalA = (await getArticle(articleA)).annotations.find((a) => a.id === claimA) as
      Annotation | undefined
    expect(finalA?.claim).toMatchObject({ claimant: CLAIMANT, status: 'disputed' })

    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })

  it('lists every shortcut on ? and closes the list on Escape', async () => {
    const { page } = app
    await focusBody(page)
    await page.keyboard.press('?')
    const overlay = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await overlay.waitFor()
    const text = await overlay.textContent()
    for (const line of [
      'Highlight the selected passage',
      'claim',
      'Undo',
      'Redo',
      'Next annotation',
    ])
      expect(text).toContain(line)
    await page.keyboard.press('Escape')
    await overlay.waitFor({ state: 'hidden' })

    // j and k walk the annotations of the open article (A: the claim, then the highlight).
    const pane = page.getByRole('complementary', { name: 'Annotations' })
    const selectedId = () =>
      pane.locator('button.annotation-item[aria-current="true"]').getAttribute('data-annotation-id')
    const ids = await pane
      .locator('button.annotation-item')
      .evaluateAll((els) => els.map((el) => el.getAttribute('data-annotation-id')))
    expect(ids).toHaveLength(2)
    await focusBody(page)
    await page.keyboard.press('j')
    await expect.poll(selectedId).toBe(ids[1])
    await page.keyboard.press('k')
    await expect.poll(selectedId).toBe(ids[0])

    // The note editor completes codebook tags after #.
    await pane.locator('.note-editor .monaco-editor .view-lines').click()
    await page.keyboard.type('Compare #entity/Ves')
    const suggestion = page.locator('.suggest-widget .monaco-list-row', {
      hasText: 'entity/Veskari Port Authority',
    })
    await suggestion.first().waitFor()
    await page.keyboard.press('Enter')
    await expect
      .poll(async () =>
        (await pane.locator('.note-editor .view-lines').textContent())?.replace(/\u00a0/gu, ' '),
      )
      .toContain('Compare #entity/Veskari Port Authority')

    // With nothing left to redo, the status bar says so quietly; no error toast.
    await focusBody(page)
    await page.keyboard.press('Control+Shift+z')
    await page.keyboard.press('Control+Shift+z')
    await expect
      .poll(() => page.getByTestId('status-message').textContent())
      .toBe('Nothing to redo')
    const toasts = page.getByRole('region', { name: 'Notifications' })
    expect(await toasts.getByRole('alert').count()).toBe(0)
    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
  })
})
