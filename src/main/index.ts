/**
 * Electron main process: lifecycle, the window, the app protocol and menu.
 *
 * Why so little here: everything the app does lives in `app-core.ts` and
 * the services, which never import Electron; this file only connects them
 * to the operating system.
 */
import { readFile } from 'node:fs/promises'
import { join, resolve, sep } from 'node:path'
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  protocol,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron'
import { ARTICLE_FILE_EXTENSIONS, WEB_PAGE_EXTENSIONS } from '../shared/import/article-file-types'
import { APP_ORIGIN, createAppCore, type AppCore, type Dialogs } from './app-core'
import { registerIpc } from './ipc/register'
import { resolveLibraryDir } from './library-path'
import { profilePath } from './services/profile'
import { menuTemplate } from './menu'
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  mimeTypeOf,
  resolveAppFile,
  secureWebPreferences,
} from './security'
import {
  loadWindowState,
  MIN_WINDOW_HEIGHT,
  MIN_WINDOW_WIDTH,
  saveWindowState,
  windowStatePath,
  type WindowBounds,
  type WindowState,
} from './window-state'

const devServerUrl = process.env.ELECTRON_RENDERER_URL
const rendererDir = join(__dirname, '../renderer')
const preloadPath = join(__dirname, '../preload/index.cjs')
/** Built next to this bundle by electron-vite (an input of its own in electron.vite.config.ts). */
const searchWorkerPath = join(__dirname, 'search-worker.js')
/** Likewise: imported files are parsed in this worker thread. */
const parseWorkerPath = join(__dirname, 'parse-worker.js')
const trustedOrigins = [APP_ORIGIN, ...(devServerUrl ? [new URL(devServerUrl).origin] : [])]

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

let mainWindow: BrowserWindow | null = null
let core: AppCore | null = null
let quitting = false

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
  })
  app.on('web-contents-created', (_event, contents) => hardenContents(contents))
  app.whenReady().then(start, (error: unknown) => fail(error))
  app.on('window-all-closed', () => app.quit())
  app.on('before-quit', (event) => {
    if (quitting || !core) return
    event.preventDefault()
    quitting = true
    void core.close().finally(() => app.quit())
  })
}

async function start(): Promise<void> {
  protocol.handle('app', serveAppFile)
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) =>
    callback(false),
  )
  session.defaultSession.setPermissionCheckHandler(() => false)

  const libraryDir = resolveLibraryDir(process.argv, process.env, app.getPath('userData'))
  try {
    core = await createAppCore({
      libraryDir,
      samplesDir: app.isPackaged
        ? join(process.resourcesPath, 'samples')
        : join(app.getAppPath(), 'data', 'samples'),
      dialogs: nativeDialogs(),
      trustedOrigins,
      emit: (event, payload) => mainWindow?.webContents.send(event, payload),
      log: (message, error) => console.error(message, error),
      searchWorkerPath,
      parseWorkerPath,
      profilePath: profilePath(app.getPath('userData')),
    })
  } catch (error) {
    dialog.showErrorBox('Analyst Workbench cannot open the library', errorMessage(error))
    app.exit(1)
    return
  }
  registerIpc(core.dispatch)
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        (command) => mainWindow?.webContents.send('menu:command', { command }),
        process.platform,
        Boolean(devServerUrl),
      ),
    ),
  )
  const statePath = windowStatePath(app.getPath('userData'))
  const workAreas = screen.getAllDisplays().map((display) => display.workArea)
  mainWindow = createMainWindow(await loadWindowState(statePath, workAreas), statePath)
}

/** How long the window must stay still before its new bounds are written. */
const WINDOW_STATE_SAVE_MS = 500

/** Create the one app window with the secure preferences, where the analyst left it. */
function createMainWindow(saved: WindowState | null, statePath: string): BrowserWindow {
  const win = new BrowserWindow({
    ...(saved
      ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height }
      : { width: 1440, height: 900 }),
    minWidth: MIN_WINDOW_WIDTH,
    minHeight: MIN_WINDOW_HEIGHT,
    show: false,
    title: 'Analyst Workbench',
    webPreferences: secureWebPreferences(preloadPath),
  })
  if (saved?.maximized) win.maximize()
  win.once('ready-to-show', () => win.show())

  // Remember the bounds of the unmaximized window, so un-maximizing next time restores them.
  let normal: WindowBounds = saved ?? win.getBounds()
  let timer: ReturnType<typeof setTimeout> | null = null
  const save = () => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    void saveWindowState(statePath, { ...normal, maximized: win.isMaximized() }).catch(
      (error: unknown) => console.error('Could not remember the window position', error),
    )
  }
  const changed = () => {
    if (!win.isMaximized()) normal = win.getBounds()
    if (timer !== null) clearTimeout(timer)
    timer = setTimeout(save, WINDOW_STATE_SAVE_MS)
  }
  win.on('resize', changed)
  win.on('move', changed)
  win.on('close', save)
  win.on('closed', () => {
    mainWindow = null
  })
  if (devServerUrl) void win.loadURL(devServerUrl)
  else void win.loadURL(`${APP_ORIGIN}/index.html`)
  return win
}

/** Deny navigation away from the app, new windows and webviews for every web contents. */
function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, trustedOrigins)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, trustedOrigins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    // Links in articles open in the user's browser, never inside the app.
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = resolveAppFile(request.url, rendererDir)
  const root = resolve(rendererDir) + sep
  if (!file || !resolve(file).startsWith(root)) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(resolve(file))
    return new Response(body, {
      headers: {
        'content-type': mimeTypeOf(file),
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}

function nativeDialogs(): Dialogs {
  return {
    async pickArticleFiles() {
      const options = {
        title: 'Import articles',
        properties: ['openFile', 'multiSelections'] as ('openFile' | 'multiSelections')[],
        filters: [
          {
            name: 'Articles',
            extensions: ARTICLE_FILE_EXTENSIONS.map((extension) => extension.slice(1)),
          },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : result.filePaths
    },
    async pickWebPage(defaultName) {
      const options = {
        title: 'Read the page again',
        // Where saved pages usually are; the path the page came from is not kept.
        ...(defaultName !== null
          ? { defaultPath: join(app.getPath('downloads'), defaultName) }
          : {}),
        properties: ['openFile'] as 'openFile'[],
        filters: [
          {
            name: 'Web pages',
            extensions: WEB_PAGE_EXTENSIONS.map((extension) => extension.slice(1)),
          },
          { name: 'All files', extensions: ['*'] },
        ],
      }
      const result = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseExportPath(defaultName, filter) {
      const options = {
        title: 'Export',
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [{ name: filter.name, extensions: [...filter.extensions] }],
        // The dialog asks before replacing a file (Linux needs this asked for), so a chosen path is confirmed.
        properties: ['showOverwriteConfirmation', 'createDirectory'] as (
          'showOverwriteConfirmation' | 'createDirectory'
        )[],
      }
      const result = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function fail(error: unknown): void {
  console.error(error)
  app.exit(1)
}
