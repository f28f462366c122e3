import { readFile, writeFile } from 'node:fs/promises'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  isOnScreen,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  windowStatePath,
} from '../../src/main/window-state'
import { makeTempDir, removeDir } from '../support/temp-dir'

const SCREEN = { x: 0, y: 0, width: 1920, height: 1040 }
const SECOND = { x: 1920, y: 0, width: 1280, height: 1000 }
const STATE = { x: 100, y: 80, width: 1400, height: 880, maximized: false }

describe('window state', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir('window-state-')
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('saves and loads the bounds and the maximized flag', async () => {
    const path = windowStatePath(dir)
    await saveWindowState(path, { ...STATE, maximized: true })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ ...STATE, maximized: true })
    expect(await loadWindowState(path, [SCREEN])).toEqual({ ...STATE, maximized: true })
  })

  it('loads nothing when the file is missing, damaged or invalid', async () => {
    const path = windowStatePath(dir)
    expect(await loadWindowState(path, [SCREEN])).toBeNull()
    await writeFile(path, '{"x": 1, "y"')
    expect(await loadWindowState(path, [SCREEN])).toBeNull()
    await writeFile(path, JSON.stringify({ ...STATE, width: 'wide' }))
    expect(await loadWindowState(path, [SCREEN])).toBeNull()
  })

  it('rejects sizes below the minimum, absurd numbers and missing fields', () => {
    expect(parseWindowState(STATE)).toEqual(STATE)
    expect(parseWindowState({ ...STATE, width: 300 })).toBeNull()
    expect(parseWindowState({ ...STATE, height: 100 })).toBeNull()
    expect(parseWindowState({ ...STATE, x: 1e9 })).toBeNull()
    expect(parseWindowState({ ...STATE, y: 1.5 })).toBeNull()
    expect(parseWindowState({ ...STATE, x: Number.NaN })).toBeNull()
    expect(parseWindowState({ x: 0, y: 0, width: 1000, height: 700 })).toBeNull()
    expect(parseWindowState(null)).toBeNull()
    expect(parseWindowState([1, 2, 3, 4])).toBeNull()
  })

  it('ignores a window that is off every screen, e.g. on a monitor since unplugged', async () => {
    expect(isOnScreen(STATE, [SCREEN])).toBe(true)
    const onSecond = { ...STATE, x: 2000 }
    expect(isOnScreen(onSecond, [SCREEN, SECOND])).toBe(true)
    expect(isOnScreen(onSecond, [SCREEN])).toBe(false)
    // Only a sliver on screen, or the title bar above it, is as good as lost.
    expect(isOnScreen({ ...STATE, x: 1850 }, [SCREEN])).toBe(false)
    expect(isOnScreen({ ...STATE, y: -200 }, [SCREEN])).toBe(false)
    const path = windowStatePath(dir)
    await saveWindowState(path, onSecond)
    expect(await loadWindowState(path, [SCREEN])).toBeNull()
    expect(await loadWindowState(path, [SCREEN, SECOND])).toEqual(onSecond)
  })

  it('does not write an invalid state', async () => {
    const path = windowStatePath(dir)
    await saveWindowState(path, { ...STATE, width: 10 })
    expect(await loadWindowState(path, [SCREEN])).toBeNull()
  })
})
