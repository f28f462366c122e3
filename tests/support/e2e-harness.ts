/**
 * The built renderer in headless Chromium, wired to a real app core.
 *
 * Why not Electron: Electron's binary cannot be downloaded here, and what
 * the end-to-end tests must prove is the renderer against the real main
 * side. So the harness serves `out/renderer` from 127.0.0.1 with the app's
 * CSP, and gives the page the same `window.workbench` the preload builds:
 * one function per channel and one subscription per event, derived from
 * the contract's channel list. Calls travel through a Playwright binding
 * into `dispatch` with the sender main would see for the app's own top
 * frame; events from the core are pushed back into the page. Every request
 * the page makes is recorded, and any that leaves the machine is aborted
 * and reported, so a test can prove the app stayed offline.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { APP_ORIGIN, createAppCore, type AppCore } from '../../src/main/app-core'
import type { SenderInfo } from '../../src/main/ipc/dispatch'
import { CONTENT_SECURITY_POLICY, mimeTypeOf } from '../../src/main/security'
import {
  CHANNELS,
  EVENTS,
  methodName,
  subscriptionName,
  type EventName,
} from '../../src/shared/ipc/channels'
import type { EventPayloads } from '../../src/shared/ipc/contract'

export const REPO_ROOT = resolve(__dirname, '../..')
/** The built renderer; WORKBENCH_RENDERER_DIR points elsewhere (the benchmark uses a build of its own). */
export const RENDERER_DIR = process.env.WORKBENCH_RENDERER_DIR ?? join(REPO_ROOT, 'out/renderer')
export const SAMPLES_DIR = join(REPO_ROOT, 'data/samples')
/** The built search worker, so the window's searches go through a worker thread as in the app. */
export const SEARCH_WORKER =
  process.env.WORKBENCH_SEARCH_WORKER ?? join(REPO_ROOT, 'out/main/search-worker.js')
/** The built import worker, so the window's imports are parsed in a worker thread as in the app. */
export const PARSE_WORKER = join(REPO_ROOT, 'out/main/parse-worker.js')

/** What the stubbed native dialogs answer; tests set these before clicking. */
export interface DialogAnswers {
  /** Paths `import:pick` returns (the first one for `article:reextract`'s dialog); null means the analyst cancelled. */
  pickPaths: string[] | null
  /** Path `export:save` writes to; null means the analyst cancelled. */
  exportPath: string | null
}

export interface E2EHarness {
  readonly page: Page
  readonly context: BrowserContext
  readonly core: AppCore
  readonly libraryDir: string
  /** A scratch folder removed on close, for export targets and the like. */
  readonly scratchDir: string
  readonly baseUrl: string
  readonly answers: DialogAnswers
  /** Every URL the page requested. */
  readonly requests: readonly string[]
  /** Requests to anywhere but this machine; each was aborted. Must stay empty. */
  readonly externalRequests: readonly string[]
  /** Uncaught page errors and console errors. Must stay empty. */
  readonly pageErrors: readonly string[]
  /** Send an event to the page as main would (e.g. a menu command). */
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void
  /** Load the app page (again). */
  open(): Promise<void>
  /**
   * Close the browser, the server and the core, and remove the scratch folder.
   *
   * A library passed in `E2EOptions.libraryDir` is left in place for the caller.
   */
  close(): Promise<void>
}

