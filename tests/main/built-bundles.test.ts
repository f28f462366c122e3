/**
 * Smoke test of the bundles we ship: the built main and preload, run in
 * plain Node against a faithful stub of Electron.
 */
import type { EventEmitter } from 'node:events'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import Module from 'node:module'
import { join, resolve } from 'node:path'
import vm from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, EVENTS, methodName, subscriptionName } from '../../src/shared/ipc/channels'
import { CONTENT_SECURITY_POLICY } from '../../src/main/security'
import { createElectronStub, type StubBrowserWindow } from '../support/electron-stub'
import { makeTempDir, removeDir } from '../support/temp-dir'

const ROOT = resolve(__dirname, '../..')
const MAIN = join(ROOT, 'out/main/index.js')
const PRELOAD = join(ROOT, 'out/preload/index.cjs')
const RENDERER_INDEX = join(ROOT, 'out/renderer/index.html')

const SAVED_WINDOW = { x: 120, y: 60, width: 1300, height: 820, maximized: true }

type LoadFn = (request: string, parent: unknown, isMain: boolean) => unknown

/** Worker threads the built main started, with what went wrong in them. */
const workers: { path: string; errors: Error[]; exitCode: number | null }[] = []

/** `worker_threads` with a `Worker` that records itself in `workers`. */
function recordingWorkers(real: typeof import('node:worker_threads')): unknown {
  class RecordingWorker extends real.Worker {
    constructor(path: string | URL, options?: import('node:worker_threads').WorkerOptions) {
      super(path, options)
      const record = { path: String(path), errors: [] as Error[], exitCode: null as number | null }
      workers.push(record)
      this.on('error', (error) => record.errors.push(error))
      this.on('exit', (code) => (record.exitCode = code))
    }
  }
  return { ...real, Worker: RecordingWorker }
}

/**
 * Resolves once `done()` holds, checking now and after each `event` from `emitter`.
 *
 * The stub emits what the app does (a window created, a quit asked for), so
 * the test waits for that, however long a loaded machine takes to get there.
 */
function when(emitter: EventEmitter, event: string, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done()) return resolve()
    const listener = () => {
      if (!done()) return
      emitter.off(event, listener)
      resolve()
    }
    emitter.on(event, listener)
  })
}

