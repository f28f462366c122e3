/**
 * Hostile articles end to end: no markup from an article can execute or load anything.
 *
 * Imports an HTML page, a Markdown file and a plain-text file written to
 * attack the renderer (scripts, event handlers, frames, remote images and
 * stylesheets, `javascript:` and `data:` links, meta refresh, `<base>`),
 * plus files whose *names* are markup, through the app's file input. Each
 * article is opened in the reader, its link-looking text is clicked, and
 * its export preview is opened. Watchers installed in the page before the
 * app's own scripts record every write to `window.__pwned`, every CSP
 * violation, every dialog and every element of a loading or executing kind
 * that appears in the app's tree; the harness records every request that
 * would leave the machine. All of them must stay empty, and a final check
 * proves the watchers do see an attack when one happens.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  callCore,
  currentArticleId,
  REPO_ROOT,
  selectPhrase,
  startE2E,
  type E2EHarness,
} from '../support/e2e-harness'

const SCREENSHOT = join(REPO_ROOT, 'docs/screenshots/hostile-article.png')

/** Elements that load or run something; none may come from an article. */
const ACTIVE_ELEMENTS = [
  'script',
  'iframe',
  'frame',
  'img',
  'picture',
  'source',
  'video',
  'audio',
  'object',
  'embed',
  'svg',
  'math',
  'link',
  'style',
  'meta',
  'base',
  'form',
  'a',
]
const ACTIVE_SELECTOR = ACTIVE_ELEMENTS.join(', ')

const TXT_LITERAL = '<script>window.__pwned=5</script>'

