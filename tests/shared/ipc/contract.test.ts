import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CHANNELS,
  EVENTS,
  isChannel,
  methodName,
  subscriptionName,
} from '../../../src/shared/ipc/channels'
import { channelSchemas } from '../../../src/shared/ipc/contract'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, type TestCore } from '../../support/core'

const SRC = resolve(__dirname, '../../../src')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

describe('the IPC contract', () => {
  let dir: string
  let core: TestCore
  beforeAll(async () => {
    dir = await makeTempDir()
    core = await openTestCore(dir)
  })
  afterAll(async () => {
    await core.close()
    await removeDir(dir)
  })

  it('names every channel domain:verb, once', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length)
    for (const channel of [...CHANNELS, ...EVENTS])
      expect(channel).toMatch(/^[a-z]+:[a-z][A-Za-z0-9]*$/)
  })

  it('has a schema for every channel and no other', () => {
    expect(Object.keys(channelSchemas).sort()).toEqual([...CHANNELS].sort())
  })

  it('has a main handler for every channel and no other', () => {
    expect(Object.keys(core.handlers).sort()).toEqual([...CHANNELS].sort())
  })

  it('gives every channel and event a distinct preload name', () => {
    const names = [...CHANNELS.map(methodName), ...EVENTS.map(subscriptionName)]
    expect(new Set(names).size).toBe(names.length)
    expect(methodName('annotation:create')).toBe('annotationCreate')
    expect(subscriptionName('import:progress')).toBe('onImportProgress')
  })

  it('recognises only contract channels', () => {
    expect(isChannel('article:list')).toBe(true)
    expect(isChannel('article:drop')).toBe(false)
    expect(isChannel(42)).toBe(false)
  })

  it('touches raw ipcMain and ipcRenderer only in the two wrappers', () => {
    const users = sourceFiles(SRC)
      .filter((file) => {
        const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
        return /\bipc(Main|Renderer)\.(handle|on|invoke|send|sendSync)\b/.test(code)
      })
      .map((file) => file.slice(SRC.length + 1))
      .sort()
    expect(users).toEqual(['main/ipc/register.ts', 'preload/index.ts'])
  })
})
