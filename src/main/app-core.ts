/**
 * The workbench without Electron: a library, its services, and dispatch.
 *
 * Why: Electron's main process, the command line and the tests all need the
 * same behaviour. This module wires the store and services into the IPC
 * handlers; `index.ts` only adds windows, menus and native dialogs, and the
 * end-to-end tests bridge a real browser straight to `dispatch`.
 */
import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { EventName } from '../shared/ipc/channels'
import type { EventPayloads, ImportOutcome, ImportReport } from '../shared/ipc/contract'
import { WorkbenchError } from '../shared/ipc/result'
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch'
import {
  createAnnotation,
  deleteAnnotation,
  reattachAnnotation,
  updateAnnotation,
} from './services/annotations'
import { updateArticleState } from './services/article-state'
import { editArticleMeta } from './services/article-edits'
import { articleVersion, updateArticleText } from './services/article-versions'
import { getArticle, importFiles, listArticles, type ImportFile } from './services/articles'
import { pendingImportsFor } from './services/import-matches'
import { emptyTrash, listTrash, restoreFromTrash, trashArticles } from './services/trash'
import { linkClaim, unlinkClaim, updateClaim } from './services/claims'
import { createTag, listCodebook, updateTag } from './services/codebook'
import { buildExport, saveExport, type ExportFileFilter } from './services/exports'
import { linksFor } from './services/links'
import { importW3cAnnotations } from './services/w3c-import'
import { historyFor } from './services/history'
import { findAnnotations } from './services/search'
import { getSettings, updateSettings } from './services/settings'
import { LibrarySearch } from './search/library-search'
import { workerEngineFactory } from './search/search-engine'
import { deleteTag, mergeTag, moveTag, renameTag } from './services/tag-tree'
import { describeFsError } from './store/fs-errors'
import { LibraryStore } from './store/library-store'

/** Native dialogs, injected so tests can answer them. */
export interface Dialogs {
  /** Ask for article files to import; null when cancelled. */
  pickArticleFiles(): Promise<string[] | null>
  /** Ask where to save an export; null when cancelled. */
  chooseExportPath(defaultName: string, filter: ExportFileFilter): Promise<string | null>
}

export interface AppCoreOptions {
  readonly libraryDir: string
  readonly samplesDir: string
  readonly dialogs: Dialogs
  readonly trustedOrigins: readonly string[]
  readonly emit?: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  readonly now?: () => Date
  readonly log?: (message: string, error: unknown) => void
  /**
   * The built search worker script. The app passes it so that the index is
   * built and queried off the main thread; without it (tests, tools) the
   * index lives in this thread.
   */
  readonly searchWorkerPath?: string
}

export interface AppCore {
  readonly store: LibraryStore
  readonly dispatch: Dispatch
  readonly handlers: Handlers
  /** The library's search index (for `stats()` and waiting until it is built). */
  readonly search: LibrarySearch
  close(): Promise<void>
}

/** The app's own origin for the custom protocol. */
export const APP_ORIGIN = 'app://workbench'

