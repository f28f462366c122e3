/**
 * Where the library folder is.
 *
 * Why a module: the app, the command line and the tests all resolve the
 * library the same way, in the same order of precedence.
 */
import { isAbsolute, join, resolve } from 'node:path'

/**
 * Resolve the library folder.
 *
 * Precedence: `--library <dir>` (or `--library=<dir>`) on the command line,
 * then the WORKBENCH_LIBRARY environment variable, then `<userData>/library`.
 */
export function resolveLibraryDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  userDataDir: string,
  cwd: string = process.cwd(),
): string {
  const fromArgs = libraryArg(argv)
  const chosen = fromArgs ?? (env.WORKBENCH_LIBRARY?.trim() || null)
  if (chosen) return isAbsolute(chosen) ? chosen : resolve(cwd, chosen)
  return join(userDataDir, 'library')
}

function libraryArg(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--library') {
      const next = argv[i + 1]
      return next && !next.startsWith('--') ? next : null
    }
    if (arg.startsWith('--library=')) return arg.slice('--library='.length) || null
  }
  return null
}

/**
 * The folder Electron uses for `app.getPath('userData')`, computed without Electron.
 *
 * Why: the command line must find the app's default library without
 * loading Electron. Electron names the folder after package.json's `name`.
 */
export function defaultUserDataDir(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  home: string,
  appName = 'analyst-workbench',
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName)
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName)
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), appName)
}
