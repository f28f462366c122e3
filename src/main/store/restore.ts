/**
 * Putting a snapshot back: saying first exactly what it would roll back, then doing it.
 *
 * Why a plan before the act: restoring a snapshot is the one operation that
 * deliberately throws away acknowledged work (everything since the
 * snapshot). An analyst who restored to repair a damaged index lost a day's
 * annotations without being told. So a restore first lists what would go
 * (articles imported since, annotations created, changed or deleted since,
 * with their dates, and codebook changes), and only a confirmed restore
 * acts; it keeps every file it replaces in `backups/pre-restore-<time>/`.
 * Recovering from damage never needs this: a damaged index is rebuilt from
 * the article files (`index-recovery.ts`).
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { WorkbenchError } from '../../shared/ipc/result'
import { annotationLabel, DEFAULT_CLAIM_STATUSES } from '../../shared/domain/annotation'
import { readArticleFileQuietly } from './article-file'
import { emptyArticleFile } from './derived'
import { pathExists, readJsonFile, writeFileDurable } from './durable-file'
import {
  ANNOTATIONS_DIR,
  BACKUPS_DIR,
  CODEBOOK_FILE,
  INDEX_FILE,
  OPEN_MARKER_FILE,
  type ArticleFile,
} from './files'
import { acquireLibraryLock } from './library-lock'
import { isSnapshotName, preserve, snapshotFiles } from './snapshots'
import { tagKey } from '../../shared/domain/tag'

/** One annotation a restore would remove, put back or revert. */
export interface RestoreAnnotationChange {
  readonly articleId: string
  readonly articleTitle: string
  readonly annotationId: string
  readonly label: string
  /** When it was created (added), last changed (changed), or last changed before deletion (deleted). */
  readonly at: string
}

/** Everything a restore would roll back, compared with the library as it is now. */
export interface RestorePlan {
  readonly snapshot: string
  /** Articles imported after the snapshot: they leave the library (their files are kept aside). */
  readonly articlesRemoved: readonly { id: string; title: string; importedAt: string }[]
  /** Articles the snapshot has and the library no longer lists. */
  readonly articlesRestored: readonly { id: string; title: string }[]
  /** Annotations created since the snapshot: removed. */
  readonly annotationsRemoved: readonly RestoreAnnotationChange[]
  /** Annotations changed since the snapshot: put back as they were. */
  readonly annotationsReverted: readonly RestoreAnnotationChange[]
  /** Annotations deleted since the snapshot: they come back. */
  readonly annotationsRestored: readonly RestoreAnnotationChange[]
  /** Articles whose status, article tags or article note differ. */
  readonly articleStatesReverted: number
  /** Codebook tags added, removed or changed since, and whether the claim statuses differ. */
  readonly codebook: {
    readonly tagsRemoved: readonly string[]
    readonly tagsRestored: readonly string[]
    readonly tagsChanged: readonly string[]
    readonly claimStatusesChanged: boolean
  }
}

/** Whether a plan would change anything at all. */
export function planIsEmpty(plan: RestorePlan): boolean {
  const c = plan.codebook
  return (
    plan.articlesRemoved.length +
      plan.articlesRestored.length +
      plan.annotationsRemoved.length +
      plan.annotationsReverted.length +
      plan.annotationsRestored.length +
      plan.articleStatesReverted +
      c.tagsRemoved.length +
      c.tagsRestored.length +
      c.tagsChanged.length ===
      0 && !c.claimStatusesChanged
  )
}

/** Compare a snapshot with the library as it is now, changing nothing. */
export async function planRestore(dir: string, name: string): Promise<RestorePlan> {
  const source = await snapshotFolder(dir, name)
  const nowIndex = await readIndexLeniently(join(dir, INDEX_FILE))
  const thenIndex = await readIndexLeniently(join(source, INDEX_FILE))
  const titles = new Map<string, string>()
  for (const entry of [...thenIndex.values(), ...nowIndex.values()])
    titles.set(entry.id, entry.title)
  const articlesRemoved = [...nowIndex.values()]
    .filter((e) => !thenIndex.has(e.id))
    .map(({ id, title, importedAt }) => ({ id, title, importedAt }))
  const articlesRestored = [...thenIndex.values()]
    .filter((e) => !nowIndex.has(e.id))
    .map(({ id, title }) => ({ id, title }))

  const nowFiles = new Set(await articleFileNames(join(dir, ANNOTATIONS_DIR)))
  const thenFiles = new Set(await articleFileNames(join(source, ANNOTATIONS_DIR)))
  const removed: RestoreAnnotationChange[] = []
  const reverted: RestoreAnnotationChange[] = []
  const restored: RestoreAnnotationChange[] = []
  let articleStatesReverted = 0
  for (const file of new Set([...nowFiles, ...thenFiles])) {
    const id = file.slice(0, -'.json'.length)
    const now = await articleState(join(dir, ANNOTATIONS_DIR, file), id)
    const then = await articleState(join(source, ANNOTATIONS_DIR, file), id)
    const title = titles.get(id) ?? id
    const change = (
      a: ArticleFile['annotations'][number],
      at: string,
    ): RestoreAnnotationChange => ({
      articleId: id,
      articleTitle: title,
      annotationId: a.id,
      label: annotationLabel(a),
      at,
    })
    const thenById = new Map(then.annotations.map((a) => [a.id, a]))
    const nowById = new Map(now.annotations.map((a) => [a.id, a]))
    for (const a of now.annotations) {
      const old = thenById.get(a.id)
      if (!old) removed.push(change(a, a.createdAt))
      else if (JSON.stringify(old) !== JSON.stringify(a)) reverted.push(change(a, a.updatedAt))
    }
    for (const a of then.annotations) if (!nowById.has(a.id)) restored.push(change(a, a.updatedAt))
    if (
      now.status !== then.status ||
      now.note !== then.note ||
      JSON.stringify(now.tags) !== JSON.stringify(then.tags)
    ) {
      articleStatesReverted++
    }
  }
  const byDate = (a: RestoreAnnotationChange, b: RestoreAnnotationChange) =>
    a.at.localeCompare(b.at) || a.articleTitle.localeCompare(b.articleTitle)

  const nowCodebook = await readCodebookLeniently(join(dir, CODEBOOK_FILE))
  const thenCodebook = await readCodebookLeniently(join(source, CODEBOOK_FILE))
  const nowTags = new Map(nowCodebook.tags.map((t) => [tagKey(t.name), t]))
  const thenTags = new Map(thenCodebook.tags.map((t) => [tagKey(t.name), t]))
  return {
    snapshot: name,
    articlesRemoved: articlesRemoved.sort((a, b) => a.importedAt.localeCompare(b.importedAt)),
    articlesRestored,
    annotationsRemoved: removed.sort(byDate),
    annotationsReverted: reverted.sort(byDate),
    annotationsRestored: restored.sort(byDate),
    articleStatesReverted,
    codebook: {
      tagsRemoved: [...nowTags].filter(([k]) => !thenTags.has(k)).map(([, t]) => t.name),
      tagsRestored: [...thenTags].filter(([k]) => !nowTags.has(k)).map(([, t]) => t.name),
      tagsChanged: [...nowTags]
        .filter(
          ([k, t]) => thenTags.has(k) && JSON.stringify(thenTags.get(k)) !== JSON.stringify(t),
        )
        .map(([, t]) => t.name),
      claimStatusesChanged:
        JSON.stringify(nowCodebook.claimStatuses) !== JSON.stringify(thenCodebook.claimStatuses),
    },
  }
}

