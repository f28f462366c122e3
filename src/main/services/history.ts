/**
 * The command layer: every change to annotations, article state and the codebook, with undo and redo.
 *
 * Why one layer: undo must work the same for a note edit and for a tag merge
 * that rewrote two hundred articles. Rather than each operation writing its
 * own inverse (easy to get subtly wrong), a command only changes drafts of
 * the records it names; this module diffs the drafts against what was read,
 * writes the records that changed, and keeps that record-level diff. Undo
 * writes the diff's "before" side and redo its "after" side. Commands run one
 * at a time, so what a command read is still true when it writes.
 *
 * The history lives as long as the library is open in this process; it is
 * not saved.
 */
import { WorkbenchError } from '../../shared/ipc/result'
import type { HistoryState, HistoryStep } from '../../shared/ipc/contract'
import type { LibraryStore } from '../store/library-store'
import {
  diffArticle,
  diffCodebook,
  writeChangeSet,
  type ArticleChange,
  type ArticleDraft,
  type ChangeSet,
  type CodebookDraft,
} from './change-set'

export type { ArticleDraft, CodebookDraft } from './change-set'

/** What every command-running service needs. */
export interface ServiceDeps {
  readonly store: LibraryStore
  readonly now: () => Date
}

/** What a command may read and change: drafts of the codebook and of the articles it named. */
export interface Workspace {
  readonly codebook: CodebookDraft
  /** The draft of an article the command named in `articleIds`. */
  article(id: string): ArticleDraft
}

/** One undoable change. */
export interface Command<T> {
  /** What the analyst did, for "Undo …" and "Redo …": 'Merge tag "A" into "B"'. */
  readonly label: string
  /** The articles `apply` may read or change; each must exist. */
  readonly articleIds: readonly string[]
  /**
   * Change the drafts and return the command's result.
   *
   * Throw a `WorkbenchError` to refuse; nothing is written then. Must not
   * write to the store itself.
   */
  apply(workspace: Workspace): T
}

/** Builds a command once earlier commands are done, so it sees the state it will change. */
export type CommandBuilder<T> = () => Command<T> | Promise<Command<T>>

interface Entry {
  readonly label: string
  readonly change: ChangeSet
}

/** How many steps back undo can go. */
export const HISTORY_LIMIT = 500

