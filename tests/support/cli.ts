/**
 * Running the real `workbench` binary from tests, as a user would.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

/** The launcher users run (`npx workbench`). */
export const BIN = resolve(__dirname, '../../bin/workbench.cjs')

const run = promisify(execFile)

/**
 * A home folder of the tests' own, so the command line's userData folder
 * (and the analyst profile in it) is never the developer's real one.
 */
let home: string | null = null
function testHome(): Record<string, string> {
  home ??= mkdtempSync(join(tmpdir(), 'workbench-cli-home-'))
  return {
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    APPDATA: join(home, 'AppData', 'Roaming'),
  }
}

export interface RunResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Fail early with the remedy when the command line has not been built. */
export function requireBuiltCli(): void {
  if (!existsSync(resolve(__dirname, '../../out/main/cli.js'))) {
    throw new Error('The command line is not built: run "npm run build" first')
  }
}

/** Run `workbench <args>` and return its exit code and output, whatever the exit code. */
export async function workbench(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...testHome(), ...env },
      maxBuffer: 20 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
