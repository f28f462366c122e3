/**
 * The library folder: articles, their annotations and the codebook on disk.
 *
 * Why this shape: saving one annotation must cost the same in a library of
 * ten articles and of ten thousand. Article texts are immutable files named
 * by content hash, each article's annotations and state live in one small
 * lowdb file, and the index (article metadata) and the codebook are files of
 * their own. A save rewrites one small file; the index only carries derived
 * figures and is rewritten lazily. See docs/storage.md for the guarantees.
 */
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { Low } from 'lowdb'
import * as lockfile from 'proper-lockfile'
import { WorkbenchError } from '../../shared/ipc/result'
import type { Block } from '../../shared/domain/article'
import { DEFAULT_CLAIM_STATUSES } from '../../shared/domain/annotation'
import {
  ANNOTATIONS_DIR,
  BACKUPS_DIR,
  BODIES_DIR,
  CODEBOOK_FILE,
  CURRENT_VERSION,
  INDEX_FILE,
  LOCK_FILE,
  QUARANTINE_DIR,
  bodyFileSchema,
  recordSchemas,
  shapes,
  upgradeFile,
  type ArticleFile,
  type CodebookFile,
  type FileKind,
  type IndexEntry,
  type IndexFile,
} from './files'
import {
  CoalescingWriter,
  CorruptFileError,
  DurableJsonFile,
  readJsonFile,
  realIo,
  writeFileDurable,
  type WriteIo,
} from './durable-file'

export interface LibraryOpenOptions {
  readonly dir: string
  /** Open without taking the write lock; every mutation is refused. */
  readonly readOnly?: boolean
  readonly now?: () => Date
  /** Days of daily snapshots to keep. */
  readonly backupDays?: number
  /** Delay before derived index figures are written; 0 writes at once. */
  readonly indexDelayMs?: number
  readonly io?: WriteIo
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
  readOnlyReason: string | null
}

/** Called with an article's id and its new state; must not change the state. */
export type ArticleListener = (id: string, state: Readonly<ArticleFile>) => void

const DEFAULT_BACKUP_DAYS = 7
const ARTICLE_CACHE_LIMIT = 256
const BODY_WRITE_CONCURRENCY = 8

/** The persistent state of one library folder. */
export class LibraryStore {
  private readonly index: Low<IndexFile>
  private readonly codebook: Low<CodebookFile>
  private readonly indexWriter: CoalescingWriter
  private readonly codebookWriter: CoalescingWriter
  private readonly articles = new Map<string, Promise<ArticleSlot>>()
  private readonly byId = new Map<string, IndexEntry>()
  private readonly byHash = new Map<string, IndexEntry>()
  private readonly articleListeners = new Set<ArticleListener>()
  private indexTimer: NodeJS.Timeout | null = null
  private quarantineCount = 0
  private addQueue: Promise<void> = Promise.resolve()
  private closed = false
  /** Resolves when today's backup snapshot has been taken (or was not needed). */
  backupDone: Promise<void> = Promise.resolve()

  private constructor(
    readonly dir: string,
    private readonlyReason: string | null,
    private readonly release: (() => Promise<void>) | null,
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
    this.indexWriter = new CoalescingWriter(() => this.index.write())
    this.codebookWriter = new CoalescingWriter(() => this.codebook.write())
  }

  /**
   * Open a library folder, creating it when it does not exist.
   *
   * Throws `WorkbenchError('locked')` when another process holds the
   * library. Damage never throws: a file that cannot be read makes the
   * library read-only with `readOnlyReason` saying which file and which
   * backup to use, and records that fail validation are quarantined.
   */
  static async open(options: LibraryOpenOptions): Promise<LibraryStore> {
    const dir = options.dir
    let release: (() => Promise<void>) | null = null
    if (!options.readOnly) {
      await mkdir(join(dir, ANNOTATIONS_DIR), { recursive: true })
      await mkdir(join(dir, BODIES_DIR), { recursive: true })
      release = await acquireLock(dir)
    }
    const store = new LibraryStore(
      dir,
      options.readOnly ? 'opened read-only' : null,
      release,
      options,
    )
    try {
      await store.load()
    } catch (error) {
      await store.close()
      throw error
    }
    if (!store.readonlyReason) store.backupDone = store.takeDailyBackup().catch(() => undefined)
    return store
  }

