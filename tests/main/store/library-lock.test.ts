/**
 * The write lock: alive exactly as long as its owner process, however busy.
 *
 * The lock this replaced counted as stale after ten seconds without a
 * refresh from the owner's main thread, so an app busy importing (or paused)
 * lost it to the command line and then crashed. These tests pause a real
 * holder process, age its lock, reuse pids and take the lock over behind a
 * holder's back.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { acquireLibraryLock } from '../../../src/main/store/library-lock'
import { LibraryStore } from '../../../src/main/store/library-store'
import { bundleForNode } from '../../support/bundle'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openTestCore, textFile } from '../../support/core'

interface Holder {
  readonly proc: ChildProcess
  /** Resolve with the next line the holder prints that starts with `prefix`. */
  next(prefix: string): Promise<string>
  send(line: string): void
  exited: Promise<unknown>
}

let script: string

function startHolder(dir: string): Holder {
  const proc = spawn(process.execPath, [script, dir], { stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: string[] = []
  const waiters: { prefix: string; resolve: (line: string) => void }[] = []
  let stderr = ''
  proc.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    const i = waiters.findIndex((w) => line.startsWith(w.prefix))
    if (i >= 0) waiters.splice(i, 1)[0]!.resolve(line)
    else lines.push(line)
  })
  const exited = new Promise((resolve) => proc.on('exit', resolve))
  return {
    proc,
    exited,
    send: (line) => proc.stdin!.write(`${line}\n`),
    next: (prefix) =>
      new Promise((resolve, reject) => {
        const i = lines.findIndex((l) => l.startsWith(prefix))
        if (i >= 0) return resolve(lines.splice(i, 1)[0]!)
        waiters.push({ prefix, resolve })
        void exited.then(() => reject(new Error(`holder exited: ${stderr}`)))
      }),
  }
}

const ago = (ms: number) => new Date(Date.now() - ms)

describe('the library lock', () => {
  let dir: string

  beforeAll(async () => {
    script = await bundleForNode('tests/support/lock-holder.ts', 'workbench-lock-holder', 'holder')
  }, 60_000)
  beforeEach(async () => {
    dir = await makeTempDir()
    const core = await openTestCore(dir)
    await core.value('import:files', {
      files: [textFile('a.txt', 'Harbour Report\n\nForty ships waited outside the port.')],
    })
    await core.close()
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('is never taken from a live owner, however old its heartbeat: a paused app keeps it', async () => {
    const holder = startHolder(dir)
    const pid = Number((await holder.next('ready')).split(' ')[1])
    try {
      holder.proc.kill('SIGSTOP')
      // An hour without a heartbeat: the old lock would have counted as stale after ten seconds.
      await utimes(join(dir, '.workbench.lock'), ago(3_600_000), ago(3_600_000))
      await expect(LibraryStore.open({ dir })).rejects.toMatchObject({
        code: 'locked',
        message: expect.stringContaining(`(process ${pid} since`),
      })
      holder.proc.kill('SIGCONT')
      holder.send('save written after the pause')
      expect(await holder.next('saved')).toBe('saved')
      holder.send('close')
      await holder.exited
      const store = await LibraryStore.open({ dir, readOnly: true })
      const first = store.listArticles()[0]!
      expect((await store.readArticle(first.id)).note).toBe('written after the pause')
      await store.close()
    } finally {
      holder.proc.kill('SIGKILL')
    }
  })

  it('is taken over at once from an owner that died', async () => {
    const holder = startHolder(dir)
    await holder.next('ready')
    holder.proc.kill('SIGKILL')
    await holder.exited
    const store = await LibraryStore.open({ dir })
    expect(store.readOnly).toBeNull()
    await store.close()
  })

  it('is taken over when the owner’s pid now belongs to another process, or the machine restarted', async () => {
    const lockPath = join(dir, '.workbench.lock')
    const owner = (extra: object) =>
      JSON.stringify({ pid: process.ppid, host: hostname(), since: 'then', token: 't', ...extra })
    // The pid is alive, but the process started at another time: it was reused.
    await mkdir(lockPath)
    await writeFile(`${lockPath}.owner`, owner({ startTicks: 1 }))
    let lock = await acquireLibraryLock(dir)
    await lock.release()
    // Another boot: whatever runs under that pid now is not the owner.
    await mkdir(lockPath)
    await writeFile(`${lockPath}.owner`, owner({ bootId: 'an-earlier-boot' }))
    lock = await acquireLibraryLock(dir)
    await lock.release()
    // Without those facts (an older version's owner file), a live pid keeps it.
    await mkdir(lockPath)
    await writeFile(`${lockPath}.owner`, owner({}))
    await utimes(lockPath, ago(3_600_000), ago(3_600_000))
    await expect(acquireLibraryLock(dir)).rejects.toMatchObject({ code: 'locked' })
  })

  it('judges an owner on another machine, or no owner at all, by the age of its heartbeat', async () => {
    const lockPath = join(dir, '.workbench.lock')
    await mkdir(lockPath)
    await writeFile(
      `${lockPath}.owner`,
      JSON.stringify({ pid: 4242, host: 'another-laptop', since: 'then', token: 't' }),
    )
    await expect(acquireLibraryLock(dir)).rejects.toMatchObject({
      message: expect.stringContaining('on another-laptop'),
    })
    await utimes(lockPath, ago(60_000), ago(60_000))
    await expect(acquireLibraryLock(dir)).rejects.toMatchObject({ code: 'locked' })
    await utimes(lockPath, ago(6 * 60_000), ago(6 * 60_000))
    const taken = await acquireLibraryLock(dir)
    await taken.release()

    await mkdir(lockPath)
    await expect(acquireLibraryLock(dir)).rejects.toMatchObject({ code: 'locked' })
    await utimes(lockPath, ago(11_000), ago(11_000))
    const again = await acquireLibraryLock(dir)
    await again.release()
  })

  it('taken over behind a writer’s back, stops that writer’s saves without a crash and is left to its new owner', async () => {
    const store = await LibraryStore.open({ dir })
    const first = store.listArticles()[0]!
    await store.mutateArticle(first.id, (d) => void (d.note = 'saved before'))
    const ownerPath = join(dir, '.workbench.lock.owner')
    const intruder = JSON.stringify({
      pid: process.ppid,
      host: hostname(),
      since: 'now',
      token: 'someone-else',
    })
    await writeFile(ownerPath, intruder)
    expect(await store.verifyLock()).toBe(false)
    expect(store.readOnly).toMatch(
      /^Another process took over the library's lock .* this window has stopped saving: everything saved so far is on disk/,
    )
    await expect(
      store.mutateArticle(first.id, (d) => void (d.note = 'after the takeover')),
    ).rejects.toMatchObject({ code: 'read-only' })
    await store.close()
    expect(await readFile(ownerPath, 'utf8')).toBe(intruder)
    const note = JSON.parse(await readFile(join(dir, 'annotations', `${first.id}.json`), 'utf8'))
    expect(note.note).toBe('saved before')
  })
})
