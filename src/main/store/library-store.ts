/**
 * The library folder: articles, their annotations and the codebook on disk.
 *
 * Why this shape: saving one annotation must cost the same in a library of
 * ten articles and of ten thousand. Article texts are immutable files named
 * by content hash, each article's annotations and state live in one small
 * lowdb file, and the index (article metadata) and the codebook are files of
 * their own. A save rewrites one small file; the index only carries derived
 * figures and is rewritten lazily. A change spanning several files goes
 * through the intent journal (`journal.ts`); the index can always be rebuilt
 * from the other files (`index-recovery.ts`); snapshots, the lock and the
 * wording of file-system errors have modules of their own. See
 * docs/storage.md for the guarantees.
 */
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Low } from 'lowdb'
import { WorkbenchError } from '../../shared/ipc/result'
import type { ArticleBackup, ArticleBackupRestore } from '../../shared/ipc/contract'
import type { ArticleVersion, Block } from '../../shared/domain/article'
import { DEFAULT_CLAIM_STATUSES } from '../../shared/domain/annotation'
import { readArticleFileQuietly } from './article-file'
import {
  currentStamp,
  currentStamps,
  derivedEntry,
  emptyArticleFile,
  sameEntry,
  stampOf,
} from './derived'
import {
  CoalescingWriter,
  CorruptFileError,
  DurableJsonFile,
  isOwnTempFile,
  pathExists,
  readJsonFile,
  realIo,
  writeFileDurable,
  type WriteIo,
} from './durable-file'
import {
  ANNOTATIONS_DIR,
  BODIES_DIR,
  CODEBOOK_FILE,
  CURRENT_VERSION,
  INDEX_FILE,
  OPEN_MARKER_FILE,
  QUARANTINE_DIR,
  bodyFileSchema,
  type ArticleFile,
  type CodebookFile,
  type FileKind,
  type ImportedMeta,
  type IndexEntry,
  type IndexFile,
} from './files'
import { describeFsError, type FsAction } from './fs-errors'
import {
  listLibrary,
  recoverEntries,
  type LibraryListing,
  type RecoveryReport,
} from './index-recovery'
import { clearJournal, rollForward, writeJournal } from './journal'
import { acquireLibraryLock, type LibraryLock } from './library-lock'
import { backupAdvice, loadLibraryFile, type LoadedFile } from './validated-file'
import {
  listSnapshotNames,
  pruneSnapshots,
  removeSnapshotTemps,
  snapshotsOf,
  takeSnapshot,
} from './snapshots'
import { WriteGate } from './write-gate'

export interface LibraryOpenOptions {
  readonly dir: string
  /** Open without taking the write lock; every mutation is refused. */
  readonly readOnly?: boolean
  /**
   * Create the folder when it does not exist (the app's first run, `workbench
   * import`). Otherwise, and always for read-only opens, a missing folder or
   * one that holds no library is an error.
   */
  readonly create?: boolean
  readonly now?: () => Date
  /** Days of snapshots to keep. */
  readonly backupDays?: number
  /** Delay before derived index figures are written; 0 writes at once. */
  readonly indexDelayMs?: number
  readonly io?: WriteIo
  /** Bytes free on the library's disk (tests simulate a full disk). */
  readonly freeBytes?: (dir: string) => Promise<number>
  /** Wait this long for another process to release the lock (the CLI's `--wait`). */
  readonly lockWaitMs?: number
  /** Told when the lock is busy and the open waits for it. */
  readonly onLockWait?: (holder: string) => void
  /** Take a snapshot during a session once the last one is this old and something was saved. */
  readonly snapshotEveryMs?: number
}

export interface QuarantineReport {
  readonly count: number
  readonly dir: string
}

interface ArticleSlot {
  readonly db: Low<ArticleFile>
  readonly writer: CoalescingWriter
  /** The last bytes known to be on disk, restored when a write fails. */
  lastWritten: string | null
  /** The stamp of the file after the last write, for the index. */
  stamp: string | null
  readOnlyReason: string | null
}

/** Called with an article's id and its new state; must not change the state. */
export type ArticleListener = (id: string, state: Readonly<ArticleFile>) => void

/** One article file's part of a change spanning several files. */
export interface ArticleMutation {
  readonly id: string
  readonly change: (draft: ArticleFile) => void
}

const DEFAULT_BACKUP_DAYS = 7
const DEFAULT_SNAPSHOT_EVERY_MS = 3 * 60 * 60_000
const ARTICLE_CACHE_LIMIT = 256
const BODY_WRITE_CONCURRENCY = 8
/** Article files read at once when their figures must be derived again. */
const READ_CONCURRENCY = 16

/** The persistent state of one library folder. */
export class LibraryStore {
  private readonly index: Low<IndexFile>
  private readonly codebook: Low<CodebookFile>
  private readonly indexWriter: CoalescingWriter
  private readonly codebookWriter: CoalescingWriter
  private readonly articles = new Map<string, Promise<ArticleSlot>>()
  /** Articles a change spanning several files is writing: never evicted meanwhile. */
  private readonly pinned = new Set<string>()
  private readonly byId = new Map<string, IndexEntry>()
  /** Every version's content hash -> its article. */
  private readonly byHash = new Map<string, IndexEntry>()
  /** The articles not in the trash, rebuilt when the index or a trash mark changes. */
  private live: { all: IndexEntry[]; generation: number; list: IndexEntry[] } | null = null
  private trashGeneration = 0
  private readonly articleListeners = new Set<ArticleListener>()
  private readonly removeListeners = new Set<(ids: readonly string[]) => void>()
  /** Article id -> why its annotation file cannot be read. */
  private readonly fileDamage = new Map<string, string>()
  /** Article id -> why its text (body file) cannot be read. */
  private readonly textDamage = new Map<string, string>()
  private readonly gate = new WriteGate()
  private readonly messages: string[] = []
  private indexTimer: NodeJS.Timeout | null = null
  /** Derived figures in memory that are not yet (or failed to be) written to library.json. */
  private indexStale = false
  private quarantineCount = 0
  private addQueue: Promise<void> = Promise.resolve()
  private closed = false
  private unreadableReason: string | null = null
  private lock: LibraryLock | null = null
  /** Set once another process has taken the lock: from then on nothing is written. */
  private lockLost: string | null = null
  private lastSnapshotAt: Date | null = null
  private snapshotQueued = false
  /** Resolves when the snapshot being taken (if any) is done; writes wait for it through the gate. */
  backupDone: Promise<void> = Promise.resolve()

