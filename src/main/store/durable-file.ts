/**
 * Atomic and durable file writes, and the lowdb adapter built on them.
 *
 * Why: lowdb's own adapter (steno) renames a temp file into place but never
 * calls fsync, so a power cut can leave an empty or truncated file. Here
 * every write goes to a uniquely named temp file that is fsynced, renamed
 * over the target, and then the directory is fsynced so the rename itself
 * is on disk. A reader therefore sees either the old bytes or the new ones.
 */
import { randomBytes } from 'node:crypto'
import * as fsp from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { Adapter } from 'lowdb'

/** The file operations the write path uses; tests swap them to simulate a full disk. */
export interface WriteIo {
  open: typeof fsp.open
  rename: typeof fsp.rename
  rm: typeof fsp.rm
}

export const realIo: WriteIo = { open: fsp.open, rename: fsp.rename, rm: fsp.rm }

/** A file that exists but cannot be parsed; it must never be overwritten. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(`${file} is not valid JSON (${reason})`)
    this.name = 'CorruptFileError'
  }
}

/**
 * Write `text` to `path` atomically and durably.
 *
 * The temp name carries the pid and random bytes so that two writers, or a
 * writer and the leftovers of a killed one, never share a temp file
 * (`isOwnTempFile` recognises exactly these names). Resolves with the new
 * file's size, time and inode, which the rename keeps.
 */
export async function writeFileDurable(
  path: string,
  text: string,
  io: WriteIo = realIo,
): Promise<FileStamp> {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let stamp: FileStamp
  try {
    const handle = await io.open(tmp, 'wx')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
      const { size, mtimeMs, ino } = await handle.stat()
      stamp = { size, mtimeMs, ino }
    } finally {
      await handle.close()
    }
    await io.rename(tmp, path)
  } catch (error) {
    await io.rm(tmp, { force: true }).catch(() => undefined)
    throw error
  }
  await fsyncDirectory(dir)
  return stamp
}

/** What identifies one written version of a file. */
export interface FileStamp {
  readonly size: number
  readonly mtimeMs: number
  readonly ino: number
}

/**
 * Whether a file name is a temp file `writeFileDurable` made (`.<name>.<pid>.<12 hex>.tmp`).
 *
 * Leftovers of a killed writer are removed at open; anything else that
 * merely looks temporary belongs to the user and is never touched.
 */
export function isOwnTempFile(name: string): boolean {
  return /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/.test(name)
}

/** Flush a directory entry so that a completed rename survives a power cut. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined
  try {
    handle = await fsp.open(dir, 'r')
    await handle.sync()
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a directory; the rename is still atomic there.
    if (!isIgnorableDirSyncError(error)) throw error
  } finally {
    await handle?.close()
  }
}

function isIgnorableDirSyncError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'EACCES'
}

/** Whether something exists at a path (a file, a folder or a link). */
export async function pathExists(path: string): Promise<boolean> {
  try {
    await fsp.lstat(path)
    return true
  } catch {
    return false
  }
}

/**
 * Read and parse a JSON file.
 *
 * Returns null when the file does not exist; throws `CorruptFileError` when
 * it exists but is empty, truncated or otherwise not JSON. A leading byte
 * order mark is ignored.
 */
export async function readJsonFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await fsp.readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
  // A byte order mark (a file saved by an editor on Windows) is not damage.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  try {
    return JSON.parse(text) as unknown
  } catch (error) {
    const reason = text.length === 0 ? 'the file is empty' : (error as Error).message
    throw new CorruptFileError(path, reason)
  }
}

/**
 * A lowdb adapter whose writes are atomic and durable.
 *
 * Reading is done by the store itself (it validates before lowdb sees the
 * data), so `read` here is only used by lowdb's own `read()` in tests.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly path: string,
    private readonly io: WriteIo = realIo,
  ) {}

  async read(): Promise<T | null> {
    return (await readJsonFile(this.path)) as T | null
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.path, JSON.stringify(data), this.io)
  }
}

/**
 * Group commit for one file.
 *
 * Why: several mutations arriving while a write is in flight should cost
 * one more write, not one each, and every caller must learn when a write
 * that includes its change is on disk (that is when a save is acknowledged).
 */
export class CoalescingWriter {
  private inFlight: Promise<void> | null = null
  private queued: Promise<void> | null = null

  constructor(private readonly writeNow: () => Promise<void>) {}

  /** Resolve once a write that started after this call has completed. */
  request(): Promise<void> {
    if (this.queued) return this.queued
    const previous = this.inFlight
    let queued: Promise<void> | null = null
    queued = (async () => {
      // Always yield first, so `this.queued` is set before it is cleared below.
      await previous?.catch(() => undefined)
      if (this.queued === queued) this.queued = null
      const write = this.writeNow()
      this.inFlight = write
      try {
        await write
      } finally {
        if (this.inFlight === write) this.inFlight = null
      }
    })()
    this.queued = queued
    return queued
  }

  /** Wait for anything queued or in flight. */
  async flush(): Promise<void> {
    await (this.queued ?? this.inFlight)?.catch(() => undefined)
    if (this.queued || this.inFlight) await this.flush()
  }
}