describe('built main bundle', () => {
  let userData: string
  let stub: ReturnType<typeof createElectronStub>
  let window: StubBrowserWindow
  const moduleWithLoad = Module as unknown as { _load: LoadFn }
  const originalLoad = moduleWithLoad._load

  beforeAll(async () => {
    if (!existsSync(MAIN) || !existsSync(PRELOAD)) {
      throw new Error('The app is not built: run "npm run build" before this test')
    }
    userData = await makeTempDir('workbench-userdata-')
    // Where the analyst left the window last time.
    writeFileSync(join(userData, 'window-state.json'), JSON.stringify(SAVED_WINDOW))
    stub = createElectronStub(userData, ROOT)
    moduleWithLoad._load = function (request, parent, isMain) {
      if (request === 'electron') return stub.main
      const loaded = originalLoad.call(this, request, parent, isMain)
      if (request === 'node:worker_threads' || request === 'worker_threads') {
        return recordingWorkers(loaded as typeof import('node:worker_threads'))
      }
      return loaded
    }
    // The stub's BrowserWindow emits this as Electron does, once the window exists.
    const windowCreated = when(
      stub.main.app,
      'web-contents-created',
      () => stub.record.windows.length > 0,
    )
    createRequire(import.meta.url)(MAIN)
    stub.ready()
    await windowCreated
    window = stub.record.windows[0]!
  })

  afterAll(async () => {
    if (stub) {
      // The app refuses the first quit, closes the library, then quits again.
      const quitAgain = when(stub.main.app, 'before-quit', () => stub.record.quitCalls >= 2)
      stub.main.app.quit()
      await quitAgain
    }
    moduleWithLoad._load = originalLoad
    await removeDir(userData)
  })

  it('creates exactly one window with the secure preferences', () => {
    expect(stub.record.windows).toHaveLength(1)
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
    expect(window.options.webPreferences).not.toHaveProperty('enableRemoteModule')
  })

  it('opens the window where it was left, maximized if it was', () => {
    expect(window.options).toMatchObject({ x: 120, y: 60, width: 1300, height: 820 })
    expect(window.isMaximized()).toBe(true)
  })

  it('passes a preload file that exists and is CommonJS', () => {
    const preload = (window.options.webPreferences as { preload: string }).preload
    expect(resolve(preload)).toBe(PRELOAD)
    const code = readFileSync(preload, 'utf8')
    expect(code).toMatch(/require\(["']electron["']\)/)
    expect(code).not.toMatch(/^\s*import\s/m)
    expect(code).not.toMatch(/^\s*export\s/m)
  })

  it('loads the renderer from the app protocol, which serves the built files with the CSP', async () => {
    expect(window.loadedUrl).toBe('app://workbench/index.html')
    expect(window.loadedFile).toBeNull()
    expect(stub.record.privilegedSchemes).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ])
    const handler = stub.record.protocolHandlers.get('app')!
    const response = await handler(new Request(window.loadedUrl!))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).toBe(readFileSync(RENDERER_INDEX, 'utf8'))
  })

  it.each([
    'app://workbench/../../main/index.js',
    'app://workbench/%2e%2e/%2e%2e/package.json',
    'app://workbench/..%2f..%2fpackage.json',
    'app://other/index.html',
    'app://workbench/does-not-exist.js',
  ])('serves nothing outside the renderer folder: %s', async (url) => {
    const response = await stub.record.protocolHandlers.get('app')!(new Request(url))
    expect(response.status).toBe(404)
  })

  it('registers exactly the contract channels', () => {
    expect([...stub.record.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('answers calls from its own top frame and refuses an iframe', async () => {
    const handler = stub.record.ipcHandlers.get('library:info')!
    const mainFrame = window.webContents.mainFrame
    const fromTop = (await handler({ sender: window.webContents, senderFrame: mainFrame }, {})) as {
      ok: boolean
      value: { path: string }
    }
    expect(fromTop).toMatchObject({ ok: true, value: { path: join(userData, 'library') } })
    const iframe = { url: 'app://workbench/index.html' }
    const fromFrame = await handler({ sender: window.webContents, senderFrame: iframe }, {})
    expect(fromFrame).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })
    const gone = await handler({ sender: window.webContents, senderFrame: null }, {})
    expect(gone).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })
  })

  it('parses imports and builds and queries the search index in worker threads started from the built files', async () => {
    const call = async (channel: string, input: unknown) => {
      const handler = stub.record.ipcHandlers.get(channel)!
      const frame = window.webContents.mainFrame
      return (await handler({ sender: window.webContents, senderFrame: frame }, input)) as {
        ok: boolean
        value: { total: number; ready: boolean; groups: { title: string }[] }
      }
    }
    await call('library:openSamples', {})
    // The built core is out of reach here, so no whenReady(): ask until the index is complete.
    // Each query itself waits for the build to finish (briefly) before answering `ready: false`.
    let result = await call('search:query', { query: 'millers flour' })
    while (result.ok && !result.value.ready) {
      result = await call('search:query', { query: 'millers flour' })
    }
    expect(result).toMatchObject({ ok: true, value: { ready: true, total: 1 } })
    expect(result.value.groups[0]!.title).toMatch(/^Millers Warn Flour Prices/)
    // The samples were parsed in the import worker, the index built in the search worker.
    expect(workers.map((w) => resolve(w.path)).sort()).toEqual([
      join(ROOT, 'out/main/parse-worker.js'),
      join(ROOT, 'out/main/search-worker.js'),
    ])
    for (const worker of workers) expect(worker.errors).toEqual([])
    expect(workers.find((w) => w.path.endsWith('search-worker.js'))).toMatchObject({
      exitCode: null,
    })
  })

  it('denies navigation away, new windows and permission requests', () => {
    const contents = window.webContents
    const navigate = (url: string) => {
      let prevented = false
      contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url)
      return prevented
    }
    expect(navigate('https://evil.example/')).toBe(true)
    expect(navigate('file:///etc/passwd')).toBe(true)
    expect(navigate('app://workbench/index.html')).toBe(false)
    let webviewPrevented = false
    contents.emit('will-attach-webview', { preventDefault: () => (webviewPrevented = true) })
    expect(webviewPrevented).toBe(true)
    expect(contents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    })
    expect(contents.windowOpenHandler?.({ url: 'app://workbench/index.html' })).toEqual({
      action: 'deny',
    })
    let granted: boolean | null = null
    stub.record.permissionRequestHandler?.(contents, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(stub.record.permissionCheckHandler?.(contents, 'geolocation')).toBe(false)
  })

  it('has File, Edit, View and Help menus with standard accelerators', () => {
    const template = stub.record.menuTemplate as {
      label?: string
      role?: string
      submenu?: { label?: string; role?: string; accelerator?: string }[]
    }[]
    const labels = template.map((m) => (m.label ?? m.role ?? '').replace('&', ''))
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']))
    const file = template.find((m) => m.label === '&File')!
    expect(file.submenu).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ label: 'Import…', accelerator: 'CmdOrCtrl+O' }),
        expect.objectContaining({ label: 'Export…', accelerator: 'CmdOrCtrl+E' }),
        expect.objectContaining({ role: expect.stringMatching(/quit|close/) }),
      ]),
    )
  })

  it('sends menu commands to the window', () => {
    const template = stub.record.menuTemplate as {
      label?: string
      submenu?: { label?: string; click?: () => void }[]
    }[]
    template.find((m) => m.label === '&File')!.submenu!.find((i) => i.label === 'Import…')!.click!()
    expect(window.webContents.sent).toContainEqual({
      channel: 'menu:command',
      payload: { command: 'import' },
    })
  })
})