/**
 * Put a snapshot back in place of the current index, codebook and article files.
 *
 * Takes the library's lock itself, so it refuses while the app has the
 * library open. Every file it replaces or removes is first kept in
 * `backups/pre-restore-<time>/` (returned), so a restore can itself be
 * undone. The unclean-shutdown marker stays until the next open, which then
 * derives the index figures from the restored files, also if the restore is
 * killed half way.
 */
export async function restoreSnapshot(
  dir: string,
  name: string,
  now: Date = new Date(),
): Promise<string> {
  const source = await snapshotFolder(dir, name)
  const lock = await acquireLibraryLock(dir)
  try {
    await writeFileDurable(join(dir, OPEN_MARKER_FILE), JSON.stringify({ restoring: name }))
    const safety = join(dir, BACKUPS_DIR, `pre-restore-${now.toISOString().replace(/[:.]/g, '-')}`)
    await mkdir(join(safety, ANNOTATIONS_DIR), { recursive: true })
    const current = await snapshotFiles(dir)
    for (const file of current) await preserve(join(dir, file), join(safety, file))
    const saved = await snapshotFiles(source)
    for (const file of saved) {
      const text = await readFile(join(source, file), 'utf8').catch(() => null)
      if (text !== null) await writeFileDurable(join(dir, file), text)
    }
    // Files the snapshot does not have belong to work done since: kept in the safety copy only.
    const keep = new Set<string>()
    for (const file of saved) if (await pathExists(join(source, file))) keep.add(file)
    for (const file of current) {
      if (!keep.has(file)) await rm(join(dir, file), { force: true })
    }
    return safety
  } finally {
    await lock.release()
  }
}

async function snapshotFolder(dir: string, name: string): Promise<string> {
  if (!isSnapshotName(name)) {
    throw new WorkbenchError(
      'invalid-input',
      `Not a backup name: ${name} (see "workbench restore --list")`,
    )
  }
  const source = join(dir, BACKUPS_DIR, name)
  const info = await stat(source).catch(() => null)
  if (!info?.isDirectory()) {
    throw new WorkbenchError('not-found', `No backup named ${name} in ${join(dir, BACKUPS_DIR)}`)
  }
  return source
}

interface LenientEntry {
  readonly id: string
  readonly title: string
  readonly importedAt: string
}

async function readIndexLeniently(path: string): Promise<Map<string, LenientEntry>> {
  const out = new Map<string, LenientEntry>()
  const raw = (await readJsonFile(path).catch(() => null)) as { articles?: unknown } | null
  if (!Array.isArray(raw?.articles)) return out
  for (const item of raw.articles as unknown[]) {
    const { id, title, importedAt } = (item ?? {}) as Record<string, unknown>
    if (typeof id !== 'string') continue
    out.set(id, {
      id,
      title: typeof title === 'string' ? title : id,
      importedAt: typeof importedAt === 'string' ? importedAt : '',
    })
  }
  return out
}

async function readCodebookLeniently(
  path: string,
): Promise<{ tags: { name: string }[]; claimStatuses: unknown }> {
  const raw = (await readJsonFile(path).catch(() => null)) as {
    tags?: unknown
    claimStatuses?: unknown
  } | null
  const tags = Array.isArray(raw?.tags)
    ? (raw.tags as unknown[]).filter(
        (t): t is { name: string } => typeof (t as { name?: unknown })?.name === 'string',
      )
    : []
  // No codebook file yet means the default statuses.
  return { tags, claimStatuses: raw?.claimStatuses ?? [...DEFAULT_CLAIM_STATUSES] }
}

async function articleFileNames(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [] as string[])).filter(
    (n) => n.endsWith('.json') && !n.startsWith('.'),
  )
}

async function articleState(path: string, id: string): Promise<ArticleFile> {
  const read = await readArticleFileQuietly(path, id)
  return read.kind === 'ok' ? read.file : emptyArticleFile(id)
}