const HTML_ARTICLE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">
<base href="https://evil.example/">
<title>Granary Audit Finds Shortfall</title>
<link rel="stylesheet" href="https://cdn.example/x.css">
<link rel="preload" as="image" href="https://tracker.example/preload.png">
<style>@import url(https://evil.example/a.css); body{background:url(https://evil.example/b.png)}</style>
<script>window.__pwned = 1; fetch('http://198.51.100.7/x')</script>
<script src="https://evil.example/remote.js"></script>
</head>
<body onload="window.__pwned=9">
<article>
<h1>Granary Audit Finds Shortfall</h1>
<p>The regional audit office said on Monday that state granaries held 12 percent less wheat than their books showed. <img src=x onerror="window.__pwned=2"> Inspectors visited forty sites over the winter.</p>
<p>The office published its findings <a href="javascript:window.__pwned=3">click</a> in a report to the regional assembly, and <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data link</a> a summary <a href="data:text/html,<script>alert(1)</script>">data html</a> for the press.</p>
<iframe src="https://example.com"></iframe>
<svg><script>window.__pwned=4</script></svg>
<p>Granary managers disputed the figures and said stock had been moved to private mills under contracts signed in the autumn. <img src="https://tracker.example/pixel.png" alt="pixel"></p>
<object data="https://evil.example/movie.swf" type="application/x-shockwave-flash"></object>
<embed src="https://evil.example/embed.swf">
<video src="https://evil.example/v.mp4" poster="https://evil.example/poster.png"></video>
<form action="https://evil.example/collect"><input name="q"><button>Send</button></form>
<p>The assembly will hear the auditors and the managers at a session next month, a spokesperson said.</p>
</article>
</body>
</html>
`

const MARKDOWN_ARTICLE = `# Ferry Operator Cancels Winter Sailings

The ferry operator said on Thursday that it would cancel its winter sailings to the northern islands. <img src=x onerror="window.__pwned=10"> Islanders will rely on the weekly supply boat.

<script>window.__pwned = 11; fetch('http://198.51.100.7/md')</script>

The company blamed fuel costs ![x](https://tracker.example/p.png) and a shortage of crew, and said that [click](javascript:alert(1)) the timetable would be reviewed in spring.

<iframe src="https://example.com/md"></iframe>

Local councillors said they would ask the transport ministry for an emergency subsidy [data](data:text/html,<script>alert(2)</script>) before the end of the year.
`

const TEXT_ARTICLE = `Customs Office Posts Notice Containing Markup

The customs office said in a notice on Friday that its web form had been defaced with the text ${TXT_LITERAL} before it was taken offline.

Officials said the form also showed <img src=x onerror="window.__pwned=6"> and <a href="javascript:alert(7)">click</a>, and that no data had been lost.
`

/** An analyst's note quoting the markup; notes reach the briefing too. */
const NOTE_LITERAL = 'Defacement read <img src=x onerror=window.__pwned=15> here'

/** File names are article text too: the import report shows them. */
const HOSTILE_NAME_IMPORTED = '<img src=x onerror=window.__pwned=12>.txt'
const HOSTILE_NAME_REJECTED = '<svg onload=window.__pwned=13>.pdf'
const NAMED_ARTICLE = `Port Authority Names New Harbour Master

The port authority appointed a new harbour master on Wednesday, ending a search that lasted six months.
`

interface ArticleCase {
  readonly file: string
  readonly content: string
  /** A word of the title, to find the article in the library. */
  readonly titleWord: RegExp
  /** Text the reader must show, proving the article body rendered. */
  readonly expectText: string
}

const CASES: readonly ArticleCase[] = [
  {
    file: 'granary-audit.html',
    content: HTML_ARTICLE,
    titleWord: /Granary Audit/,
    expectText: 'Inspectors visited forty sites over the winter.',
  },
  {
    file: 'ferry-sailings.md',
    content: MARKDOWN_ARTICLE,
    titleWord: /Ferry Operator/,
    expectText: 'Islanders will rely on the weekly supply boat.',
  },
  {
    file: 'customs-notice.txt',
    content: TEXT_ARTICLE,
    titleWord: /Customs Office/,
    expectText: TXT_LITERAL,
  },
  {
    file: HOSTILE_NAME_IMPORTED,
    content: NAMED_ARTICLE,
    titleWord: /Harbour Master/,
    expectText: 'ending a search that lasted six months',
  },
]

/** What the page-side watchers saw; read with `watchReport`. */
interface WatchReport {
  /** Every value written to `window.__pwned`. */
  readonly pwnedWrites: string[]
  /** Every CSP violation: directive and blocked URI. */
  readonly violations: string[]
  /** Active elements that appeared inside the app's tree after it started. */
  readonly activeElements: string[]
  readonly pwned: unknown
}

describe('hostile articles', () => {
  let app: E2EHarness
  const dialogs: string[] = []

  beforeAll(async () => {
    app = await startE2E()
    await app.context.addInitScript(installWatchers, ACTIVE_SELECTOR)
    app.page.on('dialog', (dialog) => {
      dialogs.push(`${dialog.type()}: ${dialog.message()}`)
      void dialog.dismiss().catch(() => {})
    })
    // Reload so the watchers are in place before the app's own scripts run.
    await app.open()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('imports hostile HTML, Markdown and text and runs or loads nothing from them', async () => {
    const { page } = app
    const appUrl = page.url()
    await page.getByRole('button', { name: 'Open sample library' }).waitFor()
    expect((await watchReport(page)).pwnedWrites).toEqual([])

    // Import everything through the file input, as an analyst choosing files would.
    const dir = join(app.scratchDir, 'hostile')
    await mkdir(dir, { recursive: true })
    const paths: string[] = []
    for (const c of CASES) {
      paths.push(join(dir, c.file))
      await writeFile(join(dir, c.file), c.content)
    }
    paths.push(join(dir, HOSTILE_NAME_REJECTED))
    await writeFile(join(dir, HOSTILE_NAME_REJECTED), '<svg onload="window.__pwned=14"></svg>')
    await page.getByTestId('import-file-input').setInputFiles(paths)

    const results = page.getByRole('region', { name: 'Import results' })
    await expect
      .poll(() => results.textContent())
      .toContain(`${CASES.length} imported · 1 rejected`)
    // Markup in file names is shown as the names' text.
    const names = await results.locator('.import-outcome-name').allTextContents()
    expect(names).toContain(HOSTILE_NAME_IMPORTED)
    expect(names).toContain(HOSTILE_NAME_REJECTED)
    expect(await results.locator(ACTIVE_SELECTOR).count()).toBe(0)

    const library = page.getByRole('navigation', { name: 'Library' })
    const reader = page.getByRole('main', { name: 'Article reader' })
    const body = reader.locator('[data-article-body]')
    for (const c of CASES) {
      await library.getByRole('option', { name: c.titleWord }).click()
      await reader.getByRole('heading', { level: 1, name: c.titleWord }).waitFor()
      await expect.poll(() => body.textContent(), { message: c.file }).toContain(c.expectText)

      // Click whatever reads like a link; it is text and must do nothing.
      for (const word of ['click', 'data link', 'data html', 'data', 'x']) {
        const holder = body.locator('span', { hasText: new RegExp(`\\b${word}\\b`) })
        if ((await holder.count()) === 0) continue
        await holder.first().scrollIntoViewIfNeeded()
        await clickWord(holder.first(), word)
      }

      // Wait until error handlers, image loads and CSP reports would have run, were they there.
      await settled(page)
      expect(await reader.locator(ACTIVE_SELECTOR).count(), c.file).toBe(0)
      expect(await library.locator(ACTIVE_SELECTOR).count(), c.file).toBe(0)
      const report = await watchReport(page)
      expect(report.pwned, c.file).toBeUndefined()
      expect(report.pwnedWrites, c.file).toEqual([])
      expect(report.violations, c.file).toEqual([])
      expect(report.activeElements, c.file).toEqual([])
    }

    // The plain-text article shows its markup as the words it is.
    await library.getByRole('option', { name: /Customs Office/ }).click()
    const literal = body.getByText(TXT_LITERAL, { exact: false })
    await literal.waitFor()
    expect(await literal.isVisible()).toBe(true)
    expect(await body.textContent()).toContain('<img src=x onerror="window.__pwned=6">')
    expect(await body.textContent()).toContain('<a href="javascript:alert(7)">click</a>')

    // Highlight the markup and give it a note that is markup too, so the briefing carries both.
    expect(await selectPhrase(page, TXT_LITERAL)).toBe(true)
    await page.keyboard.press('h')
    await reader.locator('mark[data-annotation-id]').first().waitFor()
    expect(await reader.locator('mark[data-annotation-id]').allTextContents()).toEqual([
      TXT_LITERAL,
    ])
    const pane = page.getByRole('complementary', { name: 'Annotations' })
    await pane.locator('.note-editor .monaco-editor .view-lines').click()
    await page.keyboard.type(NOTE_LITERAL)
    await pane.locator('[data-save-state="saved"]').waitFor()
    await reader.locator('mark[data-annotation-id]').first().click()
    await mkdir(join(REPO_ROOT, 'docs/screenshots'), { recursive: true })
    await page.screenshot({ path: SCREENSHOT })

    // The export preview shows the briefing as text, whatever the article says.
    const dialog = page.getByRole('dialog', { name: 'Export briefing' })
    const preview = dialog.getByTestId('export-preview')
    for (const c of CASES) {
      await library.getByRole('option', { name: c.titleWord }).click()
      await reader.getByRole('heading', { level: 1, name: c.titleWord }).waitFor()
      await reader.getByRole('button', { name: 'Export…' }).click()
      // Monaco (the preview) draws spaces as no-break spaces.
      const shown = async () => ((await preview.textContent()) ?? '').replace(/\u00a0/gu, ' ')
      await expect.poll(shown, { message: c.file }).toMatch(c.titleWord)
      await settled(page)
      expect(await dialog.locator(ACTIVE_SELECTOR).count(), c.file).toBe(0)
      // Only text inside the preview's lines: Monaco's own spans, no element made from the briefing.
      expect(await preview.locator('.view-lines').count(), c.file).toBe(1)
      expect(await preview.locator('.view-lines *:not(div, span)').count(), c.file).toBe(0)
      if (c.content === TEXT_ARTICLE) {
        // The highlighted markup and the note are in the briefing as escaped text, so the
        // briefing, opened later in a Markdown viewer, cannot run them either. The preview
        // scrolls, so read the whole briefing from the channel it shows.
        const { text } = await callCore<{ text: string }>(app, 'export:preview', {
          articleIds: [await currentArticleId(page)],
          format: 'md',
        })
        expect(text).toMatch(/pwned=5/)
        expect(text).toMatch(/pwned=15/)
        expect(text).not.toMatch(/<(?:script|img)\b/i)
      }
      await dialog.getByRole('button', { name: 'Close' }).click()
      await dialog.waitFor({ state: 'hidden' })
    }

    await settled(page)
    const report = await watchReport(page)
    expect(report.pwned).toBeUndefined()
    expect(report.pwnedWrites).toEqual([])
    expect(report.violations).toEqual([])
    expect(report.activeElements).toEqual([])
    expect(dialogs).toEqual([])
    expect(app.externalRequests).toEqual([])
    expect(app.pageErrors).toEqual([])
    // Still the app's one page and frame: nothing navigated, framed or opened a window.
    expect(page.url()).toBe(appUrl)
    expect(page.frames()).toHaveLength(1)
    expect(app.context.pages()).toHaveLength(1)
    console.log(
      `hostile articles (e2e): ${JSON.stringify({
        files: paths.length,
        scriptsRan: report.pwnedWrites.length,
        cspViolations: report.violations.length,
        activeElements: report.activeElements.length,
        externalRequests: app.externalRequests.length,
        pageErrors: app.pageErrors.length,
      })}`,
    )
  })

  it('has watchers that do see an attack (control)', async () => {
    const { page } = app
    const inject = (html: string) =>
      page.locator('[data-article-body]').evaluate((body, markup) => {
        const host = body as unknown as { insertAdjacentHTML(where: string, html: string): void }
        host.insertAdjacentHTML('beforeend', markup)
      }, html)
    const before = (await watchReport(page)).violations.length
    // Markup injected the way a careless renderer would: CSP must refuse it, and the watchers
    // must have seen it once `settled` returns, or the checks above would prove nothing.
    // An image from this server that fails, as an article's `<img src=x onerror=…>` would:
    await inject('<img src="control-missing.png" onerror="window.__pwned=98">')
    await settled(page)
    const local = await watchReport(page)
    expect(local.activeElements.some((e) => e.startsWith('<img src="control-missing.png"'))).toBe(
      true,
    )
    expect(local.violations.slice(before).join('\n')).toMatch(/^script-src-attr inline/m)
    // A remote image, which CSP refuses:
    await inject('<img src="https://tracker.example/control.png" onerror="window.__pwned=99">')
    await settled(page)
    const remote = await watchReport(page)
    expect(remote.activeElements.some((e) => e.includes('tracker.example/control.png'))).toBe(true)
    expect(remote.violations.join('\n')).toMatch(
      /^img-src https:\/\/tracker\.example\/control\.png/m,
    )
    expect(remote.pwnedWrites).toEqual([])
    // The page's own script can write the variable; the watcher records it.
    await page.evaluate(() => {
      ;(globalThis as unknown as { __pwned: number }).__pwned = 100
    })
    expect((await watchReport(page)).pwnedWrites).toEqual(['100'])
  })
})

/**
 * Runs in the page before the app's scripts (Playwright serialises it, so
 * it is self-contained): record writes to `window.__pwned`, CSP
 * violations, and active elements added inside the app's root or dialogs.
 */
function installWatchers(activeSelector: string): void {
  interface El {
    tagName: string
    outerHTML: string
    matches(selector: string): boolean
    closest(selector: string): El | null
    querySelectorAll(selector: string): Iterable<El>
  }
  interface Violation {
    violatedDirective: string
    blockedURI: string
    sourceFile: string
    lineNumber: number
    columnNumber: number
    sample: string
  }
  const g = globalThis as unknown as {
    __watch: { pwnedWrites: string[]; violations: string[]; activeElements: string[] }
    document: {
      addEventListener(type: string, listener: (event: Violation) => void, capture: boolean): void
      readyState: string
    }
    MutationObserver: new (
      callback: (records: { addedNodes: Iterable<{ nodeType: number }> }[]) => void,
    ) => { observe(target: unknown, options: { childList: boolean; subtree: boolean }): void }
  }
  const watch = {
    pwnedWrites: [] as string[],
    violations: [] as string[],
    activeElements: [] as string[],
  }
  Object.defineProperty(g, '__watch', { value: watch })
  let pwned: unknown
  Object.defineProperty(g, '__pwned', {
    configurable: false,
    get: () => pwned,
    set: (value: unknown) => {
      pwned = value
      watch.pwnedWrites.push(String(value))
    },
  })
  g.document.addEventListener(
    'securitypolicyviolation',
    (event) =>
      watch.violations.push(
        `${event.violatedDirective} ${event.blockedURI} at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      ),
    true,
  )
  // The app's own tree: its root and the dialogs it opens. Monaco's styles go to <head>.
  const APP_TREE = '#root, dialog'
  const record = (el: El) => {
    if (el.closest(APP_TREE)) watch.activeElements.push(el.outerHTML.slice(0, 200))
  }
  new g.MutationObserver((records) => {
    for (const r of records) {
      for (const node of r.addedNodes) {
        if (node.nodeType !== 1) continue
        const el = node as unknown as El
        if (el.matches(activeSelector)) record(el)
        for (const inner of el.querySelectorAll(activeSelector)) record(inner)
      }
    }
  }).observe(g.document, { childList: true, subtree: true })
}

