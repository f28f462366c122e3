/**
 * Figure 8: the built renderer in headless Chromium, over the benchmark library.
 *
 * Reuses the end-to-end harness (tests/support/e2e-harness.ts): it serves
 * `out/renderer` with the app's CSP and bridges `window.workbench` to a
 * real app core's `dispatch`, so every call the page makes runs the real
 * main-side code. Times are taken inside the page, from the event that
 * starts the work to just after the frame that shows its result is painted
 * (a task posted after that frame's rendering; see PAGE_PROBE).
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { RENDERER_DIR, startE2E } from '../tests/support/e2e-harness'
import type { BuiltLibrary } from './generate'
import { RENDERER_FIGURES, type Mode } from './modes'
import { figure, unavailable, withRatio, type Figure } from './stats'

/**
 * Installed before the app's scripts on every load.
 *
 * `__benchAfterPaint(fn)` calls `fn` just after the next frame is painted.
 * A change made inside an animation-frame callback (Monaco renders there)
 * is painted at the end of that same frame, so a task posted then runs just
 * after the paint; a change made in an ordinary task (React commits there)
 * is painted in the next frame, so the task is posted from that frame's
 * animation callback. Animation callbacks are wrapped to know which case
 * applies. `__bench.firstItemPaint` is set after the first library item is
 * painted, in milliseconds since navigation start.
 */
const PAGE_PROBE = `(() => {
  const w = window
  const raf = w.requestAnimationFrame.bind(w)
  const channel = new MessageChannel()
  const queue = []
  channel.port1.onmessage = () => { const fn = queue.shift(); if (fn) fn() }
  const post = (fn) => { queue.push(fn); channel.port2.postMessage(0) }
  let inFramePhase = false
  w.requestAnimationFrame = (cb) => raf((t) => {
    if (!inFramePhase) { inFramePhase = true; post(() => { inFramePhase = false }) }
    cb(t)
  })
  w.__benchRaf = raf
  w.__benchAfterPaint = (fn) => {
    if (inFramePhase) post(fn)
    else raf(() => post(fn))
  }
  w.__bench = { firstItemPaint: null }
  let seen = false
  const observer = new MutationObserver(() => {
    if (seen || !document.querySelector('.article-item')) return
    seen = true
    observer.disconnect()
    w.__benchAfterPaint(() => { w.__bench.firstItemPaint = performance.now() })
  })
  observer.observe(document, { childList: true, subtree: true })
})()`

const SCROLL_FRAMES = `async (frames) => {
  let el = document.querySelector('.library-scroller')
  while (el && !(el.scrollHeight > el.clientHeight + 10 && /auto|scroll/.test(getComputedStyle(el).overflowY))) el = el.parentElement
  if (!el) return { deltas: [], reason: 'no scrollable library list' }
  const deltas = []
  let last = null
  await new Promise((done) => {
    const step = (t) => {
      if (last !== null) deltas.push(t - last)
      last = t
      el.scrollTop = el.scrollTop + 240 >= el.scrollHeight - el.clientHeight ? 0 : el.scrollTop + 240
      if (deltas.length >= frames) done()
      else window.__benchRaf(step)
    }
    window.__benchRaf(step)
  })
  return { deltas, scrollHeight: el.scrollHeight }
}`

const OPEN_ARTICLE = `async ({ id, title, marks }) => {
  // The list is virtualised: a row far down is not in the DOM, so reach it through the search box.
  let target = document.querySelector('.article-item[data-article-id="' + id + '"]')
  if (!target) {
    const box = document.querySelector('[data-search-box]')
    if (!box) return { ms: null, reason: 'no search box' }
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set
    setValue.call(box, 'article:' + id)
    box.dispatchEvent(new Event('input', { bubbles: true }))
    target = await new Promise((done) => {
      const started = Date.now()
      const poll = () => {
        const el = document.querySelector('.search-group-header[data-article-id="' + id + '"]')
        if (el) done(el)
        else if (Date.now() - started > 60000) done(null)
        else setTimeout(poll, 20)
      }
      poll()
    })
    if (!target) return { ms: null, reason: 'article ' + id + ' not found through search' }
  }
  const t0 = performance.now()
  target.click()
  const result = await new Promise((done) => {
    const timer = setTimeout(() => { observer.disconnect(); done({ ms: null, reason: 'timed out' }) }, 60000)
    const check = () => {
      const h1 = document.querySelector('#article-title')
      if (!h1 || h1.textContent !== title) return false
      const count = document.querySelectorAll('main mark[data-annotation-id]').length
      if (marks && count === 0) return false
      observer.disconnect()
      clearTimeout(timer)
      window.__benchAfterPaint(() => done({ ms: performance.now() - t0, marks: count }))
      return true
    }
    const observer = new MutationObserver(check)
    observer.observe(document.body, { childList: true, subtree: true, characterData: true })
    check()
  })
  return result
}`

const KEY_PROBE = `() => {
  const lines = document.querySelector('.note-editor .monaco-editor .view-lines')
  if (!lines) return false
  window.__keys = []
  let pending = null
  document.addEventListener('keydown', (e) => { pending = e.timeStamp }, true)
  new MutationObserver(() => {
    if (pending === null) return
    const ts = pending
    pending = null
    window.__benchAfterPaint(() => window.__keys.push(performance.now() - ts))
  }).observe(lines, { childList: true, subtree: true, characterData: true })
  return true
}`

function fail(reason: string): Figure[] {
  return RENDERER_FIGURES.map(([key, label]) =>
    unavailable({ key, group: 8, label, unit: 'ms', note: reason }),
  )
}

