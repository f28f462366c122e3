/**
 * Snapshots of a library folder in `backups/`: taking, listing, pruning.
 *
 * Why copies shared between snapshots: a snapshot must not share its files
 * with the live library (damage done to a live file in place, by another
 * program or the disk, would reach the backup too), yet copying every
 * annotation file several times a day fills the disk. So each snapshot
 * copies the files that changed since the previous snapshot, and hard-links
 * the unchanged ones to the previous snapshot's own copies (as rsync
 * --link-dest and Time Machine do). A manifest in each snapshot records the
 * stamp (size, time, inode) of every live file it copied, which is how the
 * next snapshot knows a file is unchanged. Snapshots can then be taken often
 * (at the first open of a day and after hours of work in a session), and one
 * that would leave the disk nearly full is skipped with a reason instead of
 * taking the last free space.
 */
import { constants } from 'node:fs'
import {
  copyFile,
  link,
  mkdir,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  statfs,
  writeFile,
} from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { stampOf } from './derived'
import { pathExists } from './durable-file'
import {
  ANNOTATIONS_DIR,
  BACKUPS_DIR,
  CODEBOOK_FILE,
  INDEX_FILE,
  TEMPLATE_EXTENSION,
  TEMPLATES_DIR,
} from './files'

/** What taking a snapshot did. */
export type SnapshotOutcome =
  | { readonly kind: 'taken'; readonly name: string }
  | { readonly kind: 'exists'; readonly name: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'skipped'; readonly reason: string }

export interface SnapshotOptions {
  readonly now: Date
  /** Bytes free for this user on the disk holding `dir`; tests pass a small number. */
  readonly freeBytes?: (dir: string) => Promise<number>
  /** Name the snapshot by the time as well as the day (a snapshot taken during a session). */
  readonly withTime?: boolean
}

/** Space left free after a snapshot, so that the next save still fits. */
export const SNAPSHOT_RESERVE_BYTES = 1024 * 1024

const DAILY = /^\d{4}-\d{2}-\d{2}$/
const TIMED = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}$/
/** The temp folder of a snapshot being taken: `.<name>.<pid>.tmp`. */
const SNAPSHOT_TEMP = /^\.\d{4}-\d{2}-\d{2}(?:T\d{2}-\d{2})?\.\d+\.tmp$/

/** Whether a folder name in backups/ is a snapshot the app took (daily, timed or pre-restore). */
export function isSnapshotName(name: string): boolean {
  return DAILY.test(name) || TIMED.test(name) || name.startsWith('pre-restore-')
}

/** The files a snapshot holds, relative to the library folder. */
export async function snapshotFiles(dir: string): Promise<string[]> {
  const files = [INDEX_FILE, CODEBOOK_FILE]
  const names = await readdir(join(dir, ANNOTATIONS_DIR)).catch(() => [] as string[])
  for (const name of names.sort()) {
    if (name.endsWith('.json') && !name.startsWith('.')) files.push(join(ANNOTATIONS_DIR, name))
  }
  return files
}

/**
 * The analyst's briefing templates, relative to the library folder.
 *
 * Snapshotted as user data, but not part of `snapshotFiles`: a restore
 * leaves the current templates alone (one is copied back by hand from
 * `backups/<name>/templates/`), so restoring annotations never deletes a
 * template written since.
 */
export async function snapshotTemplateFiles(dir: string): Promise<string[]> {
  const names = await readdir(join(dir, TEMPLATES_DIR)).catch(() => [] as string[])
  return names
    .filter((name) => name.endsWith(TEMPLATE_EXTENSION) && !name.startsWith('.'))
    .sort()
    .map((name) => join(TEMPLATES_DIR, name))
}

/** The manifest file of a snapshot: `[path, stamp of the live file copied]` pairs. */
export const SNAPSHOT_MANIFEST = 'manifest.json'

/**
 * Snapshot the index, codebook, annotation and template files into `backups/<name>/`.
 *
 * Built in a temp folder and renamed, so a half-taken snapshot never looks
 * like one. Bodies are immutable and content-addressed, so they need none.
 */