/** Probes made so far, so that each asks for a URL of its own (never a cached answer). */
let probes = 0

/**
 * A positive sync point for "nothing ran and nothing loaded": resolves once
 * the page has done what the actions before it could have set off.
 *
 * An image is requested from the app's own server after the last action and
 * its failure awaited: the path an article's `<img src=x onerror=…>` would
 * take (a request to this server, a 404, an error event whose inline handler
 * CSP refuses and reports). Then two rendering frames (React's commits and
 * Monaco's drawing, seen by the mutation observer) and one more task (the
 * CSP reports and error events queued behind them). The probe is never put
 * in the document, so the watchers do not see it; its own listeners are not
 * inline, so CSP has nothing to report about it.
 */
async function settled(page: E2EHarness['page']): Promise<void> {
  probes++
  await page.evaluate(async (url) => {
    interface Probe {
      src: string
      addEventListener(type: string, listener: () => void, options: { once: boolean }): void
    }
    const g = globalThis as unknown as {
      Image: new () => Probe
      requestAnimationFrame(callback: () => void): void
      setTimeout(callback: () => void, ms: number): void
    }
    await new Promise<void>((resolve) => {
      const probe = new g.Image()
      probe.addEventListener('error', () => resolve(), { once: true })
      probe.addEventListener('load', () => resolve(), { once: true })
      probe.src = url
    })
    for (let frame = 0; frame < 2; frame++) {
      await new Promise<void>((resolve) => g.requestAnimationFrame(() => resolve()))
    }
    // A zero delay: one task after those already queued, not a time to wait.
    await new Promise<void>((resolve) => g.setTimeout(() => resolve(), 0))
  }, `/index.html?settled=${probes}`)
}