  private constructor(
    readonly dir: string,
    private readonlyReason: string | null,
    private readonly options: LibraryOpenOptions,
  ) {
    const io = options.io ?? realIo
    this.index = new Low(new DurableJsonFile<IndexFile>(join(dir, INDEX_FILE), io), {
      schemaVersion: CURRENT_VERSION.index,
      articles: [],
    })
    this.codebook = new Low(new DurableJsonFile<CodebookFile>(join(dir, CODEBOOK_FILE), io), {
      schemaVersion: CURRENT_VERSION.codebook,
      tags: [],
      claimStatuses: [...DEFAULT_CLAIM_STATUSES],
    })
    this.indexWriter = new CoalescingWriter(async () => {
      this.assertLockHeld()
      const stale = this.indexStale
      this.indexStale = false
      try {
        await this.index.write()
      } catch (error) {
        this.indexStale ||= stale
        throw error
      }
    })
    this.codebookWriter = new CoalescingWriter(async () => {
      this.assertLockHeld()
      await this.codebook.write()
    })
  }

  /**
   * Open a library folder.
   *
   * Throws `WorkbenchError('locked')` when another process holds the
   * library, and `not-found` when the folder holds no library and is not to
   * be created. Damage never throws: a lost or damaged index is rebuilt from
   * the article files (or, opened read-only, reported in `unreadable`), a
   * file that cannot be read otherwise makes the library read-only with
   * `readOnly` saying which file and what to do, and records that fail
   * validation are quarantined.
   */
  static async open(options: LibraryOpenOptions): Promise<LibraryStore> {
    const dir = options.dir
    await checkLibraryFolder(dir, !options.readOnly && (options.create ?? true))
    const store = new LibraryStore(dir, options.readOnly ? 'opened read-only' : null, options)
    try {
      if (!options.readOnly) {
        await mkdir(join(dir, ANNOTATIONS_DIR), { recursive: true }).catch((error: unknown) => {
          throw describeFsError(error, 'open', dir)
        })
        await mkdir(join(dir, BODIES_DIR), { recursive: true })
        store.lock = await acquireLibraryLock(dir, {
          ...(options.lockWaitMs !== undefined ? { waitMs: options.lockWaitMs } : {}),
          ...(options.onLockWait ? { onWait: options.onLockWait } : {}),
          onCompromised: (reason) => store.compromise(reason),
        })
        await store.finishInterruptedChange()
      }
      await store.load()
    } catch (error) {
      await store.close().catch(() => undefined)
      throw error
    }
    if (!store.readonlyReason) {
      store.lastSnapshotAt = await store.newestSnapshotTime()
      store.startSnapshot(false)
    }
    return store
  }

  /** Check now that this process still holds the library's lock; false once another took it. */
  async verifyLock(): Promise<boolean> {
    return this.lock ? this.lock.verify() : true
  }

  /** Why writes are refused, or null when the library is writable. */
  get readOnly(): string | null {
    return this.readonlyReason
  }

  /**
   * Why the library could not be read as it is on disk (a damaged or newer
   * file), or null. Read-only commands fail with this message instead of
   * showing an empty or partial library.
   */
  get unreadable(): string | null {
    return this.unreadableReason
  }

  /** What the analyst should know about this open: an index rebuilt, a change finished, a backup skipped. */
  get notices(): readonly string[] {
    return this.messages
  }

  /** How many records were moved to quarantine/ while opening, if any. */
  get quarantined(): QuarantineReport | null {
    return this.quarantineCount > 0
      ? { count: this.quarantineCount, dir: join(this.dir, QUARANTINE_DIR) }
      : null
  }

  /**
   * Every article not in the trash, in import order. The same array until
   * an article is added, removed, trashed or restored, so a caller can tell
   * cheaply whether the set changed.
   */
  listArticles(): readonly IndexEntry[] {
    const all = this.index.data.articles
    const cached = this.live
    if (cached && cached.all === all && cached.generation === this.trashGeneration) {
      return cached.list
    }
    const list = all.filter((entry) => entry.trashedAt === null)
    this.live = { all, generation: this.trashGeneration, list }
    return list
  }

  /**
   * Every article, those in the trash too, in import order. For what must
   * see the whole library: the trash view, tag operations (a trashed
   * article restored later must agree with the codebook), recovery.
   */
  listAllArticles(): readonly IndexEntry[] {
    return this.index.data.articles
  }

  /** The articles in the trash, most recently trashed first. */
  listTrash(): IndexEntry[] {
    return this.index.data.articles
      .filter((entry) => entry.trashedAt !== null)
      .sort((a, b) => (b.trashedAt ?? '').localeCompare(a.trashedAt ?? ''))
  }

  /** One article's index entry. */
  getArticle(id: string): IndexEntry | undefined {
    return this.byId.get(id)
  }

  /** The article one of whose versions has this text hash, if it was imported already. */
  findByContentHash(hash: string): IndexEntry | undefined {
    return this.byHash.get(hash)
  }

  /**
   * What of an article cannot be read and why, or null when it is sound (as
   * far as known): its annotation file first, then its text.
   */
  damageOf(id: string): { part: 'annotations' | 'text'; reason: string } | null {
    const file = this.fileDamage.get(id)
    if (file !== undefined) return { part: 'annotations', reason: file }
    const text = this.textDamage.get(id)
    return text === undefined ? null : { part: 'text', reason: text }
  }

  /** The tags of the codebook. */
  listTags(): CodebookFile['tags'] {
    return this.codebook.data.tags
  }

  /** The codebook's tags and claim statuses (a copy: change it through `mutateCodebook`). */
  readCodebook(): Pick<CodebookFile, 'tags' | 'claimStatuses'> {
    const { tags, claimStatuses } = this.codebook.data
    return structuredClone({ tags, claimStatuses })
  }

  /**
   * Be told after each change to an article's state is on disk.
   *
   * Lets derived in-memory views (the claim-link reverse index) follow every
   * writer without each writer knowing about them. Returns an unsubscribe function.
   */
  onDidChangeArticle(listener: ArticleListener): () => void {
    this.articleListeners.add(listener)
    return () => this.articleListeners.delete(listener)
  }