/** Open the library and build the handlers for every channel. */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? (() => new Date())
  const store = await LibraryStore.open({ dir: options.libraryDir, now })
  const deps = { store, now }
  const history = historyFor(store)
  // Built in the background; follows every saved change through the store's change events.
  const search = new LibrarySearch(store, {
    ...(options.log ? { log: options.log } : {}),
    ...(options.searchWorkerPath ? { engine: workerEngineFactory(options.searchWorkerPath) } : {}),
  })
  search.start()
  // So that the first article opened does not wait for every claim's links to be read.
  void linksFor(store).start()

  const runImport = (
    files: readonly ImportFile[],
    onMatch: 'ask' | 'update' | 'separate' = 'ask',
  ): Promise<ImportReport> =>
    importFiles(files, {
      ...deps,
      onMatch,
      onProgress: (progress) => options.emit?.('import:progress', progress),
    })
  const pending = pendingImportsFor(store)

  const handlers: Handlers = {
    'library:info': () => ({
      path: store.dir,
      articleCount: store.listArticles().length,
      readOnly: store.readOnly,
      quarantined: store.quarantined,
      notices: [...store.notices],
    }),
    'library:openSamples': async () => runImport(await readFilesIn(options.samplesDir)),
    'article:list': () => listArticles(store),
    'article:get': ({ id }) => getArticle(store, id),
    'article:update': ({ id, patch }) => updateArticleState(id, patch, deps),
    'article:restoreBackup': ({ id }) => store.restoreArticleFromBackup(id),
    'article:edit': (request) => editArticleMeta(request, deps),
    'article:trash': ({ ids }) => trashArticles(ids, deps),
    'article:replaceText': ({ id, file }) => updateArticleText(id, file, deps),
    'article:version': ({ id, contentHash }) => articleVersion(id, contentHash, deps),
    'trash:list': () => listTrash(deps),
    'trash:restore': ({ ids }) => restoreFromTrash(ids, deps),
    'trash:empty': ({ ids }) => emptyTrash(ids, deps),
    'import:files': ({ files, onMatch }) => runImport(files, onMatch ?? 'ask'),
    'import:resolve': async ({ pendingId, choice }) => {
      const held = pending.take(pendingId)
      if (!held) {
        throw new WorkbenchError(
          'not-found',
          'That file is no longer waiting: import it again to choose what to do',
        )
      }
      if (choice === 'skip') {
        return { status: 'rejected', name: held.file.name, reason: 'not imported (your choice)' }
      }
      if (choice === 'update') {
        const title = store.getArticle(held.articleId)?.title ?? held.articleId
        const update = await updateArticleText(held.articleId, held.file, deps)
        return { status: 'updated', name: held.file.name, id: held.articleId, title, update }
      }
      const report = await runImport([held.file], 'separate')
      return report.outcomes[0]!
    },
    'import:pick': async () => {
      const paths = await options.dialogs.pickArticleFiles()
      if (paths === null) throw new WorkbenchError('cancelled', 'Import cancelled')
      const { files, unreadable } = await readFilesReporting(paths)
      const report = files.length > 0 ? await runImport(files) : { outcomes: [] }
      return { outcomes: [...report.outcomes, ...unreadable] }
    },
    'annotation:create': (input) => createAnnotation(input, deps),
    'annotation:update': ({ articleId, annotationId, patch }) =>
      updateAnnotation(articleId, annotationId, patch, deps),
    'annotation:delete': ({ articleId, annotationId }) =>
      deleteAnnotation(articleId, annotationId, deps),
    'annotation:reattach': ({ articleId, annotationId, start, end }) =>
      reattachAnnotation(articleId, annotationId, start, end, deps),
    'annotation:find': (query) => findAnnotations(store, query),
    'claim:update': ({ articleId, annotationId, patch }) =>
      updateClaim(articleId, annotationId, patch, deps),
    'claim:link': ({ from, to, relation }) => linkClaim(from, to, relation, deps),
    'claim:unlink': ({ from, to }) => unlinkClaim(from, to, deps),
    'codebook:list': () => listCodebook(store),
    'codebook:create': (input) => createTag(input, deps),
    'codebook:update': ({ name, patch }) => updateTag(name, patch, deps),
    'codebook:rename': ({ from, to }) => renameTag(from, to, deps),
    'codebook:merge': ({ from, into }) => mergeTag(from, into, deps),
    'codebook:move': ({ name, parent }) => moveTag(name, parent, deps),
    'codebook:delete': ({ name }) => deleteTag(name, deps),
    'history:undo': () => history.undo(),
    'history:redo': () => history.redo(),
    'history:state': () => history.state(),
    'settings:get': () => getSettings(store),
    'settings:update': ({ patch }) => updateSettings(patch, deps),
    'search:query': (input) => search.query(input),
    'export:preview': ({ articleIds, format }) => buildExport(articleIds, format, deps),
    'export:save': ({ articleIds, format, overwrite, bom }) =>
      saveExport(articleIds, format, options.dialogs.chooseExportPath, deps, {
        bom: bom ?? false,
        // The save dialog asked before replacing a file.
        replaceExisting: true,
        overwriteEdits: overwrite ?? false,
      }),
    'annotation:importW3c': ({ data }) => importW3cAnnotations(data, deps),
  }

  const dispatchNow = createDispatch(handlers, {
    trustedOrigins: options.trustedOrigins,
    ...(options.log ? { log: options.log } : {}),
  })
  // Calls still running when the app quits: a note saved by the window as it closes must land.
  const inFlight = new Set<Promise<unknown>>()
  const dispatch: Dispatch = (channel, input, sender) => {
    const call = dispatchNow(channel, input, sender)
    inFlight.add(call)
    void call.finally(() => inFlight.delete(call))
    return call
  }
  const close = async (): Promise<void> => {
    await Promise.allSettled([...inFlight])
    await Promise.all([search.dispose(), linksFor(store).stop()])
    await store.close()
  }
  return { store, dispatch, handlers, search, close }
}

async function readFiles(paths: readonly string[]): Promise<ImportFile[]> {
  return Promise.all(
    paths.map(async (path) => ({
      name: basename(path),
      data: new Uint8Array(await readFile(path)),
    })),
  )
}

/** Read picked files; one that vanished or cannot be read is reported, not fatal. */
async function readFilesReporting(
  paths: readonly string[],
): Promise<{ files: ImportFile[]; unreadable: ImportOutcome[] }> {
  const files: ImportFile[] = []
  const unreadable: ImportOutcome[] = []
  for (const path of paths) {
    try {
      files.push({ name: basename(path), data: new Uint8Array(await readFile(path)) })
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      const described = describeFsError(error, 'read', path)
      const reason =
        code === 'ENOENT'
          ? 'the file no longer exists'
          : described instanceof Error
            ? described.message
            : `cannot be read (${code ?? 'error'})`
      unreadable.push({ status: 'rejected', name: basename(path), reason })
    }
  }
  return { files, unreadable }
}

async function readFilesIn(dir: string): Promise<ImportFile[]> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort()
  if (names.length === 0) throw new WorkbenchError('not-found', `No sample articles in ${dir}`)
  return readFiles(names.map((n) => join(dir, n)))
}