async function watchReport(page: E2EHarness['page']): Promise<WatchReport> {
  const report = await page.evaluate(() => {
    const g = globalThis as unknown as {
      __watch: Omit<WatchReport, 'pwned'>
      __pwned: unknown
    }
    return {
      pwnedWrites: [...g.__watch.pwnedWrites],
      violations: [...g.__watch.violations],
      activeElements: [...g.__watch.activeElements],
      pwned: g.__pwned,
    }
  })
  return report
}

/** Click the middle of one word inside an element's text (for words set inside a sentence). */
async function clickWord(
  target: ReturnType<E2EHarness['page']['locator']>,
  word: string,
): Promise<void> {
  const SHOW_TEXT = 4
  const box = await target.evaluate(
    (el, { text, show }) => {
      const element = el as unknown as {
        ownerDocument: {
          createTreeWalker(root: unknown, what: number): { nextNode(): unknown }
          createRange(): {
            setStart(node: unknown, at: number): void
            setEnd(node: unknown, at: number): void
            getBoundingClientRect(): { x: number; y: number; width: number; height: number }
          }
        }
      }
      const doc = element.ownerDocument
      const walker = doc.createTreeWalker(el, show)
      const pattern = new RegExp(`\\b${text}\\b`)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = String((node as { nodeValue?: string }).nodeValue ?? '')
        const at = value.search(pattern)
        if (at < 0) continue
        const range = doc.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + text.length)
        const r = range.getBoundingClientRect()
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 }
      }
      return null
    },
    { text: word, show: SHOW_TEXT },
  )
  if (box) await target.page().mouse.click(box.x, box.y)
}