  /**
   * Add articles with their bodies in one step.
   *
   * Bodies are written first (with the metadata as imported), so the index
   * never names a missing body; if the index write fails the new entries are
   * taken back out, and a body with no entry is harmless (it is
   * content-addressed and re-used later).
   */
  async addArticles(
    items: readonly { entry: IndexEntry; blocks: readonly Block[] }[],
  ): Promise<void> {
    // One batch at a time, so two imports of the same text cannot both pass the duplicate check.
    const turn = this.addQueue.then(() => this.gate.runShared(() => this.addArticlesNow(items)))
    this.addQueue = turn.catch(() => undefined)
    return turn
  }

  private async addArticlesNow(
    items: readonly { entry: IndexEntry; blocks: readonly Block[] }[],
  ): Promise<void> {
    this.assertWritable()
    for (const { entry } of items) {
      if (this.byHash.has(entry.contentHash) || this.byId.has(entry.id)) {
        throw new WorkbenchError('duplicate', `"${entry.title}" is already in the library`)
      }
    }
    // Bodies are independent files: write several at once, all durable before the index names them.
    const queue = [...items]
    const writeNext = async (): Promise<void> => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        await this.writeBody(item.entry, item.blocks)
      }
    }
    await Promise.all(
      Array.from({ length: Math.min(BODY_WRITE_CONCURRENCY, items.length) }, writeNext),
    )
    const before = this.index.data.articles
    this.index.data.articles = [...before, ...items.map((i) => i.entry)]
    try {
      await this.guardWrite('save', this.dir, () => this.flushIndexNow())
    } catch (error) {
      this.index.data.articles = before
      throw error
    } finally {
      this.rebuildLookups()
    }
    this.noteSaved()
  }

  /**
   * Write an article's text again, for an article whose body file is missing or damaged.
   *
   * The text must be the article's own (same content hash); the analyst
   * repairs an article by importing its text again.
   */
  async repairBody(id: string, contentHash: string, blocks: readonly Block[]): Promise<void> {
    await this.gate.runShared(async () => {
      this.assertWritable()
      const entry = this.byId.get(id)
      if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
      if (entry.versionHashes.includes(contentHash)) {
        const slot = await this.slot(id)
        const version =
          slot.db.data.versions.find((v) => v.contentHash === contentHash) ?? entry.original
        await this.writeVersionBody(id, version, blocks)
      } else {
        // The entry was rebuilt without its text: it now knows its real content hash.
        const repaired = derivedEntry(
          { ...entry, original: { ...entry.original, contentHash } },
          (await this.slot(id)).db.data,
          entry.derivedStamp,
        )
        await this.writeBody(repaired, blocks)
        this.replaceEntry(id, repaired)
        await this.guardWrite('save', this.dir, () => this.flushIndexNow())
      }
      this.textDamage.delete(id)
    })
  }

  /** Whether an article's body file is there and readable: `ok`, `missing` or `damaged`. */
  async bodyHealth(entry: IndexEntry): Promise<'ok' | 'missing' | 'damaged'> {
    try {
      await this.readBody(entry)
      return 'ok'
    } catch (error) {
      return (error as WorkbenchError).code === 'not-found' ? 'missing' : 'damaged'
    }
  }

  private async writeBody(entry: IndexEntry, blocks: readonly Block[]): Promise<void> {
    await this.writeVersionBody(entry.id, entry.original, blocks)
  }

  /** Write the body of one version of an article, with the metadata extracted from it. */
  private async writeVersionBody(
    id: string,
    version: ArticleVersion,
    blocks: readonly Block[],
  ): Promise<void> {
    const { addedAt, ...extracted } = version
    const meta: ImportedMeta = { ...extracted, id, importedAt: addedAt }
    const body = {
      schemaVersion: CURRENT_VERSION.body,
      contentHash: version.contentHash,
      blocks,
      meta,
    }
    const path = this.bodyPath(version.contentHash)
    await this.guardWrite('save', path, () =>
      writeFileDurable(path, JSON.stringify(body), this.io).then(() => undefined),
    )
  }

  /** Read an article's blocks from its immutable body file. */
  async readBody(entry: IndexEntry): Promise<Block[]> {
    const path = this.bodyPath(entry.contentHash)
    const fail = (code: 'io-error' | 'not-found', what: string): never => {
      const reason = `The text of "${entry.title}" ${what} (${path}). Import the same article file again to repair it; its annotations are kept.`
      this.textDamage.set(entry.id, reason)
      throw new WorkbenchError(code, reason)
    }
    let raw: unknown
    try {
      raw = await readJsonFile(path)
    } catch (error) {
      if (error instanceof CorruptFileError) return fail('io-error', 'is damaged')
      const described = describeFsError(error, 'read', path)
      throw described instanceof Error ? described : error
    }
    if (raw === null) return fail('not-found', 'is missing')
    const parsed = bodyFileSchema.safeParse(raw)
    if (!parsed.success || parsed.data.contentHash !== entry.contentHash) {
      return fail('io-error', 'does not have the expected shape')
    }
    this.textDamage.delete(entry.id)
    return parsed.data.blocks
  }

  /** An article's annotations and state (a copy: change it through `mutateArticle`). */
  async readArticle(
    id: string,
  ): Promise<Readonly<ArticleFile> & { readOnlyReason: string | null }> {
    const slot = await this.slot(id)
    return { ...structuredClone(slot.db.data), readOnlyReason: slot.readOnlyReason }
  }

  /**
   * An article's annotations and state without a copy, for readers that
   * only look (the search and link indexes read every article in the
   * background, and copying each would double their work on the main
   * thread). The caller must neither change it nor keep it past the turn.
   */
  async peekArticle(id: string): Promise<Readonly<ArticleFile>> {
    return (await this.slot(id)).db.data
  }

  /**
   * Change one article's annotations or state and wait until it is on disk.
   *
   * `change` works on a draft: if it throws, or the write fails, the stored
   * state is what it was before. The promise resolves only once the change
   * is durable, which is what "saved" means to the user.
   */
  async mutateArticle<T>(id: string, change: (draft: ArticleFile) => T): Promise<T> {
    return this.gate.runShared(async () => {
      this.assertWritable()
      const slot = await this.slot(id)
      if (slot.readOnlyReason) throw new WorkbenchError('read-only', slot.readOnlyReason)
      const draft = structuredClone(slot.db.data)
      const result = change(draft)
      await this.writeSlot(id, slot, draft)
      this.afterArticleWrite(id, slot)
      this.noteSaved()
      return result
    })
  }

  /** Change the codebook (tags, claim statuses) and wait until the change is on disk. */
  async mutateCodebook<T>(change: (draft: CodebookFile) => T): Promise<T> {
    return this.gate.runShared(async () => {
      this.assertWritable()
      const draft = structuredClone(this.codebook.data)
      const result = change(draft)
      await this.writeCodebook(draft)
      this.noteSaved()
      return result
    })
  }

  /**
   * Change the codebook and several article files as one: all of it, or none of it.
   *
   * Nothing is written until every draft is made (a damaged article refuses
   * the whole change). When more than one file changes, their new contents
   * go to the intent journal first, so a kill half way is rolled forward at
   * the next open; a write that fails puts back the files already written.
   * `label` names the change in the message after a roll-forward.
   */
  async mutateMany(
    label: string,
    codebookChange: ((draft: CodebookFile) => void) | null,
    articleChanges: readonly ArticleMutation[],
  ): Promise<void> {
    await this.gate.runShared(async () => {
      this.assertWritable()
      const ids = articleChanges.map((c) => c.id)
      for (const id of ids) this.pinned.add(id)
      try {
        const slots = new Map<string, ArticleSlot>()
        const drafts = new Map<string, ArticleFile>()
        for (const { id, change } of articleChanges) {
          const slot = await this.slot(id)
          if (slot.readOnlyReason) throw new WorkbenchError('read-only', slot.readOnlyReason)
          const draft = structuredClone(drafts.get(id) ?? slot.db.data)
          change(draft)
          slots.set(id, slot)
          drafts.set(id, draft)
        }
        let codebookDraft: CodebookFile | null = null
        if (codebookChange) {
          codebookDraft = structuredClone(this.codebook.data)
          codebookChange(codebookDraft)
        }
        const fileCount = drafts.size + (codebookDraft ? 1 : 0)
        if (fileCount > 1) {
          const files = [
            ...(codebookDraft
              ? [{ path: CODEBOOK_FILE, content: JSON.stringify(codebookDraft) }]
              : []),
            ...[...drafts].map(([id, draft]) => ({
              path: `${ANNOTATIONS_DIR}/${id}.json`,
              content: JSON.stringify(draft),
            })),
          ]
          await this.guardWrite('save', this.dir, () =>
            writeJournal(
              this.dir,
              { schemaVersion: 1, createdAt: this.now().toISOString(), label, files },
              this.io,
            ),
          )
        }
        const undo: (() => Promise<void>)[] = []
        try {
          if (codebookDraft) {
            const before = this.codebook.data
            await this.writeCodebook(codebookDraft)
            undo.push(() => this.writeCodebook(before))
          }
          for (const [id, draft] of drafts) {
            const slot = slots.get(id)!
            const before = slot.db.data
            await this.writeSlot(id, slot, draft)
            undo.push(() => this.writeSlot(id, slot, before))
          }
        } catch (error) {
          for (const revert of undo.reverse()) await revert().catch(() => undefined)
          if (fileCount > 1) await clearJournal(this.dir).catch(() => undefined)
          throw error
        }
        if (fileCount > 1) await clearJournal(this.dir)
        for (const [id, slot] of slots) this.afterArticleWrite(id, slot)
        this.noteSaved()
      } finally {
        for (const id of ids) this.pinned.delete(id)
      }
    })
  }

  /** The newest backup of an article's annotation file that can be read, or null. */
  async newestArticleBackup(id: string): Promise<ArticleBackup | null> {
    const relative = join(ANNOTATIONS_DIR, `${id}.json`)
    for (const path of await snapshotsOf(this.dir, relative)) {
      const read = await readArticleFileQuietly(path, id)
      if (read.kind === 'ok') {
        return {
          name: basename(dirname(dirname(path))),
          path,
          annotationCount: read.file.annotations.length,
        }
      }
    }
    return null
  }

  /**
   * Put back the newest readable backup of an article's damaged annotation file.
   *
   * The damaged file is moved to quarantine/, never deleted. Refused with
   * `conflict` when the file is not damaged, `not-found` without a backup.
   */
  async restoreArticleFromBackup(id: string): Promise<ArticleBackupRestore> {
    return this.gate.runShared(async () => {
      this.assertWritable()
      const slot = await this.slot(id)
      if (!slot.readOnlyReason) {
        throw new WorkbenchError(
          'conflict',
          `The annotation file of article ${id} is not damaged; nothing to restore.`,
        )
      }
      const backup = await this.newestArticleBackup(id)
      if (!backup) {
        throw new WorkbenchError(
          'not-found',
          `No readable backup of the annotation file of article ${id} exists.`,
        )
      }
      const path = this.articlePath(id)
      const quarantine = join(this.dir, QUARANTINE_DIR)
      const keptAs = join(
        quarantine,
        `${this.now().toISOString().replace(/[:.]/g, '-')}-${id}.json.damaged`,
      )
      const text = await readFile(backup.path, 'utf8')
      await this.guardWrite('save', path, async () => {
        await mkdir(quarantine, { recursive: true })
        await rename(path, keptAs)
        await writeFileDurable(path, text, this.io)
      })
      this.articles.delete(id)
      this.fileDamage.delete(id)
      const restored = await this.slot(id)
      restored.stamp = await currentStamp(path)
      this.afterArticleWrite(id, restored)
      return {
        id,
        restoredFrom: backup.path,
        damagedKeptAs: keptAs,
        annotationCount: restored.db.data.annotations.length,
      }
    })
  }

  /**
   * Write the body of a new version of an article, before the change that
   * makes it current. Bodies are content-addressed, so a body no article
   * names yet is harmless (and one the article had before is re-used).
   * Refuses a text that is another article's.
   */
  async addVersionBody(
    id: string,
    version: ArticleVersion,
    blocks: readonly Block[],
  ): Promise<void> {
    await this.gate.runShared(async () => {
      this.assertWritable()
      const entry = this.byId.get(id)
      if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
      const other = this.byHash.get(version.contentHash)
      if (other && other.id !== id) {
        throw new WorkbenchError(
          'duplicate',
          `This text is already in the library as "${other.title}"${other.trashedAt ? ' (in the trash)' : ''}`,
        )
      }
      await this.writeVersionBody(id, version, blocks)
    })
  }

  /** Read the text of one version of an article (any of `versionHashes`). */
  async readVersionBody(entry: IndexEntry, contentHash: string): Promise<Block[]> {
    if (!entry.versionHashes.includes(contentHash)) {
      throw new WorkbenchError('not-found', `"${entry.title}" has no version ${contentHash}`)
    }
    return this.readBody(contentHash === entry.contentHash ? entry : { ...entry, contentHash })
  }

  /** Be told when articles are removed for good (the trash was emptied). */
  onDidRemoveArticles(listener: (ids: readonly string[]) => void): () => void {
    this.removeListeners.add(listener)
    return () => this.removeListeners.delete(listener)
  }

  /**
   * Remove articles in the trash for good: their entries, article files and
   * every version's body. Only trashed articles can be removed. The index is
   * written first: a kill before the files are gone leaves them to be found
   * again at the next open, still in the trash, never half removed.
   */
  async removeTrashedArticles(ids: readonly string[]): Promise<string[]> {
    return this.gate.runShared(async () => {
      this.assertWritable()
      const doomed = ids
        .map((id) => this.byId.get(id))
        .filter((e): e is IndexEntry => e !== undefined && e.trashedAt !== null)
      if (doomed.length === 0) return []
      const gone = new Set(doomed.map((e) => e.id))
      const before = this.index.data.articles
      // Gone from every lookup at once, so no reader sees them half removed.
      this.index.data.articles = before.filter((e) => !gone.has(e.id))
      this.rebuildLookups()
      try {
        await this.guardWrite('save', this.dir, () => this.flushIndexNow())
      } catch (error) {
        this.index.data.articles = before
        this.rebuildLookups()
        throw error
      }
      for (const entry of doomed) {
        const slot = await this.articles.get(entry.id)?.catch(() => null)
        await slot?.writer.flush().catch(() => undefined)
        this.articles.delete(entry.id)
        this.fileDamage.delete(entry.id)
        this.textDamage.delete(entry.id)
        await rm(this.articlePath(entry.id), { force: true })
        for (const hash of entry.versionHashes) {
          if (!this.byHash.has(hash)) await rm(this.bodyPath(hash), { force: true })
        }
      }
      for (const listener of this.removeListeners) listener([...gone])
      this.noteSaved()
      return [...gone]
    })
  }

  /** Write everything pending and release the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.backupDone
      if (this.readonlyReason && !this.lock) return
      await this.flush()
      // The marker goes only once the derived figures are on disk: otherwise the next open re-derives them.
      if (!this.readonlyReason && !this.indexStale) {
        await rm(join(this.dir, OPEN_MARKER_FILE), { force: true })
      }
    } finally {
      await this.lock?.release()
    }
  }

  /** Write the index now if derived figures are waiting, and wait for every writer. */
  async flush(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer)
      this.indexTimer = null
    }
    if (this.indexStale && !this.readonlyReason) {
      await this.indexWriter.request().catch(() => undefined)
    }
    await Promise.all([
      this.indexWriter.flush(),
      this.codebookWriter.flush(),
      ...[...this.articles.values()].map(async (slot) => (await slot).writer.flush()),
    ])
  }

  /** Names of the snapshots in backups/, newest first. */
  async listBackups(): Promise<string[]> {
    return listSnapshotNames(this.dir)
  }

  private get io(): WriteIo {
    return this.options.io ?? realIo
  }

  private bodyPath(hash: string): string {
    return join(this.dir, BODIES_DIR, `${hash}.json`)
  }

  private articlePath(id: string): string {
    return join(this.dir, ANNOTATIONS_DIR, `${id}.json`)
  }

  private assertWritable(): void {
    if (this.closed) throw new WorkbenchError('internal', 'The library is closed')
    if (this.readonlyReason) throw new WorkbenchError('read-only', this.readonlyReason)
  }

  /** Every write checks this first: once another process holds the lock, nothing more is written. */
  private assertLockHeld(): void {
    if (this.lockLost) throw new WorkbenchError('read-only', this.lockLost)
  }

  /** Another process took the lock: stop writing, keep what is in memory, say so. */
  private compromise(reason: string): void {
    this.lockLost = `${reason} To protect your work this window has stopped saving: everything saved so far is on disk, and nothing more will be written. Close the library and open it again to continue.`
    this.readonlyReason = this.lockLost
    this.messages.push(this.lockLost)
  }

  /** Turn low-level write failures into messages the analyst can act on. */
  private async guardWrite(
    action: FsAction,
    path: string,
    write: () => Promise<void>,
  ): Promise<void> {
    try {
      await write()
    } catch (error) {
      throw describeFsError(error, action, path)
    }
  }

  private async writeSlot(id: string, slot: ArticleSlot, data: ArticleFile): Promise<void> {
    const previous = slot.db.data
    slot.db.data = data
    try {
      await this.guardWrite('save', this.articlePath(id), () => slot.writer.request())
    } catch (error) {
      slot.db.data =
        slot.lastWritten === null ? previous : (JSON.parse(slot.lastWritten) as ArticleFile)
      throw error
    }
  }

  private async writeCodebook(data: CodebookFile): Promise<void> {
    const before = this.codebook.data
    this.codebook.data = data
    try {
      await this.guardWrite('save', join(this.dir, CODEBOOK_FILE), () =>
        this.codebookWriter.request(),
      )
    } catch (error) {
      this.codebook.data = before
      throw error
    }
  }

  private afterArticleWrite(id: string, slot: ArticleSlot): void {
    this.refreshDerived(id, slot.db.data, slot.stamp)
    for (const listener of this.articleListeners) listener(id, slot.db.data)
  }

  private async flushIndexNow(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer)
      this.indexTimer = null
    }
    this.indexStale = true
    await this.indexWriter.request()
  }

  /** Update the index's cached figures for one article; written lazily because they can be re-derived. */
  private refreshDerived(id: string, file: ArticleFile, stamp: string | null): void {
    const entry = this.byId.get(id)
    if (!entry) return
    this.replaceEntry(id, derivedEntry(entry, file, stamp))
    this.scheduleIndexWrite()
  }

  private replaceEntry(id: string, next: IndexEntry): void {
    const entry = this.byId.get(id)
    if (!entry) return
    const i = this.index.data.articles.indexOf(entry)
    if (i >= 0) this.index.data.articles[i] = next
    this.byId.set(id, next)
    for (const hash of entry.versionHashes) {
      if (this.byHash.get(hash) === entry) this.byHash.delete(hash)
    }
    for (const hash of next.versionHashes) this.byHash.set(hash, next)
    if (entry.trashedAt !== next.trashedAt) {
      this.trashGeneration++
    } else if (this.live) {
      const j = this.live.list.indexOf(entry)
      if (j >= 0) this.live.list[j] = next
    }
  }

  private scheduleIndexWrite(): void {
    this.indexStale = true
    const delay = this.options.indexDelayMs ?? 500
    if (this.indexTimer) return
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null
      // A failed write leaves `indexStale` set: close keeps the unclean marker, the next open re-derives.
      void this.indexWriter.request().catch(() => undefined)
    }, delay)
  }

  private rebuildLookups(): void {
    this.byId.clear()
    this.byHash.clear()
    for (const entry of this.index.data.articles) {
      this.byId.set(entry.id, entry)
      for (const hash of entry.versionHashes) this.byHash.set(hash, entry)
    }
    this.trashGeneration++
  }

  private async slot(id: string): Promise<ArticleSlot> {
    const cached = this.articles.get(id)
    if (cached) {
      // Re-insert to keep the map in least-recently-used order.
      this.articles.delete(id)
      this.articles.set(id, cached)
      return cached
    }
    if (!this.byId.has(id)) throw new WorkbenchError('not-found', `No article with id ${id}`)
    // Cache the promise, not the slot: concurrent callers must share one in-memory copy.
    const loading = this.loadArticleSlot(id)
    this.articles.set(id, loading)
    loading.catch(() => this.articles.delete(id))
    const slot = await loading
    await this.evictArticles()
    return slot
  }

  private async evictArticles(): Promise<void> {
    for (const [id, pending] of this.articles) {
      if (this.articles.size - this.pinned.size <= ARTICLE_CACHE_LIMIT) break
      if (this.pinned.has(id)) continue
      this.articles.delete(id)
      await (await pending).writer.flush()
    }
  }

  private async loadArticleSlot(id: string): Promise<ArticleSlot> {
    const path = this.articlePath(id)
    const db = new Low<ArticleFile>(new DurableJsonFile(path, this.io), emptyArticleFile(id))
    const slot: ArticleSlot = {
      db,
      writer: new CoalescingWriter(async () => {
        this.assertLockHeld()
        const text = JSON.stringify(db.data)
        const written = await writeFileDurable(path, text, this.io)
        slot.lastWritten = text
        slot.stamp = stampOf(written)
      }),
      lastWritten: null,
      stamp: null,
      readOnlyReason: null,
    }
    const loaded = await this.loadFile('article', path, { annotations: 'annotations' })
    if (loaded.kind === 'missing') return slot
    if (loaded.kind === 'unreadable') {
      slot.readOnlyReason = loaded.reason
      this.fileDamage.set(id, loaded.reason)
      return slot
    }
    const data = loaded.data as unknown as ArticleFile
    if (data.articleId !== id) {
      slot.readOnlyReason = `${path} belongs to article ${data.articleId}, not ${id}; it was left untouched.`
      this.fileDamage.set(id, slot.readOnlyReason)
      return slot
    }
    db.data = data
    slot.lastWritten = loaded.changed ? null : JSON.stringify(data)
    if (loaded.changed && !this.readonlyReason) await slot.writer.request()
    return slot
  }

  /** With the lock held and before anything is read: finish a change a killed process left half written. */
  private async finishInterruptedChange(): Promise<void> {
    const outcome = await rollForward(this.dir, this.now(), this.io)
    if (outcome.kind === 'rolled-forward') {
      this.messages.push(
        `The last change before the app stopped ("${outcome.label}") was interrupted; it was completed in all ${outcome.files.length} files it touches.`,
      )
      // Its article files are newer than the index: re-derive on this open.
      await writeFileDurable(join(this.dir, OPEN_MARKER_FILE), '{}', this.io)
    } else if (outcome.kind === 'damaged') {
      this.messages.push(
        `A record of an interrupted change could not be read and was kept as ${outcome.keptAs}; the library's files were checked instead.`,
      )
      await writeFileDurable(join(this.dir, OPEN_MARKER_FILE), '{}', this.io)
    }
  }

  private async load(): Promise<void> {
    const codebook = await this.loadFile('codebook', join(this.dir, CODEBOOK_FILE), {
      tags: 'tags',
    })
    if (codebook.kind === 'unreadable') {
      this.readonlyReason ??= codebook.reason
      this.unreadableReason ??= codebook.reason
    } else if (codebook.kind === 'ok') {
      this.codebook.data = codebook.data as unknown as CodebookFile
    }
    const writable = this.readonlyReason === null
    const indexPath = join(this.dir, INDEX_FILE)
    const index = await this.loadFile('index', indexPath, { articles: 'articles' })
    let indexChanged = false
    if (index.kind === 'ok') {
      this.index.data = index.data as unknown as IndexFile
      this.dropDuplicateEntries()
      indexChanged = index.changed
    } else if (index.kind === 'unreadable' && index.newer) {
      this.readonlyReason ??= index.reason
      this.unreadableReason ??= index.reason
    } else if (index.kind === 'unreadable' || (await this.hasBodies())) {
      // The index is derived data: rebuild it from the article files, keeping every annotation.
      const what = index.kind === 'unreadable' ? index.reason : `${indexPath} is missing.`
      if (!writable) {
        this.unreadableReason ??= `${what} Open the library in the app, or run "workbench repair", to rebuild the index from the article files; nothing is lost.`
      } else {
        await this.rebuildIndex(what, index.kind === 'unreadable')
        indexChanged = true
      }
    }
    this.rebuildLookups()
    if (this.unreadableReason && !writable) return
    const canWrite = this.readonlyReason === null
    // Read annotations/ and bodies/ once for every step below (10,000 names each in a large library).
    const listing = await listLibrary(this.dir)
    if (canWrite) {
      await this.removeLeftoverTempFiles(listing)
      await removeSnapshotTemps(this.dir)
      if (await this.recoverUnindexedArticles(listing)) indexChanged = true
    }
    const openMarker = join(this.dir, OPEN_MARKER_FILE)
    // The marker outlives a session only if it ended before its derived figures were written:
    // re-derive them all. Otherwise check each entry's stamp against its file.
    const unclean = await pathExists(openMarker)
    if (await this.reconcileDerived(unclean ? 'all' : 'changed', listing)) indexChanged = true
    if (!canWrite) return
    // If even the marker cannot be written, no save can be either; saving will say why.
    await writeFileDurable(
      openMarker,
      JSON.stringify({ pid: process.pid, since: this.now().toISOString() }),
      this.io,
    ).catch(() => undefined)
    if (indexChanged) await this.flushIndexNow().catch(() => undefined)
    if (codebook.kind === 'ok' && codebook.changed) await this.codebookWriter.request()
  }

  /** Replace a lost or damaged index with one rebuilt from bodies/ and annotations/. */
  private async rebuildIndex(what: string, damaged: boolean): Promise<void> {
    const indexPath = join(this.dir, INDEX_FILE)
    let keptAs: string | null = null
    if (damaged) {
      keptAs = `${indexPath}.damaged-${this.now().toISOString().replace(/[:.]/g, '-')}`
      await rename(indexPath, keptAs)
    }
    const report = await recoverEntries(this.dir, new Set(), { everyBody: true })
    this.index.data = { schemaVersion: CURRENT_VERSION.index, articles: [...report.entries] }
    this.messages.push(
      `The library's index (library.json) was ${damaged ? 'damaged' : 'missing'}. The index was rebuilt from the article files: ${recoverySummary(report)}; every annotation was kept.${keptAs ? ` The damaged file was kept as ${keptAs} (${what})` : ''}`,
    )
  }

  /** Article files whose article the index does not name (a quarantined entry, say) come back. */
  private async recoverUnindexedArticles(listing: LibraryListing): Promise<boolean> {
    const report = await recoverEntries(this.dir, new Set(this.byId.keys()), {
      everyBody: false,
      listing,
    })
    if (report.entries.length === 0) return false
    this.index.data.articles = [...this.index.data.articles, ...report.entries]
    this.rebuildLookups()
    this.messages.push(
      `${report.entries.length} article(s) with annotations were missing from the index and were recovered: ${recoverySummary(report)}.`,
    )
    return true
  }

  private async hasBodies(): Promise<boolean> {
    const names = await readdir(join(this.dir, BODIES_DIR)).catch(() => [] as string[])
    return names.some((n) => n.endsWith('.json') && !n.startsWith('.'))
  }

  /**
   * Make every index entry's derived figures agree with its article file.
   *
   * `all` re-reads every article file (after a session that did not end
   * cleanly); `changed` those whose file no longer matches the entry's stamp
   * (one `stat` per file: about 80 ms for 10,000). Damaged files are recorded,
   * and their entries left as they are. Texts that are missing are recorded
   * too. Returns whether any entry changed.
   */
  private async reconcileDerived(
    scope: 'all' | 'changed',
    listing: LibraryListing,
  ): Promise<boolean> {
    const all = scope === 'all'
    const bodies = new Set(listing.bodies.map((n) => n.slice(0, -'.json'.length)))
    const entries = [...this.index.data.articles]
    for (const entry of entries) {
      if (bodies.has(entry.contentHash)) continue
      this.textDamage.set(
        entry.id,
        `The text of "${entry.title}" is missing (${this.bodyPath(entry.contentHash)}). Import the same article file again to repair it; its annotations are kept.`,
      )
    }
    const stamps = await currentStamps(entries.map((e) => this.articlePath(e.id)))
    const updates = new Map<string, IndexEntry>()
    let next = 0
    const work = async (): Promise<void> => {
      for (let i = next++; i < entries.length; i = next++) {
        const entry = entries[i]!
        const stamp = stamps[i] ?? null
        if (!all && stamp !== null && stamp === entry.derivedStamp) continue
        const path = this.articlePath(entry.id)
        const read = await readArticleFileQuietly(path, entry.id)
        if (read.kind === 'damaged') {
          this.fileDamage.set(
            entry.id,
            `${read.reason}.${await backupAdvice(this.dir, 'article', path)}`,
          )
          continue
        }
        const file = read.kind === 'ok' ? read.file : emptyArticleFile(entry.id)
        const updated = derivedEntry(entry, file, stamp)
        if (!sameEntry(updated, entry)) updates.set(entry.id, updated)
      }
    }
    await Promise.all(Array.from({ length: READ_CONCURRENCY }, work))
    if (updates.size === 0) return false
    // One pass over the list, not a search per entry: after a migration every entry changes.
    this.index.data.articles = this.index.data.articles.map((e) => updates.get(e.id) ?? e)
    this.rebuildLookups()
    return true
  }

  /** A writer killed mid-write leaves its temp file behind; with the lock held, none is in use. */
  private async removeLeftoverTempFiles(listing: LibraryListing): Promise<void> {
    const root = await readdir(this.dir).catch(() => [] as string[])
    for (const [sub, names] of [
      ['', root],
      [ANNOTATIONS_DIR, listing.annotations],
      [BODIES_DIR, listing.bodies],
    ] as const) {
      const folder = join(this.dir, sub)
      for (const name of names) {
        if (isOwnTempFile(name) && isLibraryFileTemp(sub, name)) {
          await rm(join(folder, name), { force: true })
        }
      }
    }
  }

  /** Two entries with one id would make every later lookup ambiguous: keep the first, quarantine the rest. */
  private dropDuplicateEntries(): void {
    const seenIds = new Set<string>()
    const seenHashes = new Set<string>()
    const kept: IndexEntry[] = []
    for (const entry of this.index.data.articles) {
      if (seenIds.has(entry.id) || seenHashes.has(entry.contentHash)) continue
      seenIds.add(entry.id)
      seenHashes.add(entry.contentHash)
      kept.push(entry)
    }
    this.index.data.articles = kept
  }

  /** Read one of the library's files through version check, migration and record validation. */
  private loadFile(
    kind: Exclude<FileKind, 'body'>,
    path: string,
    fields: Record<string, string>,
  ): Promise<LoadedFile> {
    return loadLibraryFile(
      {
        dir: this.dir,
        writable: () => this.readonlyReason === null,
        now: () => this.now(),
        io: this.io,
        onQuarantined: () => this.quarantineCount++,
      },
      kind,
      path,
      fields,
    )
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /** After a successful save: a session that has worked for hours gets a snapshot of its own. */
  private noteSaved(): void {
    const now = this.now()
    const last = this.lastSnapshotAt
    const every = this.options.snapshotEveryMs ?? DEFAULT_SNAPSHOT_EVERY_MS
    const due =
      last === null ||
      now.getTime() - last.getTime() >= every ||
      now.toISOString().slice(0, 10) !== last.toISOString().slice(0, 10)
    if (due) this.startSnapshot(true)
  }

  /** Start a snapshot under the gate (writes wait for it); at most one queued at a time. */
  private startSnapshot(inSession: boolean): void {
    if (this.snapshotQueued || this.readonlyReason) return
    this.snapshotQueued = true
    this.backupDone = this.gate
      .runExclusive(() => this.snapshotNow(inSession))
      .catch((error: unknown) => {
        const described = describeFsError(error, 'backup', this.dir)
        this.messages.push(
          `No backup was taken: ${described instanceof Error ? described.message : String(described)}`,
        )
      })
      .finally(() => {
        this.snapshotQueued = false
      })
  }

  private async snapshotNow(inSession: boolean): Promise<void> {
    if (this.readonlyReason) return
    const now = this.now()
    // In a session: the day's first snapshot is the daily one, later ones carry the time.
    const today = now.toISOString().slice(0, 10)
    const takenToday = (await listSnapshotNames(this.dir)).some((n) => n === today)
    const outcome = await takeSnapshot(this.dir, {
      now,
      withTime: inSession && takenToday,
      ...(this.options.freeBytes ? { freeBytes: this.options.freeBytes } : {}),
    })
    if (outcome.kind === 'skipped') {
      this.messages.push(outcome.reason)
      return
    }
    if (outcome.kind === 'taken' || outcome.kind === 'exists') {
      if (outcome.kind === 'taken' || this.lastSnapshotAt === null) this.lastSnapshotAt = now
      await pruneSnapshots(this.dir, now, this.options.backupDays ?? DEFAULT_BACKUP_DAYS)
    }
  }

  private async newestSnapshotTime(): Promise<Date | null> {
    const [newest] = await listSnapshotNames(this.dir).then((names) =>
      names.filter((n) => !n.startsWith('pre-restore-')),
    )
    if (!newest) return null
    const taken = await stat(join(this.dir, 'backups', newest)).then(
      (s) => s.mtime,
      () => null,
    )
    // A snapshot "from the future" (a clock set back) counts as just taken.
    return taken && taken.getTime() > this.now().getTime() ? this.now() : taken
  }
}