/** The undo and redo stacks of one open library. */
export class History {
  private readonly undoStack: Entry[] = []
  private redoStack: Entry[] = []
  private tail: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly store: LibraryStore,
    private readonly limit = HISTORY_LIMIT,
  ) {}

  /**
   * Run a command: apply it to drafts, write what changed, record it for undo.
   *
   * A command that changes nothing is not recorded. A new command clears
   * the redo stack.
   */
  run<T>(build: CommandBuilder<T>): Promise<T> {
    return this.exclusive(async () => {
      const command = await build()
      const ids = [...new Set(command.articleIds)]
      const before = await this.read(ids)
      const drafts = structuredClone(before)
      const workspace: Workspace = {
        codebook: drafts.codebook,
        article: (id) => {
          const draft = drafts.articles.get(id)
          if (!draft) throw new Error(`Command "${command.label}" did not name article ${id}`)
          return draft
        },
      }
      const result = command.apply(workspace)
      const articles = ids
        .map((id) => diffArticle(id, before.articles.get(id)!, drafts.articles.get(id)!))
        .filter((c): c is ArticleChange => c !== null)
      const change: ChangeSet = {
        articles,
        codebook: diffCodebook(before.codebook, drafts.codebook),
      }
      if (change.articles.length === 0 && change.codebook === null) return result
      await writeChangeSet(this.store, change, 'after', command.label)
      this.undoStack.push({ label: command.label, change })
      if (this.undoStack.length > this.limit) this.undoStack.shift()
      this.redoStack = []
      return result
    })
  }

  /** Undo the latest command; `not-found` when there is nothing to undo. */
  undo(): Promise<HistoryStep> {
    return this.exclusive(async () => {
      const entry = this.undoStack.at(-1)
      if (!entry) throw new WorkbenchError('not-found', 'Nothing to undo')
      await writeChangeSet(this.store, entry.change, 'before', `Undo ${entry.label}`)
      this.undoStack.pop()
      this.redoStack.push(entry)
      return stepOf(entry)
    })
  }

  /** Redo the latest undone command; `not-found` when there is nothing to redo. */
  redo(): Promise<HistoryStep> {
    return this.exclusive(async () => {
      const entry = this.redoStack.at(-1)
      if (!entry) throw new WorkbenchError('not-found', 'Nothing to redo')
      await writeChangeSet(this.store, entry.change, 'after', `Redo ${entry.label}`)
      this.redoStack.pop()
      this.undoStack.push(entry)
      return stepOf(entry)
    })
  }

  /**
   * Run a task that changes the library outside the command layer (emptying
   * the trash) in the same queue, so no command reads while it writes.
   */
  runExclusive<T>(task: () => Promise<T>): Promise<T> {
    return this.exclusive(task)
  }

  /**
   * Drop every undo and redo step that touches these articles: they were
   * removed for good, and a step that cannot be carried out must not wait on
   * top of the stack.
   */
  forget(articleIds: readonly string[]): void {
    if (articleIds.length === 0) return
    const gone = new Set(articleIds)
    const keep = (entry: Entry): boolean =>
      !entry.change.articles.some((a) => gone.has(a.articleId))
    const undo = this.undoStack.filter(keep)
    this.undoStack.length = 0
    this.undoStack.push(...undo)
    this.redoStack = this.redoStack.filter(keep)
  }

  /** The labels of what undo and redo would do next. */
  state(): HistoryState {
    return {
      undo: this.undoStack.at(-1)?.label ?? null,
      redo: this.redoStack.at(-1)?.label ?? null,
    }
  }

  private async read(
    ids: readonly string[],
  ): Promise<{ codebook: CodebookDraft; articles: Map<string, ArticleDraft> }> {
    const articles = new Map<string, ArticleDraft>()
    for (const id of ids) {
      if (!this.store.getArticle(id))
        throw new WorkbenchError('not-found', `No article with id ${id}`)
      const { status, tags, note, annotations, meta, trashedAt, versions, importChecked } =
        await this.store.readArticle(id)
      articles.set(id, {
        status,
        tags,
        note,
        annotations,
        meta,
        trashedAt,
        versions,
        importChecked: importChecked ?? false,
      })
    }
    return { codebook: this.store.readCodebook(), articles }
  }

  /** Run tasks one at a time, in call order, whether or not earlier ones failed. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task)
    this.tail = run.catch(() => undefined)
    return run
  }
}

function stepOf(entry: Entry): HistoryStep {
  return {
    label: entry.label,
    articleIds: entry.change.articles.map((a) => a.articleId),
    codebook: entry.change.codebook !== null,
  }
}

/**
 * Refuse to change an article in the trash (its annotations, claims and
 * state): restore it first. Tag operations and claim links that only
 * touch it on the way are not refused; they keep it consistent for when it
 * comes back.
 */
export function assertNotTrashed(store: LibraryStore, articleId: string): void {
  const entry = store.getArticle(articleId)
  if (entry?.trashedAt) {
    throw new WorkbenchError(
      'read-only',
      `"${entry.title}" is in the Trash: restore it to change its annotations`,
    )
  }
}

const histories = new WeakMap<LibraryStore, History>()

/**
 * The history of an open library.
 *
 * One per store, so every caller (app handlers, command line, tests) shares
 * one queue and one undo stack for a library.
 */
export function historyFor(store: LibraryStore): History {
  let history = histories.get(store)
  if (!history) {
    history = new History(store)
    histories.set(store, history)
  }
  return history
}
