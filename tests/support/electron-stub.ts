/**
 * A faithful stand-in for the `electron` module, for running the built
 * main and preload bundles in plain Node.
 *
 * Why: the Electron binary cannot run on CI, but the bundles we ship must
 * still be checked as built: which window they create, with which
 * preferences, which IPC channels they register, what they serve. The stub
 * implements the parts of Electron's API the app uses and records every
 * call, and fails loudly on anything it does not implement.
 */
import { EventEmitter } from 'node:events'

type Listener = (...args: unknown[]) => unknown

export interface StubRecord {
  readonly windows: StubBrowserWindow[]
  readonly ipcHandlers: Map<string, Listener>
  readonly privilegedSchemes: unknown[]
  readonly protocolHandlers: Map<string, (request: Request) => Promise<Response>>
  permissionRequestHandler: Listener | null
  permissionCheckHandler: Listener | null
  menuTemplate: unknown[] | null
  readonly exposed: Map<string, unknown>
  readonly invoked: { channel: string; input: unknown }[]
  readonly rendererListeners: Map<string, Listener[]>
  quitCalls: number
  exitCode: number | null
  singleInstanceLock: boolean
}

export class StubWebContents extends EventEmitter {
  windowOpenHandler: Listener | null = null
  readonly sent: { channel: string; payload: unknown }[] = []
  readonly mainFrame = { url: 'app://workbench/index.html' }
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload })
  }
}

export class StubBrowserWindow extends EventEmitter {
  readonly webContents = new StubWebContents()
  loadedUrl: string | null = null
  loadedFile: string | null = null
  constructor(readonly options: Record<string, unknown>) {
    super()
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file
    return Promise.resolve()
  }
  maximized = false
  show(): void {}
  focus(): void {}
  getBounds(): { x: number; y: number; width: number; height: number } {
    const { x = 0, y = 0, width = 800, height = 600 } = this.options as Record<string, number>
    return { x, y, width, height }
  }
  isMaximized(): boolean {
    return this.maximized
  }
  maximize(): void {
    this.maximized = true
  }
  restore(): void {}
  isMinimized(): boolean {
    return false
  }
}

/** Build a stub `electron` module and the record of what the app did with it. */
export function createElectronStub(userDataDir: string, appPath: string) {
  const record: StubRecord = {
    windows: [],
    ipcHandlers: new Map(),
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    menuTemplate: null,
    exposed: new Map(),
    invoked: [],
    rendererListeners: new Map(),
    quitCalls: 0,
    exitCode: null,
    singleInstanceLock: true,
  }
  const appEvents = new EventEmitter()
  let ready!: () => void
  const whenReady = new Promise<void>((resolve) => {
    ready = resolve
  })

  class BrowserWindow extends StubBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options)
      record.windows.push(this)
      appEvents.emit('web-contents-created', {}, this.webContents)
    }
  }

  const app = Object.assign(appEvents, {
    isPackaged: false,
    whenReady: () => whenReady,
    getPath: (name: string) => {
      if (name === 'userData') return userDataDir
      if (name === 'documents') return userDataDir
      throw new Error(`stub app.getPath(${name}) not implemented`)
    },
    getAppPath: () => appPath,
    requestSingleInstanceLock: () => record.singleInstanceLock,
    quit: () => {
      record.quitCalls++
      const event = {
        defaultPrevented: false,
        preventDefault: () => (event.defaultPrevented = true),
      }
      appEvents.emit('before-quit', event)
    },
    exit: (code: number) => {
      record.exitCode = code
    },
  })

  const main = {
    app,
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, listener: Listener) => {
        if (record.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`)
        record.ipcHandlers.set(channel, listener)
      },
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) =>
        record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (record.permissionRequestHandler = h),
        setPermissionCheckHandler: (h: Listener) => (record.permissionCheckHandler = h),
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => {
        record.menuTemplate = template
        return { template }
      },
      setApplicationMenu: () => undefined,
    },
    dialog: {
      showErrorBox: (title: string, content: string) => {
        throw new Error(`unexpected error box: ${title}: ${content}`)
      },
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
    },
    shell: { openExternal: async () => undefined },
    screen: {
      getAllDisplays: () => [
        {
          bounds: { x: 0, y: 0, width: 1920, height: 1080 },
          workArea: { x: 0, y: 0, width: 1920, height: 1040 },
        },
      ],
    },
  }

  const renderer = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => record.exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        record.invoked.push({ channel, input })
        return { ok: true, value: null }
      },
      on: (channel: string, listener: Listener) => {
        const list = record.rendererListeners.get(channel) ?? []
        list.push(listener)
        record.rendererListeners.set(channel, list)
      },
      removeListener: (channel: string, listener: Listener) => {
        const list = record.rendererListeners.get(channel) ?? []
        record.rendererListeners.set(
          channel,
          list.filter((l) => l !== listener),
        )
      },
    },
  }

  return { record, main, renderer, ready: () => ready() }
}