/** "38 from their text files, 2 from a snapshot, 1 with its title taken from its text". */
function recoverySummary(report: RecoveryReport): string {
  const parts = [
    `${report.entries.length} article(s)`,
    report.fromBody > 0 ? `${report.fromBody} with their details as imported` : '',
    report.fromSnapshot > 0 ? `${report.fromSnapshot} with details from a backup` : '',
    report.fromQuarantine > 0 ? `${report.fromQuarantine} with details from quarantine/` : '',
    report.derived > 0
      ? `${report.derived} whose details (source, byline, date) were lost, titled from their text`
      : '',
    report.textMissing > 0
      ? `${report.textMissing} whose text is missing (shown as damaged: import the article again to restore it)`
      : '',
  ]
  return parts.filter(Boolean).join(', ')
}

/** Whether an own temp file in `sub` belongs to a file the library writes there. */
function isLibraryFileTemp(sub: string, name: string): boolean {
  const base = name.slice(1).replace(/\.\d+\.[0-9a-f]{12}\.tmp$/, '')
  if (sub === ANNOTATIONS_DIR) return /^art-[\w-]+\.json$/.test(base)
  if (sub === BODIES_DIR) return /^[0-9a-f]+\.json$/.test(base)
  return (
    base === INDEX_FILE ||
    base === CODEBOOK_FILE ||
    base === OPEN_MARKER_FILE ||
    base === '.workbench.journal.json' ||
    base === '.workbench.lock.owner' ||
    /^library\.json\.v\d+\.bak$|^codebook\.json\.v\d+\.bak$/.test(base)
  )
}