export interface E2EOptions {
  /** Use this library folder instead of a fresh temporary one. */
  readonly libraryDir?: string
  readonly viewport?: { readonly width: number; readonly height: number }
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** The sender main sees for the app's own window. */
export const APP_SENDER: SenderInfo = { url: `${APP_ORIGIN}/index.html`, isTopFrame: true }

/** Start the server, the core and Chromium, and open the app page. */
export async function startE2E(options: E2EOptions = {}): Promise<E2EHarness> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(
      `No renderer build at ${RENDERER_DIR}. Run \`npx electron-vite build\` before the e2e tests.`,
    )
  }
  if (!existsSync(SEARCH_WORKER)) {
    throw new Error(
      `No search worker at ${SEARCH_WORKER}. Run \`npx electron-vite build\` before the e2e tests.`,
    )
  }
  const scratchDir = await mkdtemp(join(tmpdir(), 'workbench-e2e-'))
  const profileDir = join(scratchDir, 'chromium-profile')
  const libraryDir = options.libraryDir ?? join(scratchDir, 'library')
  const answers: DialogAnswers = { pickPaths: null, exportPath: null }
  const requests: string[] = []
  const externalRequests: string[] = []
  const pageErrors: string[] = []

  let context: BrowserContext | null = null
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]): void => {
    const json = JSON.stringify(encodeBinary(payload))
    for (const page of context?.pages() ?? []) {
      page
        .evaluate(
          ([name, data]) => {
            const bridge = globalThis as unknown as {
              __workbenchEmit?: (e: string, p: string) => void
            }
            bridge.__workbenchEmit?.(name, data)
          },
          [event, json] as const,
        )
        .catch(() => {
          // The page may be closing; an event it never sees is harmless.
        })
    }
  }
  const core = await createAppCore({
    libraryDir,
    samplesDir: SAMPLES_DIR,
    trustedOrigins: [APP_ORIGIN],
    dialogs: {
      pickArticleFiles: async () => answers.pickPaths,
      pickWebPage: async () => answers.pickPaths?.[0] ?? null,
      chooseExportPath: async () => answers.exportPath,
    },
    emit,
    log: (message, error) => pageErrors.push(`main: ${message}: ${String(error)}`),
    searchWorkerPath: SEARCH_WORKER,
    parseWorkerPath: PARSE_WORKER,
  })

  const server = await startStaticServer(RENDERER_DIR)
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1440, height: 900 },
      deviceScaleFactor: 1,
    })
  } catch (error) {
    server.close()
    await core.close()
    await rm(scratchDir, { recursive: true, force: true })
    throw error
  }

  context.on('request', (request) => {
    const url = request.url()
    requests.push(url)
    if (!isLocalUrl(url) && !externalRequests.includes(url)) externalRequests.push(url)
  })
  await context.route('**/*', async (route) => {
    const url = route.request().url()
    if (isLocalUrl(url)) return route.continue()
    if (!externalRequests.includes(url)) externalRequests.push(url)
    return route.abort('blockedbyclient')
  })

  await context.exposeBinding(
    '__workbenchInvoke',
    async (source, channel: unknown, payloadJson: unknown) => {
      const sender: SenderInfo = {
        url: appUrlOf(source.frame.url(), baseUrl),
        isTopFrame: source.frame === source.page.mainFrame(),
      }
      const input =
        typeof payloadJson === 'string' ? decodeBinary(JSON.parse(payloadJson)) : undefined
      const result = await core.dispatch(String(channel), input, sender)
      return JSON.stringify(encodeBinary(result))
    },
  )
  await context.addInitScript(installWorkbenchBridge, {
    methods: CHANNELS.map((channel) => ({ channel, method: methodName(channel) })),
    events: EVENTS.map((event) => ({ event, subscription: subscriptionName(event) })),
  })

  // Fail fast: nothing in this app should take seconds.
  context.setDefaultTimeout(10_000)
  const page = context.pages()[0] ?? (await context.newPage())
  const watch = (p: Page) => {
    p.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`))
    p.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`)
    })
    p.on('websocket', (socket) => externalRequests.push(socket.url()))
  }
  for (const p of context.pages()) watch(p)
  context.on('page', watch)

  const open = async () => {
    await page.goto(`${baseUrl}/index.html`)
  }
  await open()

  const liveContext = context
  let closed = false
  return {
    page,
    context: liveContext,
    core,
    libraryDir,
    scratchDir,
    baseUrl,
    answers,
    requests,
    externalRequests,
    pageErrors,
    emit,
    open,
    async close() {
      if (closed) return
      closed = true
      await liveContext.close().catch(() => {})
      await new Promise<void>((done) => server.close(() => done()))
      await core.close()
      await rm(scratchDir, { recursive: true, force: true })
    },
  }
}

/** Whether a URL stays on this machine. */
export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true
  try {
    const { protocol, hostname } = new URL(url)
    return (
      (protocol === 'http:' || protocol === 'https:' || protocol === 'ws:') &&
      (hostname === '127.0.0.1' || hostname === 'localhost')
    )
  } catch {
    return false
  }
}

/** The URL main would see: the page served from our origin stands for the app's own origin. */
function appUrlOf(frameUrl: string, baseUrl: string): string {
  return frameUrl.startsWith(`${baseUrl}/`)
    ? `${APP_ORIGIN}/${frameUrl.slice(baseUrl.length + 1)}`
    : frameUrl
}

/** Serve a folder read-only with the app's CSP, as the `app://` protocol does in Electron. */
async function startStaticServer(root: string): Promise<Server> {
  const base = resolve(root) + sep
  const server = createServer((request, response) => {
    let pathname: string
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
    } catch {
      response.writeHead(400).end()
      return
    }
    const file = resolve(base, `.${pathname === '/' ? '/index.html' : pathname}`)
    if (!file.startsWith(base) || request.method !== 'GET') {
      response.writeHead(404).end()
      return
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': mimeTypeOf(file),
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        })
        response.end(body)
      },
      () => response.writeHead(404).end(),
    )
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return server
}

/** Binary values cross the JSON binding as tagged base64. */
interface TaggedBytes {
  readonly __workbenchBytes: string
}

function isTaggedBytes(value: unknown): value is TaggedBytes {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { __workbenchBytes?: unknown }).__workbenchBytes === 'string'
  )
}

