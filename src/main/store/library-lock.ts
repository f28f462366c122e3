/**
 * The library's write lock: one writing process per library folder.
 *
 * Why not a lock that only counts as held while it is refreshed: that kind of
 * lock (proper-lockfile, which this replaces) is refreshed by a timer on the
 * main thread, so an app busy for ten seconds (a large import) looked dead,
 * another process took the lock and wrote, and the app then crashed on the
 * compromised lock. Here the lock is a directory created atomically, with an
 * owner file naming the process (pid, host, boot and process start time):
 * on the same machine the owner is alive exactly as long as its process is,
 * however busy it is. Only an owner on another machine (a shared folder) is
 * judged by a heartbeat, and generously. A lock that is taken over anyway
 * (by hand, or by another machine) is noticed and reported through
 * `onCompromised`; it never throws.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, rm, stat, utimes } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { WorkbenchError } from '../../shared/ipc/result'
import { LOCK_FILE } from './files'
import { writeFileDurable } from './durable-file'

/** What the owner file says; written when the lock is taken. */
interface LockOwner {
  readonly pid: number
  readonly host: string
  /** Linux boot id: a lock from before a reboot is dead whatever its pid. */
  readonly bootId: string | null
  /** Start time of the owner process (Linux clock ticks since boot), to see through pid reuse. */
  readonly startTicks: number | null
  readonly token: string
  readonly since: string
}

export interface LibraryLock {
  /** Release the lock if it is still ours. Safe to call twice. */
  release(): Promise<void>
  /**
   * Check now that the lock is still ours (the heartbeat does this every
   * two seconds); reports a takeover through `onCompromised`.
   */
  verify(): Promise<boolean>
}

export interface LockOptions {
  /** Keep trying this long while another live process holds the lock (the CLI's `--wait`). */
  readonly waitMs?: number
  /** Told once if another process takes the lock while it is held; never thrown. */
  readonly onCompromised?: (reason: string) => void
  /** Told once, with who holds it, when `waitMs` is set and the lock is busy. */
  readonly onWait?: (holder: string) => void
}

/** How often the holder refreshes the lock folder's time and checks the lock is still its own. */
const HEARTBEAT_MS = 2_000
/** A lock without a readable owner (being created, or left by an older version) is stale after this. */
const OWNERLESS_STALE_MS = 10_000
/** A lock owned on another machine is stale when its heartbeat is older than this. */
const REMOTE_STALE_MS = 5 * 60_000
const RETRY_MS = 200

/**
 * Take the write lock of a library folder.
 *
 * Throws `WorkbenchError('locked')` when a live process holds it (after
 * `waitMs`, if given). A lock whose owner is dead is taken over at once.
 */
export async function acquireLibraryLock(
  dir: string,
  options: LockOptions = {},
): Promise<LibraryLock> {
  const deadline = Date.now() + (options.waitMs ?? 0)
  let told = false
  for (;;) {
    const lock = await tryAcquire(dir, options)
    if (lock) return lock
    if (!told && options.waitMs) {
      told = true
      options.onWait?.(await holderText(dir))
    }
    if (Date.now() >= deadline) {
      throw new WorkbenchError(
        'locked',
        `The library ${dir} is open in another window or process${await holderText(dir)}. Close it there, or open another library${options.waitMs ? '' : ' (the command line can wait for it with --wait <seconds>)'}.`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS))
  }
}