export async function takeSnapshot(
  dir: string,
  options: SnapshotOptions,
): Promise<SnapshotOutcome> {
  const root = join(dir, BACKUPS_DIR)
  const name = snapshotName(options.now, options.withTime ?? false)
  const target = join(root, name)
  if (await pathExists(target)) return { kind: 'exists', name }
  // A library that has never been written has nothing worth keeping.
  if (!(await pathExists(join(dir, INDEX_FILE)))) return { kind: 'empty' }
  const files = [...(await snapshotFiles(dir)), ...(await snapshotTemplateFiles(dir))]
  await mkdir(root, { recursive: true })
  const previous = await previousSnapshot(dir)
  const plan: { file: string; stamp: string; from: string | null }[] = []
  let toCopy = 0
  for (const file of files) {
    const info = await stat(join(dir, file)).catch(() => null)
    if (!info) continue
    const stamp = stampOf(info)
    const from = previous?.stamps.get(file) === stamp ? join(previous.path, file) : null
    if (from === null) toCopy += info.size
    plan.push({ file, stamp, from })
  }
  const needed = toCopy + files.length * 512 + 64 * 1024 + SNAPSHOT_RESERVE_BYTES
  const free = await (options.freeBytes ?? freeBytesOf)(dir)
  if (free < needed) {
    return {
      kind: 'skipped',
      reason: `No backup was taken: the disk holding ${dir} has ${formatBytes(free)} free and a backup needs about ${formatBytes(needed)}. Free some space; your saves are not affected.`,
    }
  }
  const tmp = join(root, `.${name}.${process.pid}.tmp`)
  await rm(tmp, { recursive: true, force: true })
  try {
    await mkdir(join(tmp, ANNOTATIONS_DIR), { recursive: true })
    if (plan.some((item) => dirname(item.file) === TEMPLATES_DIR)) {
      await mkdir(join(tmp, TEMPLATES_DIR), { recursive: true })
    }
    const manifest: [string, string][] = []
    for (const item of plan) {
      const to = join(tmp, item.file)
      const linked =
        item.from !== null &&
        (await link(item.from, to).then(
          () => true,
          () => false,
        ))
      if (!linked) {
        try {
          await copyFile(join(dir, item.file), to, constants.COPYFILE_EXCL)
        } catch (error) {
          // Removed since it was listed (an article deleted meanwhile): nothing to keep.
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue
          throw error
        }
      }
      manifest.push([item.file, item.stamp])
    }
    await writeFile(join(tmp, SNAPSHOT_MANIFEST), JSON.stringify({ files: manifest }))
    await rename(tmp, target)
  } catch (error) {
    await rm(tmp, { recursive: true, force: true }).catch(() => undefined)
    throw error
  }
  return { kind: 'taken', name }
}

/** The newest daily or timed snapshot with a readable manifest: where its copies are, and of what. */
async function previousSnapshot(
  dir: string,
): Promise<{ path: string; stamps: Map<string, string> } | null> {
  for (const name of await listSnapshotNames(dir)) {
    if (name.startsWith('pre-restore-')) continue
    const path = join(dir, BACKUPS_DIR, name)
    try {
      const raw = JSON.parse(await readFile(join(path, SNAPSHOT_MANIFEST), 'utf8')) as {
        files?: unknown
      }
      if (!Array.isArray(raw.files)) return null
      const stamps = new Map<string, string>()
      for (const pair of raw.files as unknown[]) {
        if (Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string') {
          stamps.set(pair[0], pair[1])
        }
      }
      return { path, stamps }
    } catch {
      return null // An older snapshot without a manifest: copy everything this time.
    }
  }
  return null
}

/**
 * Keep a file as it is now at `to`: a hard link when possible, else a copy.
 *
 * A missing source is skipped (an article with no annotation file yet).
 */
export async function preserve(from: string, to: string, tryLink = true): Promise<void> {
  try {
    if (tryLink) {
      try {
        await link(from, to)
        return
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw error
      }
    }
    await copyFile(from, to, constants.COPYFILE_EXCL)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/** Names of a library's snapshots, newest first. */
export async function listSnapshotNames(dir: string): Promise<string[]> {
  try {
    const names = await readdir(join(dir, BACKUPS_DIR))
    return names.filter(isSnapshotName).sort().reverse()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** When the newest daily or timed snapshot was taken (from its name), or null. */
export async function newestSnapshotTime(dir: string): Promise<Date | null> {
  for (const name of await listSnapshotNames(dir)) {
    if (DAILY.test(name)) return new Date(`${name}T00:00:00.000Z`)
    if (TIMED.test(name))
      return new Date(`${name.slice(0, 10)}T${name.slice(11).replace('-', ':')}:00.000Z`)
  }
  return null
}

/** Remove daily and timed snapshots older than `keepDays`; pre-restore copies are kept. */
export async function pruneSnapshots(dir: string, now: Date, keepDays: number): Promise<void> {
  const root = join(dir, BACKUPS_DIR)
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString().slice(0, 10)
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if ((DAILY.test(name) || TIMED.test(name)) && name.slice(0, 10) < cutoff) {
      await rm(join(root, name), { recursive: true, force: true })
    }
  }
}

/** Remove temp folders of snapshots whose taker was killed; the caller holds the lock. */
export async function removeSnapshotTemps(dir: string): Promise<void> {
  const root = join(dir, BACKUPS_DIR)
  for (const name of await readdir(root).catch(() => [] as string[])) {
    if (SNAPSHOT_TEMP.test(name)) await rm(join(root, name), { recursive: true, force: true })
  }
}

/** The newest snapshot copy of a file (path relative to the library), newest first by name. */
export async function snapshotsOf(dir: string, relative: string): Promise<string[]> {
  const found: string[] = []
  for (const name of await listSnapshotNames(dir)) {
    const candidate = join(dir, BACKUPS_DIR, name, relative)
    if (await pathExists(candidate)) found.push(candidate)
  }
  return found
}

function snapshotName(now: Date, withTime: boolean): string {
  const iso = now.toISOString()
  return withTime
    ? `${iso.slice(0, 10)}T${iso.slice(11, 13)}-${iso.slice(14, 16)}`
    : iso.slice(0, 10)
}

async function freeBytesOf(dir: string): Promise<number> {
  try {
    const s = await statfs(dir)
    return s.bavail * s.bsize
  } catch {
    return Number.POSITIVE_INFINITY // Unknown: do not skip backups on platforms that cannot tell.
  }
}

/** "1.4 MB", "820 KB": sizes in messages. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'unknown'
  if (bytes >= 1024 * 1024 * 1024) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 ** 2).toFixed(1)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