/** Replace Uint8Arrays by tagged base64 (test-process side). */
export function encodeBinary(value: unknown): unknown {
  if (value instanceof Uint8Array)
    return { __workbenchBytes: Buffer.from(value).toString('base64') }
  if (Array.isArray(value)) return value.map(encodeBinary)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeBinary(v)]))
  }
  return value
}

/** Restore Uint8Arrays from tagged base64 (test-process side). */
export function decodeBinary(value: unknown): unknown {
  if (isTaggedBytes(value)) return new Uint8Array(Buffer.from(value.__workbenchBytes, 'base64'))
  if (Array.isArray(value)) return value.map(decodeBinary)
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decodeBinary(v)]))
  }
  return value
}

interface BridgeSpec {
  readonly methods: readonly { readonly channel: string; readonly method: string }[]
  readonly events: readonly { readonly event: string; readonly subscription: string }[]
}

/**
 * Runs in the page before its scripts: builds `window.workbench` like the preload does.
 *
 * Self-contained (Playwright serialises it), so it repeats the tagged-bytes
 * encoding with the browser's own base64 functions.
 */
function installWorkbenchBridge(spec: BridgeSpec): void {
  type Listener = (payload: unknown) => void
  const page = globalThis as unknown as {
    __workbenchInvoke: (channel: string, payloadJson: string) => Promise<string>
    __workbenchEmit?: (event: string, payloadJson: string) => void
    workbench?: unknown
  }
  const toBase64 = (bytes: Uint8Array): string => {
    let binary = ''
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
    }
    return btoa(binary)
  }
  const encode = (value: unknown): unknown => {
    if (value instanceof Uint8Array) return { __workbenchBytes: toBase64(value) }
    if (Array.isArray(value)) return value.map(encode)
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
    }
    return value
  }
  const decode = (value: unknown): unknown => {
    if (typeof value === 'object' && value !== null && '__workbenchBytes' in value) {
      const binary = atob(String((value as { __workbenchBytes: unknown }).__workbenchBytes))
      return Uint8Array.from(binary, (c) => c.charCodeAt(0))
    }
    if (Array.isArray(value)) return value.map(decode)
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, decode(v)]))
    }
    return value
  }

  const listeners = new Map<string, Set<Listener>>()
  const api: Record<string, unknown> = {}
  for (const { channel, method } of spec.methods) {
    api[method] = async (input: unknown) =>
      decode(JSON.parse(await page.__workbenchInvoke(channel, JSON.stringify(encode(input)))))
  }
  for (const { event, subscription } of spec.events) {
    const set = new Set<Listener>()
    listeners.set(event, set)
    api[subscription] = (listener: Listener) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function')
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    }
  }
  Object.defineProperty(page, 'workbench', { value: Object.freeze(api), enumerable: true })
  Object.defineProperty(page, '__workbenchEmit', {
    value: (event: string, payloadJson: string) => {
      const payload = decode(JSON.parse(payloadJson))
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
  })
}

/**
 * Select the first occurrence of `phrase` in the article body with a DOM range, as a reader's drag would.
 *
 * Returns false when the phrase is not in the article. The callback reaches
 * the DOM through the element it is given, since the tests are type-checked
 * without the DOM lib.
 */
export async function selectPhrase(page: Page, phrase: string): Promise<boolean> {
  const SHOW_TEXT = 4
  return page.locator('[data-article-body]').evaluate(
    (body, { text, show }) => {
      const doc = body.ownerDocument
      const walker = doc.createTreeWalker(body, show)
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = String(node.nodeValue ?? '').indexOf(text)
        if (at < 0) continue
        const range = doc.createRange()
        range.setStart(node, at)
        range.setEnd(node, at + text.length)
        const selection = doc.getSelection()
        selection?.removeAllRanges()
        selection?.addRange(range)
        return true
      }
      return false
    },
    { text: phrase, show: SHOW_TEXT },
  )
}

/** Move keyboard focus off whatever has it, back to the page body, so window shortcuts apply. */
export async function focusBody(page: Page): Promise<void> {
  await page.locator('body').evaluate((body) => {
    const active = body.ownerDocument.activeElement as { blur?: () => void } | null
    active?.blur?.()
  })
}

/** The id of the article open in the reader, from the library list's current item. */
export async function currentArticleId(page: Page): Promise<string> {
  const id = await page
    .getByRole('navigation', { name: 'Library' })
    .locator('[data-article-id][aria-current="true"]')
    .getAttribute('data-article-id')
  if (!id) throw new Error('No article is open')
  return id
}

/** Call a channel on the core as the app's window would, and unwrap the value (throws on an error). */
export async function callCore<T>(app: E2EHarness, channel: string, input: unknown): Promise<T> {
  const result = await app.core.dispatch(channel, input, APP_SENDER)
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.message}`)
  return result.value as T
}
