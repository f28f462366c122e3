/**
 * The main window's size and position, remembered between runs.
 *
 * Why a file of its own under userData: it belongs to this computer's
 * screens, not to a library. Anything odd in the file (hand edits, a screen
 * that is gone) is ignored and the window opens at its default size.
 */
import { join } from 'node:path'
import { readJsonFile, writeFileDurable } from './store/durable-file'

export interface WindowBounds {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

export interface WindowState extends WindowBounds {
  readonly maximized: boolean
}

export const WINDOW_STATE_FILE = 'window-state.json'
export const MIN_WINDOW_WIDTH = 900
export const MIN_WINDOW_HEIGHT = 560
/** No real screen is larger; a bigger value is a damaged file. */
const MAX_COORDINATE = 100_000
/** How much of the window must lie on a screen for the analyst to grab it again. */
const MIN_VISIBLE = { width: 200, height: 60 }

export function windowStatePath(userDataDir: string): string {
  return join(userDataDir, WINDOW_STATE_FILE)
}

function isCoordinate(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= MAX_COORDINATE
}

/** Validate a parsed file; null when it is not a usable window state. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null
  const { x, y, width, height, maximized } = value as Record<string, unknown>
  if (!isCoordinate(x) || !isCoordinate(y) || !isCoordinate(width) || !isCoordinate(height))
    return null
  if (width < MIN_WINDOW_WIDTH || height < MIN_WINDOW_HEIGHT) return null
  if (typeof maximized !== 'boolean') return null
  return { x, y, width, height, maximized }
}

/** Whether enough of the window lies on one of the screens' work areas. */
export function isOnScreen(bounds: WindowBounds, workAreas: readonly WindowBounds[]): boolean {
  return workAreas.some((area) => {
    const width =
      Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x)
    const height =
      Math.min(bounds.y + bounds.height, area.y + area.height) - Math.max(bounds.y, area.y)
    // The top edge (the title bar) must be on this screen, not above or below it.
    const topOnScreen = bounds.y >= area.y && bounds.y < area.y + area.height
    return width >= MIN_VISIBLE.width && height >= MIN_VISIBLE.height && topOnScreen
  })
}

/** The remembered state, or null when there is none, it is damaged, or it is off every screen. */
export async function loadWindowState(
  path: string,
  workAreas: readonly WindowBounds[],
): Promise<WindowState | null> {
  let value: unknown
  try {
    value = await readJsonFile(path)
  } catch {
    return null
  }
  const state = parseWindowState(value)
  return state && isOnScreen(state, workAreas) ? state : null
}

/** Remember the window's state, atomically so a crash never leaves half a file. */
export async function saveWindowState(path: string, state: WindowState): Promise<void> {
  const valid = parseWindowState(state)
  if (!valid) return
  await writeFileDurable(path, `${JSON.stringify(valid, null, 2)}\n`)
}