describe('built preload bundle', () => {
  it('exposes exactly one function per channel and event, each bound to its own channel', async () => {
    const stub = createElectronStub('/nonexistent', ROOT)
    const code = readFileSync(PRELOAD, 'utf8')
    // A sandboxed preload gets a `require` that knows only a few modules; only electron is allowed here.
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return stub.renderer
      throw new Error(`sandboxed preload may not require ${name}`)
    }
    const module = { exports: {} }
    vm.runInNewContext(`(function (require, module, exports) {${code}\n})`, {})(
      sandboxRequire,
      module,
      module.exports,
    )
    const api = stub.record.exposed.get('workbench') as Record<string, (arg: unknown) => unknown>
    expect([...stub.record.exposed.keys()]).toEqual(['workbench'])
    const expected = [
      ...CHANNELS.map((c) => methodName(c)),
      ...EVENTS.map((e) => subscriptionName(e)),
    ]
    expect(Object.keys(api).sort()).toEqual([...expected].sort())
    expect(Object.isFrozen(api)).toBe(true)
    for (const channel of CHANNELS) {
      await api[methodName(channel)]!({ probe: channel })
      expect(stub.record.invoked.at(-1)).toEqual({ channel, input: { probe: channel } })
    }
    const received: unknown[] = []
    const unsubscribe = api.onImportProgress!((p: unknown) => received.push(p)) as () => void
    stub.record.rendererListeners.get('import:progress')![0]!(
      {},
      { done: 1, total: 2, name: 'a.txt' },
    )
    expect(received).toEqual([{ done: 1, total: 2, name: 'a.txt' }])
    unsubscribe()
    expect(stub.record.rendererListeners.get('import:progress')).toEqual([])
  })
})