/** Refuse, with a message naming it, a path that is missing, a file, or a folder holding no library. */
export async function assertLibraryFolder(dir: string): Promise<void> {
  await checkLibraryFolder(dir, false)
}

/**
 * Check that a library folder is there before opening it.
 *
 * A path that does not exist is created only when `create` is set; a file,
 * or a folder that holds no library, is refused with a message naming it.
 */
async function checkLibraryFolder(dir: string, create: boolean): Promise<void> {
  let info
  try {
    info = await stat(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw describeFsError(error, 'open', dir)
    if (create) return
    throw new WorkbenchError(
      'not-found',
      `No library at ${dir}: the folder does not exist. Check the path (--library or WORKBENCH_LIBRARY).`,
    )
  }
  if (!info.isDirectory()) {
    throw new WorkbenchError(
      'invalid-input',
      `${dir} is a file, not a library folder. Give the folder that holds library.json.`,
    )
  }
  if (create) return
  const names = await readdir(dir).catch((error: unknown) => {
    throw describeFsError(error, 'open', dir)
  })
  if (!names.some((n) => n === INDEX_FILE || n === BODIES_DIR || n === ANNOTATIONS_DIR)) {
    throw new WorkbenchError(
      'not-found',
      `${dir} is not a library: it holds no library.json, bodies/ or annotations/. Check the path (--library or WORKBENCH_LIBRARY).`,
    )
  }
}

export { emptyArticleFile } from './derived'

/** Names of the snapshots of a library, newest first. */
export async function listBackupNames(dir: string): Promise<string[]> {
  return listSnapshotNames(dir)
}