async function tryAcquire(dir: string, options: LockOptions): Promise<LibraryLock | null> {
  const lockPath = join(dir, LOCK_FILE)
  try {
    await mkdir(lockPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    if (!(await isStale(lockPath))) return null
    // Move the dead lock aside before removing it, so two processes taking
    // over at once cannot remove each other's fresh lock.
    const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`
    try {
      await rename(lockPath, aside)
    } catch {
      return null
    }
    await rm(aside, { recursive: true, force: true })
    return tryAcquire(dir, options)
  }
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    bootId: await bootId(),
    startTicks: await processStartTicks(process.pid),
    token: randomBytes(12).toString('hex'),
    since: new Date().toISOString(),
  }
  try {
    await writeFileDurable(ownerPath(lockPath), JSON.stringify(owner))
  } catch (error) {
    await rm(lockPath, { recursive: true, force: true })
    throw error
  }
  return new HeldLock(lockPath, owner.token, options.onCompromised)
}

class HeldLock implements LibraryLock {
  private readonly timer: NodeJS.Timeout
  private released = false
  private compromised = false

  constructor(
    private readonly lockPath: string,
    private readonly token: string,
    private readonly onCompromised: ((reason: string) => void) | undefined,
  ) {
    this.timer = setInterval(() => void this.verify(), HEARTBEAT_MS)
    this.timer.unref()
  }

  async verify(): Promise<boolean> {
    if (this.released || this.compromised) return !this.compromised
    const owner = await readOwner(this.lockPath)
    if (this.released) return true
    if (owner?.token !== this.token) {
      this.compromised = true
      clearInterval(this.timer)
      this.onCompromised?.(
        `Another process took over the library's lock (${this.lockPath}${owner ? `, now held by process ${owner.pid} on ${owner.host}` : ''}).`,
      )
      return false
    }
    // Older versions judge a lock by this time; keep it fresh for them.
    const now = new Date()
    await utimes(this.lockPath, now, now).catch(() => undefined)
    return true
  }

  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    clearInterval(this.timer)
    if (this.compromised) return
    // Only remove the lock while it is still ours.
    if ((await readOwner(this.lockPath))?.token !== this.token) return
    await rm(ownerPath(this.lockPath), { force: true })
    await rm(this.lockPath, { recursive: true, force: true })
  }
}

/** Whether a lock that exists belongs to nobody alive. */
async function isStale(lockPath: string): Promise<boolean> {
  const owner = await readOwner(lockPath)
  const age = await ageOf(lockPath)
  if (owner === null) return age > OWNERLESS_STALE_MS
  if (owner.host !== hostname()) return age > REMOTE_STALE_MS
  if (owner.bootId !== null && owner.bootId !== (await bootId())) return true
  if (owner.pid === process.pid) return false
  if (!processExists(owner.pid)) return true
  if (owner.startTicks !== null) {
    const ticks = await processStartTicks(owner.pid)
    if (ticks !== null && ticks !== owner.startTicks) return true // the pid was reused
  }
  return false
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function ageOf(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

function ownerPath(lockPath: string): string {
  return `${lockPath}.owner`
}

async function readOwner(lockPath: string): Promise<LockOwner | null> {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(ownerPath(lockPath), 'utf8'))
  } catch {
    return null
  }
  if (typeof raw !== 'object' || raw === null) return null
  const { pid, host, bootId: boot, startTicks, token, since } = raw as Record<string, unknown>
  if (typeof pid !== 'number' || typeof host !== 'string') return null
  return {
    pid,
    host,
    bootId: typeof boot === 'string' ? boot : null,
    startTicks: typeof startTicks === 'number' ? startTicks : null,
    token: typeof token === 'string' ? token : '',
    since: typeof since === 'string' ? since : '',
  }
}

/** " (process 1234 since …)" when the holder is known, for the "locked" message. */
export async function holderText(dir: string): Promise<string> {
  const owner = await readOwner(join(dir, LOCK_FILE))
  if (!owner) return ''
  const where = owner.host === hostname() ? '' : ` on ${owner.host}`
  return ` (process ${owner.pid}${where}${owner.since ? ` since ${owner.since}` : ''})`
}

let cachedBootId: string | null | undefined

async function bootId(): Promise<string | null> {
  if (cachedBootId === undefined) {
    cachedBootId = await readFile('/proc/sys/kernel/random/boot_id', 'utf8')
      .then((text) => text.trim() || null)
      .catch(() => null)
  }
  return cachedBootId
}

/** Field 22 of /proc/<pid>/stat: when the process started; null where there is no /proc. */
async function processStartTicks(pid: number): Promise<number | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[19])
    return Number.isFinite(ticks) ? ticks : null
  } catch {
    return null
  }
}