  /** Why writes are refused, or null when the library is writable. */
  get readOnly(): string | null {
    return this.readonlyReason
  }

  /** How many records were moved to quarantine/ while opening, if any. */
  get quarantined(): QuarantineReport | null {
    return this.quarantineCount > 0
      ? { count: this.quarantineCount, dir: join(this.dir, QUARANTINE_DIR) }
      : null
  }

  /** Every article in import order. */
  listArticles(): readonly IndexEntry[] {
    return this.index.data.articles
  }

  /** One article's index entry. */
  getArticle(id: string): IndexEntry | undefined {
    return this.byId.get(id)
  }

  /** The article whose normalised text has this hash, if it was imported already. */
  findByContentHash(hash: string): IndexEntry | undefined {
    return this.byHash.get(hash)
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
   * Bodies are written first, so the index never names a missing body; if
   * the index write fails the new entries are taken back out, and a body
   * with no entry is harmless (it is content-addressed and re-used later).
   */
  async addArticles(
    items: readonly { entry: IndexEntry; blocks: readonly Block[] }[],
  ): Promise<void> {
    // One batch at a time, so two imports of the same text cannot both pass the duplicate check.
    const turn = this.addQueue.then(() => this.addArticlesNow(items))
    this.addQueue = turn.catch(() => undefined)
    return turn
  }

  private async addArticlesNow(
    items: readonly { entry: IndexEntry; blocks: readonly Block[] }[],
  ): Promise<void> {
    await this.beforeWrite()
    for (const { entry } of items) {
      if (this.byHash.has(entry.contentHash) || this.byId.has(entry.id)) {
        throw new WorkbenchError('duplicate', `"${entry.title}" is already in the library`)
      }
    }
    // Bodies are independent files: write several at once, all durable before the index names them.
    const queue = [...items]
    const writeNext = async (): Promise<void> => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        const { entry, blocks } = item
        const body = { schemaVersion: CURRENT_VERSION.body, contentHash: entry.contentHash, blocks }
        await this.guardWrite(() =>
          writeFileDurable(this.bodyPath(entry.contentHash), JSON.stringify(body), this.io),
        )
      }
    }
    await Promise.all(
      Array.from({ length: Math.min(BODY_WRITE_CONCURRENCY, items.length) }, writeNext),
    )
    const before = this.index.data.articles
    this.index.data.articles = [...before, ...items.map((i) => i.entry)]
    try {
      await this.guardWrite(() => this.flushIndexNow())
    } catch (error) {
      this.index.data.articles = before
      throw error
    } finally {
      this.rebuildLookups()
    }
  }

  /** Read an article's blocks from its immutable body file. */
  async readBody(entry: IndexEntry): Promise<Block[]> {
    const path = this.bodyPath(entry.contentHash)
    let raw: unknown
    try {
      raw = await readJsonFile(path)
    } catch (error) {
      if (error instanceof CorruptFileError) {
        throw new WorkbenchError(
          'io-error',
          `The text of "${entry.title}" is damaged (${path}). Re-import the article to repair it; its annotations are kept.`,
        )
      }
      throw error
    }
    if (raw === null) {
      throw new WorkbenchError(
        'not-found',
        `The text of "${entry.title}" is missing (${path}). Re-import the article to restore it; its annotations are kept.`,
      )
    }
    const parsed = bodyFileSchema.safeParse(raw)
    if (!parsed.success || parsed.data.contentHash !== entry.contentHash) {
      throw new WorkbenchError(
        'io-error',
        `The text of "${entry.title}" does not have the expected shape (${path}). Re-import the article to repair it.`,
      )
    }
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
    await this.beforeWrite()
    const slot = await this.slot(id)
    if (slot.readOnlyReason) throw new WorkbenchError('read-only', slot.readOnlyReason)
    const draft = structuredClone(slot.db.data)
    const result = change(draft)
    slot.db.data = draft
    try {
      await this.guardWrite(() => slot.writer.request())
    } catch (error) {
      slot.db.data =
        slot.lastWritten === null
          ? emptyArticleFile(id)
          : (JSON.parse(slot.lastWritten) as ArticleFile)
      throw error
    }
    this.refreshDerived(id, slot.db.data)
    for (const listener of this.articleListeners) listener(id, slot.db.data)
    return result
  }

  /** Change the codebook (tags, claim statuses) and wait until the change is on disk. */
  async mutateCodebook<T>(change: (draft: CodebookFile) => T): Promise<T> {
    await this.beforeWrite()
    const before = this.codebook.data
    const draft = structuredClone(before)
    const result = change(draft)
    this.codebook.data = draft
    try {
      await this.guardWrite(() => this.codebookWriter.request())
    } catch (error) {
      this.codebook.data = before
      throw error
    }
    return result
  }

  /** Write everything pending and release the lock. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    try {
      await this.flush()
      await this.backupDone
      // Everything is on disk: the next open need not re-derive the index.
      if (!this.readonlyReason) await rm(join(this.dir, OPEN_MARKER_FILE), { force: true })
    } finally {
      await this.release?.()
    }
  }

  /** Write the index now if derived figures are waiting, and wait for every writer. */
  async flush(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer)
      this.indexTimer = null
      if (!this.readonlyReason) await this.indexWriter.request()
    }
    await Promise.all([
      this.indexWriter.flush(),
      this.codebookWriter.flush(),
      ...[...this.articles.values()].map(async (slot) => (await slot).writer.flush()),
    ])
  }

  /** Names of the daily snapshots in backups/, newest first. */
  async listBackups(): Promise<string[]> {
    return listBackupNames(this.dir)
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

  /** Writes wait for the day's snapshot, so the snapshot is the state as it was at open. */
  private async beforeWrite(): Promise<void> {
    this.assertWritable()
    await this.backupDone
  }

  private assertWritable(): void {
    if (this.closed) throw new WorkbenchError('internal', 'The library is closed')
    if (this.readonlyReason) throw new WorkbenchError('read-only', this.readonlyReason)
  }

  /** Turn low-level write failures into messages the analyst can act on. */
  private async guardWrite(write: () => Promise<void>): Promise<void> {
    try {
      await write()
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOSPC') {
        throw new WorkbenchError(
          'io-error',
          'Could not save: the disk is full. Free some space and try again; nothing already saved was changed.',
        )
      }
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
        throw new WorkbenchError(
          'io-error',
          `Could not save: the library folder ${this.dir} cannot be written (${code}). Check its permissions.`,
        )
      }
      throw error
    }
  }

  private async flushIndexNow(): Promise<void> {
    if (this.indexTimer) {
      clearTimeout(this.indexTimer)
      this.indexTimer = null
    }
    await this.indexWriter.request()
  }

  /** Update the index's cached figures for one article; written lazily because they can be re-derived. */
  private refreshDerived(id: string, file: ArticleFile): void {
    const entry = this.byId.get(id)
    if (!entry) return
    const next = derivedEntry(entry, file)
    const i = this.index.data.articles.indexOf(entry)
    if (i >= 0) this.index.data.articles[i] = next
    this.byId.set(id, next)
    this.byHash.set(next.contentHash, next)
    this.scheduleIndexWrite()
  }

  private scheduleIndexWrite(): void {
    const delay = this.options.indexDelayMs ?? 500
    if (this.indexTimer) return
    this.indexTimer = setTimeout(() => {
      this.indexTimer = null
      void this.indexWriter.request().catch(() => undefined)
    }, delay)
  }

  private rebuildLookups(): void {
    this.byId.clear()
    this.byHash.clear()
    for (const entry of this.index.data.articles) {
      this.byId.set(entry.id, entry)
      this.byHash.set(entry.contentHash, entry)
    }
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
      if (this.articles.size <= ARTICLE_CACHE_LIMIT) break
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
        const text = JSON.stringify(db.data)
        await writeFileDurable(path, text, this.io)
        slot.lastWritten = text
      }),
      lastWritten: null,
      readOnlyReason: null,
    }
    const loaded = await this.loadFile('article', path, { annotations: 'annotations' })
    if (loaded.kind === 'missing') return slot
    if (loaded.kind === 'unreadable') {
      slot.readOnlyReason = loaded.reason
      return slot
    }
    const data = loaded.data as unknown as ArticleFile
    if (data.articleId !== id) {
      slot.readOnlyReason = `${path} belongs to article ${data.articleId}, not ${id}; it was left untouched.`
      return slot
    }
    db.data = data
    slot.lastWritten = loaded.changed ? null : JSON.stringify(data)
    if (loaded.changed && !this.readonlyReason) await slot.writer.request()
    return slot
  }

  private async load(): Promise<void> {
    const index = await this.loadFile('index', join(this.dir, INDEX_FILE), { articles: 'articles' })
    if (index.kind === 'unreadable') {
      this.readonlyReason = index.reason
    } else if (index.kind === 'ok') {
      this.index.data = index.data as unknown as IndexFile
      this.dropDuplicateEntries()
    }
    const codebook = await this.loadFile('codebook', join(this.dir, CODEBOOK_FILE), {
      tags: 'tags',
    })
    if (codebook.kind === 'unreadable') {
      this.readonlyReason ??= codebook.reason
    } else if (codebook.kind === 'ok') {
      this.codebook.data = codebook.data as unknown as CodebookFile
    }
    this.rebuildLookups()
    if (this.readonlyReason) return
    await this.removeLeftoverTempFiles()
    const openMarker = join(this.dir, OPEN_MARKER_FILE)
    // The marker outlives a session only if it ended without close(): the lazily written
    // derived figures may then be stale, and tag operations rely on them to find articles.
    if ((await exists(openMarker)) && (await this.reconcileDerived())) {
      if (index.kind === 'ok') index.changed = true
      else await this.indexWriter.request()
    }
    // If even the marker cannot be written, no save can be either; saving will say why.
    await writeFileDurable(
      openMarker,
      JSON.stringify({ pid: process.pid, since: this.now().toISOString() }),
      this.io,
    ).catch(() => undefined)
    if (index.kind === 'ok' && index.changed) await this.indexWriter.request()
    if (codebook.kind === 'ok' && codebook.changed) await this.codebookWriter.request()
  }

  /**
   * Recompute every index entry's derived figures from the article files.
   *
   * Only run after a session that did not close cleanly; returns whether any entry changed.
   * Records that fail validation are left out, as they would be when the article is opened.
   */
  private async reconcileDerived(): Promise<boolean> {
    let changed = false
    for (const entry of [...this.index.data.articles]) {
      let raw: unknown
      try {
        raw = await readJsonFile(this.articlePath(entry.id))
      } catch {
        continue // Damaged: the article opens read-only and says so; leave its cache alone.
      }
      let file: ArticleFile = emptyArticleFile(entry.id)
      if (raw !== null) {
        const upgraded = upgradeFile('article', raw)
        if (upgraded.kind !== 'current' && upgraded.kind !== 'migrated') continue
        const shape = shapes.article.safeParse(upgraded.data)
        if (!shape.success) continue
        const data = shape.data as unknown as ArticleFile
        const annotations = (data.annotations as unknown[]).filter(
          (a) => recordSchemas.article.safeParse(a).success,
        ) as ArticleFile['annotations']
        file = { ...data, annotations }
      }
      const next = derivedEntry(entry, file)
      if (JSON.stringify(next) !== JSON.stringify(entry)) {
        changed = true
        const i = this.index.data.articles.indexOf(entry)
        if (i >= 0) this.index.data.articles[i] = next
      }
    }
    if (changed) this.rebuildLookups()
    return changed
  }

  /** A writer killed mid-write leaves its temp file behind; with the lock held, none is in use. */
  private async removeLeftoverTempFiles(): Promise<void> {
    for (const sub of ['', ANNOTATIONS_DIR, BODIES_DIR]) {
      const folder = join(this.dir, sub)
      const names = await readdir(folder).catch(() => [] as string[])
      for (const name of names) {
        if (name.startsWith('.') && name.endsWith('.tmp'))
          await rm(join(folder, name), { force: true })
      }
    }
  }

  /** Two entries with one id would make every later lookup ambiguous: keep the first, quarantine the rest. */
  private dropDuplicateEntries(): void {
    const seen = new Set<string>()
    const kept: IndexEntry[] = []
    for (const entry of this.index.data.articles) {
      if (seen.has(entry.id) || seen.has(`hash:${entry.contentHash}`)) continue
      seen.add(entry.id)
      seen.add(`hash:${entry.contentHash}`)
      kept.push(entry)
    }
    this.index.data.articles = kept
  }

  /**
   * Read one file through version check, migration and record validation.
   *
   * `changed` says the file on disk must be rewritten (it was migrated or
   * records were quarantined); the caller does that only when writable.
   */
  private async loadFile(
    kind: Exclude<FileKind, 'body'>,
    path: string,
    fields: Record<string, string>,
  ): Promise<
    | { kind: 'missing' }
    | { kind: 'unreadable'; reason: string }
    | { kind: 'ok'; data: Record<string, unknown>; changed: boolean }
  > {
    let raw: unknown
    try {
      raw = await readJsonFile(path)
    } catch (error) {
      if (error instanceof CorruptFileError) {
        const backup = await newestBackupOf(this.dir, path)
        return {
          kind: 'unreadable',
          reason: `${path} is damaged (${error.message.replace(`${path} is `, '')}). It was left untouched and the library is read-only. ${
            backup
              ? `Newest backup: ${backup} (restore it with "workbench restore").`
              : 'No backup of it exists yet.'
          }`,
        }
      }
      return { kind: 'unreadable', reason: `${path} cannot be read: ${(error as Error).message}` }
    }
    if (raw === null) return { kind: 'missing' }
    const upgraded = upgradeFile(kind, raw)
    if (upgraded.kind === 'newer') {
      return {
        kind: 'unreadable',
        reason: `${path} was written by a newer version of Analyst Workbench (schema ${upgraded.version}; this version reads up to ${CURRENT_VERSION[kind]}). Update the app to open this library; nothing was changed.`,
      }
    }
    if (upgraded.kind === 'invalid') {
      return {
        kind: 'unreadable',
        reason: `${path} does not look like a workbench file: ${upgraded.reason}. It was left untouched and the library is read-only.`,
      }
    }
    const shape = shapes[kind].safeParse(upgraded.data)
    if (!shape.success) {
      return {
        kind: 'unreadable',
        reason: `${path} has an unexpected shape (${shape.error.issues
          .map((i) => `${i.path.join('.') || 'top level'}: ${i.message}`)
          .join('; ')}). It was left untouched and the library is read-only.`,
      }
    }
    let changed = upgraded.kind === 'migrated'
    if (upgraded.kind === 'migrated' && !this.readonlyReason) {
      await copyFile(path, `${path}.v${upgraded.from}.bak`)
    }
    const data: Record<string, unknown> = { ...upgraded.data }
    for (const field of Object.values(fields)) {
      const records = data[field] as unknown[]
      const good: unknown[] = []
      for (const [i, record] of records.entries()) {
        const parsed = recordSchemas[kind].safeParse(record)
        if (parsed.success) {
          good.push(parsed.data)
        } else {
          const reason = parsed.error.issues
            .map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`)
            .join('; ')
          if (!this.readonlyReason) await this.quarantine(path, field, i, record, reason)
          this.quarantineCount++
          changed = true
        }
      }
      data[field] = good
    }
    return { kind: 'ok', data, changed }
  }

  private async quarantine(
    file: string,
    field: string,
    position: number,
    record: unknown,
    reason: string,
  ): Promise<void> {
    const dir = join(this.dir, QUARANTINE_DIR)
    await mkdir(dir, { recursive: true })
    const stamp = this.now().toISOString().replace(/[:.]/g, '-')
    const base = file.split(/[\\/]/).pop() ?? 'file'
    const name = `${stamp}-${base}-${field}-${position}.json`
    const content = {
      quarantinedAt: this.now().toISOString(),
      file,
      field,
      position,
      reason,
      record,
    }
    await writeFileDurable(join(dir, name), JSON.stringify(content, null, 2), this.io)
  }

  private now(): Date {
    return this.options.now?.() ?? new Date()
  }

  /**
   * Snapshot the index, codebook and annotation files once a day.
   *
   * Copied into a temp folder and renamed, so a half-taken snapshot never
   * looks like a backup. Bodies are immutable and content-addressed, so
   * they need no copies.
   */
  private async takeDailyBackup(): Promise<void> {
    const root = join(this.dir, BACKUPS_DIR)
    const name = this.now().toISOString().slice(0, 10)
    const target = join(root, name)
    if (await exists(target)) return
    // A library that has never been written has nothing worth keeping.
    if (!(await exists(join(this.dir, INDEX_FILE)))) return
    const tmp = join(root, `.${name}.${process.pid}.tmp`)
    await rm(tmp, { recursive: true, force: true })
    await mkdir(join(tmp, ANNOTATIONS_DIR), { recursive: true })
    for (const file of [INDEX_FILE, CODEBOOK_FILE]) {
      await copyIfExists(join(this.dir, file), join(tmp, file))
    }
    for (const file of await readdir(join(this.dir, ANNOTATIONS_DIR))) {
      if (file.endsWith('.json')) {
        await copyIfExists(join(this.dir, ANNOTATIONS_DIR, file), join(tmp, ANNOTATIONS_DIR, file))
      }
    }
    await rename(tmp, target)
    await pruneBackups(root, this.now(), this.options.backupDays ?? DEFAULT_BACKUP_DAYS)
  }
}

/** An index entry with its derived figures recomputed from the article's file. */
function derivedEntry(entry: IndexEntry, file: ArticleFile): IndexEntry {
  const tagCounts: Record<string, number> = {}
  for (const a of file.annotations) for (const t of a.tags) tagCounts[t] = (tagCounts[t] ?? 0) + 1
  return {
    ...entry,
    status: file.status,
    tags: file.tags,
    annotationCount: file.annotations.length,
    claimCount: file.annotations.filter((a) => a.kind === 'claim').length,
    tagCounts,
  }
}

const OPEN_MARKER_FILE = '.workbench.open'

/** The state of an article that has no annotation file yet. */
export function emptyArticleFile(articleId: string): ArticleFile {
  return {
    schemaVersion: CURRENT_VERSION.article,
    articleId,
    status: 'unread',
    tags: [],
    note: '',
    annotations: [],
  }
}

/**
 * Take the library's write lock.
 *
 * proper-lockfile treats a lock as stale once it has not been refreshed for
 * `stale` ms. After a crash that would keep the library shut for that long,
 * so the lock also records its owner's pid and host: a lock whose owner is
 * known to be dead on this machine is taken over at once.
 */
async function acquireLock(dir: string): Promise<() => Promise<void>> {
  const lockPath = join(dir, LOCK_FILE)
  const options = {
    lockfilePath: lockPath,
    stale: 10_000,
    update: 2_000,
    retries: 0,
    realpath: false,
  }
  let release: () => Promise<void>
  try {
    release = await lockfile.lock(dir, options)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error
    if (!(await ownerIsDead(lockPath))) {
      throw new WorkbenchError(
        'locked',
        `The library ${dir} is open in another window or process. Close it there, or open another library.`,
      )
    }
    await rm(lockPath, { recursive: true, force: true })
    return acquireLock(dir)
  }
  const ownerPath = `${lockPath}.owner`
  await writeFileDurable(
    ownerPath,
    JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }),
  ).catch(() => undefined)
  return async () => {
    await rm(ownerPath, { force: true })
    await release()
  }
}

async function ownerIsDead(lockPath: string): Promise<boolean> {
  let owner: unknown
  try {
    owner = JSON.parse(await readFile(`${lockPath}.owner`, 'utf8'))
  } catch {
    return false
  }
  const { pid, host } = (owner ?? {}) as { pid?: unknown; host?: unknown }
  if (typeof pid !== 'number' || host !== hostname() || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}

/** Names of the daily snapshots of a library, newest first. */
export async function listBackupNames(dir: string): Promise<string[]> {
  try {
    const names = await readdir(join(dir, BACKUPS_DIR))
    return names
      .filter((n) => !n.startsWith('.'))
      .sort()
      .reverse()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

async function newestBackupOf(dir: string, path: string): Promise<string | null> {
  const relative = path.slice(dir.length).replace(/^[\\/]+/, '')
  for (const name of await listBackupNames(dir)) {
    const candidate = join(dir, BACKUPS_DIR, name, relative)
    if (await exists(candidate)) return candidate
  }
  return null
}

async function pruneBackups(root: string, now: Date, keepDays: number): Promise<void> {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString().slice(0, 10)
  for (const name of await readdir(root)) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(name) && name < cutoff) {
      await rm(join(root, name), { recursive: true, force: true })
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

async function copyIfExists(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
}

/**
 * Put a daily snapshot back in place of the current files.
 *
 * Takes the library's lock itself, so it refuses while the app has the
 * library open. The current files are first saved as a snapshot named
 * `pre-restore-<time>`, so a restore can itself be undone.
 */
export async function restoreBackup(
  dir: string,
  name: string,
  now: Date = new Date(),
): Promise<string> {
  if (!/^[\w.-]+$/.test(name))
    throw new WorkbenchError('invalid-input', `Not a backup name: ${name}`)
  const source = join(dir, BACKUPS_DIR, name)
  if (!(await exists(source))) {
    throw new WorkbenchError('not-found', `No backup named ${name} in ${join(dir, BACKUPS_DIR)}`)
  }
  const release = await acquireLock(dir)
  try {
    const safety = join(dir, BACKUPS_DIR, `pre-restore-${now.toISOString().replace(/[:.]/g, '-')}`)
    await mkdir(join(safety, ANNOTATIONS_DIR), { recursive: true })
    for (const file of [INDEX_FILE, CODEBOOK_FILE])
      await copyIfExists(join(dir, file), join(safety, file))
    const current = await readdir(join(dir, ANNOTATIONS_DIR)).catch(() => [] as string[])
    for (const file of current) {
      await copyIfExists(join(dir, ANNOTATIONS_DIR, file), join(safety, ANNOTATIONS_DIR, file))
    }
    for (const file of [INDEX_FILE, CODEBOOK_FILE]) {
      const text = await readFile(join(source, file), 'utf8').catch(() => null)
      if (text !== null) await writeFileDurable(join(dir, file), text)
    }
    const saved = await readdir(join(source, ANNOTATIONS_DIR)).catch(() => [] as string[])
    await mkdir(join(dir, ANNOTATIONS_DIR), { recursive: true })
    for (const file of saved) {
      const text = await readFile(join(source, ANNOTATIONS_DIR, file), 'utf8')
      await writeFileDurable(join(dir, ANNOTATIONS_DIR, file), text)
    }
    // Annotation files created after the snapshot belong to articles the snapshot does not know.
    for (const file of current) {
      if (!saved.includes(file)) await rm(join(dir, ANNOTATIONS_DIR, file), { force: true })
    }
    return safety
  } finally {
    await release()
  }
}
