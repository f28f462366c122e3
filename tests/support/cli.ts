/**
 * Running the real `workbench` binary from tests, as a user would.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

/** The launcher users run (`npx workbench`). */
export const BIN = resolve(__dirname, '../../bin/workbench.cjs')

const run = promisify(execFile)

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
      env: { ...process.env, ...env },
      maxBuffer: 20 * 1024 * 1024,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string }
    return { code: e.code, stdout: e.stdout, stderr: e.stderr }
  }
}
