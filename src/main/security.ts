/**
 * The rules that keep article content from reaching beyond the window.
 *
 * Why: a hostile article is the main attacker. The renderer never runs
 * imported markup, but defence in depth means the window also cannot load
 * anything from the network, navigate away, open windows or get
 * permissions, whatever the page tries.
 */

/** The Content-Security-Policy of the app's pages. Monaco needs blob: workers and inline styles. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
].join('; ')

/** The secure webPreferences of the app window (Electron security checklist). */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: true,
  } as const
}

/** Whether a navigation target stays inside the app. */
export function isAppUrl(url: string, appOrigins: readonly string[]): boolean {
  try {
    const parsed = new URL(url)
    return appOrigins.includes(`${parsed.protocol}//${parsed.host}`)
  } catch {
    return false
  }
}

/** By extension: a `Map`, so a request for `x.constructor` gets no property of Object. */
const MIME: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ttf', 'font/ttf'],
  ['.woff', 'font/woff'],
  ['.woff2', 'font/woff2'],
  ['.wasm', 'application/wasm'],
])

/** The content type for a file served by the app protocol. */
export function mimeTypeOf(path: string): string {
  const dot = path.lastIndexOf('.')
  return (
    (dot >= 0 ? MIME.get(path.slice(dot).toLowerCase()) : undefined) ?? 'application/octet-stream'
  )
}

/**
 * Map an `app://workbench/...` URL to a file inside the renderer folder.
 *
 * Returns null for other hosts and for any path that would leave the
 * folder (`..`, encoded separators), so the protocol can only serve the
 * app's own files.
 */
export function resolveAppFile(
  url: string,
  rendererDir: string,
  host = 'workbench',
): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.host !== host) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const segments = pathname.split('/').filter((s) => s.length > 0)
  if (segments.some((s) => s === '..' || s === '.')) return null
  const relative = segments.length === 0 ? 'index.html' : segments.join('/')
  const root = rendererDir.replace(/[\\/]+$/, '')
  return `${root}/${relative}`
}