async function evaluate<T>(page: Page, fn: string, arg?: unknown): Promise<T> {
  return page.evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`) as Promise<T>
}

/**
 * Poll an expression until it is true (the page's CSP forbids the eval that
 * `page.waitForFunction` uses). Polling only decides when to read a time the
 * page recorded itself, so its interval does not enter any figure.
 */
async function until(page: Page, expression: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if (await page.evaluate(expression)) return true
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return false
}

export async function measureRenderer(lib: BuiltLibrary, mode: Mode): Promise<Figure[]> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    return fail(`no renderer build in ${RENDERER_DIR}: run \`npx electron-vite build\` first`)
  }
  const app = await startE2E({ libraryDir: lib.dir })
  const n = lib.articles.length
  try {
    const { page } = app
    page.setDefaultTimeout(120_000)
    await app.core.store.backupDone
    await app.core.search.whenReady()
    await app.context.addInitScript(PAGE_PROBE)

    // First paint of the list, on fresh loads of the page (the core stays open, as in the app).
    const firstPaint: number[] = []
    let listed = 0
    for (let r = 0; r < mode.renderer.loads; r++) {
      await page.reload()
      if (
        !(await until(
          page,
          'Boolean(window.__bench && window.__bench.firstItemPaint !== null)',
          120_000,
        ))
      ) {
        throw new Error('the library list was never painted')
      }
      firstPaint.push(await evaluate<number>(page, '() => window.__bench.firstItemPaint'))
      listed = await evaluate<number>(
        page,
        `() => document.querySelectorAll('.article-item').length`,
      )
    }

    const scroll = await evaluate<{ deltas: number[]; reason?: string; scrollHeight?: number }>(
      page,
      SCROLL_FRAMES,
      mode.renderer.scrollFrames,
    )

    // Open each heavy article and its twin (same text, no annotations) in turn.
    const open200: number[] = []
    const open0: number[] = []
    let marks = 0
    const problems: string[] = []
    const titles = new Map(lib.articles.map((a) => [a.entry.id, a.entry.title]))
    for (let i = 0; i < mode.renderer.opens; i++) {
      const heavy = lib.heavyIds[i % lib.heavyIds.length] as string
      const twin = lib.twinIds[i % lib.twinIds.length] as string
      const a = await evaluate<{ ms: number | null; reason?: string }>(page, OPEN_ARTICLE, {
        id: twin,
        title: titles.get(twin),
        marks: false,
      })
      if (a.ms === null) problems.push(a.reason ?? 'open failed')
      else open0.push(a.ms)
      await page.waitForTimeout(100)
      const b = await evaluate<{ ms: number | null; marks?: number; reason?: string }>(
        page,
        OPEN_ARTICLE,
        { id: heavy, title: titles.get(heavy), marks: true },
      )
      if (b.ms === null) problems.push(b.reason ?? 'open failed')
      else open200.push(b.ms)
      marks = b.marks ?? marks
      await page.waitForTimeout(100)
    }

    // Keystroke to paint: select an annotation of the open heavy article and type in its note.
    await page.locator('button.annotation-item').first().click()
    const lines = page.locator('.note-editor .monaco-editor .view-lines')
    await lines.waitFor({ timeout: 60_000 })
    await lines.click()
    const keys: number[] = []
    if (await evaluate<boolean>(page, KEY_PROBE)) {
      const text = 'checked against the ministry figures '
        .repeat(4)
        .slice(0, mode.renderer.keystrokes)
      await page.keyboard.type(text, { delay: 50 })
      if (!(await until(page, `window.__keys.length >= ${text.length}`, 10_000))) {
        problems.push('not every keystroke was seen painted')
      }
      keys.push(...(await evaluate<number[]>(page, '() => window.__keys')))
    } else {
      problems.push('note editor not found')
    }
    await page.keyboard.press('Escape')

    const details = { articles: n, pageErrors: app.pageErrors.slice(0, 5), problems }
    const fp = figure({
      key: 'renderer.firstPaint',
      group: 8,
      label: `Renderer: first paint of the library list (${n.toLocaleString('en')} articles, ${listed.toLocaleString('en')} rows rendered)`,
      unit: 'ms',
      samples: firstPaint,
      details: { ...details, from: 'navigation start' },
    })
    const sf = figure({
      key: 'renderer.scrollFrame',
      group: 8,
      label: `Renderer: frame time while scrolling the library list`,
      unit: 'ms',
      samples: scroll.deltas,
      ...(scroll.reason ? { note: scroll.reason } : {}),
      details: { scrollHeight: scroll.scrollHeight ?? null },
    })
    const o0 = figure({
      key: 'renderer.open0',
      group: 8,
      label: 'Renderer: open the same article without annotations',
      unit: 'ms',
      samples: open0,
    })
    const o200Raw = figure({
      key: 'renderer.open200',
      group: 8,
      label: `Renderer: open an article with 200 highlights (${marks} marks drawn)`,
      unit: 'ms',
      samples: open200,
      details: { problems },
    })
    const o200 = withRatio(o200Raw, '200/none', o200Raw, o0, { op: '<=', value: 2 })
    const ks = figure({
      key: 'renderer.keystroke',
      group: 8,
      label: 'Renderer: keystroke to paint in the note editor (Monaco)',
      unit: 'ms',
      samples: keys,
      details: { from: 'keydown event timestamp' },
    })
    return [fp, sf, o200, o0, ks]
  } finally {
    await app.close()
  }
}
