/**
 * The handler of every IPC channel, over one open library.
 *
 * Why a module of its own: the window (through `dispatch`, see
 * `app-core.ts`) and the command line (through `callerFor`) must run the
 * same code for the same channel, so that what a script does and what the
 * analyst does in the window cannot drift apart. Handlers stay thin: they
 * pick the service and pass the contract's types through.
 */
import { readFile, readdir } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { Channel, EventName } from '../shared/ipc/channels'
import {
  channelSchemas,
  type ChannelInput,
  type ChannelOutputs,
  type EventPayloads,
  type ImportOutcome,
  type ImportReport,
  type ChannelParsedInput,
} from '../shared/ipc/contract'
import { WorkbenchError } from '../shared/ipc/result'
import type { SearchHitsPage, SearchResults } from '../shared/search/types'
import { describeIssues, type Handlers } from './ipc/dispatch'
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
import type { ArticleParser } from './import/article-parser'
import { emptyTrash, listTrash, restoreFromTrash, trashArticles } from './services/trash'
import { linkClaim, unlinkClaim, updateClaim } from './services/claims'
import { createTag, listCodebook, updateTag } from './services/codebook'
import { buildExport, saveExport, type ExportFileFilter } from './services/exports'
import { importW3cAnnotations } from './services/w3c-import'
import {
  deleteTemplate,
  getTemplate,
  listTemplates,
  saveTemplate,
  TemplateRenderError,
} from './services/templates'
import { historyFor } from './services/history'
import { findAnnotationsIndexed, type AnnotationIndex } from './services/search'
import { getSettings, updateSettings } from './services/settings'
import { memoryProfileStore, type ProfileStore } from './services/profile'
import { deleteTag, mergeTag, moveTag, renameTag } from './services/tag-tree'
import { reextractArticle, pasteArticleText } from './services/text-corrections'
import { describeFsError } from './store/fs-errors'
import type { LibraryStore } from './store/library-store'

/** Native dialogs, injected so tests and the command line can answer them. */
export interface Dialogs {
  /** Ask for article files to import; null when cancelled. */
  pickArticleFiles(): Promise<string[] | null>
  /**
   * Ask for one web page to read an article from again, offering
   * `defaultName` (the file it was imported from, when known); null when
   * cancelled.
   */
  pickWebPage(defaultName: string | null): Promise<string | null>
  /** Ask where to save an export; null when cancelled. */
  chooseExportPath(defaultName: string, filter: ExportFileFilter): Promise<string | null>
}

/** What the handlers ask of the library's search (`LibrarySearch`). */
export interface LibrarySearchApi extends AnnotationIndex {
  query(input: ChannelParsedInput<'search:query'>): Promise<SearchResults>
  hits(input: ChannelParsedInput<'search:hits'>): Promise<SearchHitsPage>
  /** Every matching article, best first, from the complete index; fails if it cannot be completed. */
  matchingArticleIds(query: string): Promise<string[]>
}

/** What the handlers work on. */
export interface HandlerDeps {
  readonly store: LibraryStore
  readonly now: () => Date
  readonly search: LibrarySearchApi
  readonly dialogs: Dialogs
  /** The sample articles `library:openSamples` imports. */
  readonly samplesDir: string
  readonly emit?: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  /** Where imported files are parsed: the app's import worker; this thread when absent. */
  readonly parser?: ArticleParser
  /** The analyst's profile; held in memory when absent (tests, tools). */
  readonly profiles?: ProfileStore
}

/** Build the handler of every channel. */
export function createHandlers(deps: HandlerDeps): Handlers {
  const { store, now, search } = deps
  const profiles = deps.profiles ?? memoryProfileStore()
  const svc = { store, now, profiles }
  const history = historyFor(store)
  const parsing = deps.parser ? { parser: deps.parser } : {}
  /** The imports under way, so that `import:cancel` can stop them. */
  const running = new Set<AbortController>()
  const runImport = async (
    files: readonly ImportFile[],
    onMatch: 'ask' | 'update' | 'separate' = 'ask',
  ): Promise<ImportReport> => {
    const controller = new AbortController()
    running.add(controller)
    try {
      return await importFiles(files, {
        ...svc,
        ...parsing,
        onMatch,
        signal: controller.signal,
        onProgress: (progress) => deps.emit?.('import:progress', progress),
      })
    } finally {
      running.delete(controller)
    }
  }
  const pending = pendingImportsFor(store)
  /** The articles an export covers: those named, or every match of the query (best first). */
  const exportedIds = async (scope: {
    articleIds?: readonly string[] | undefined
    query?: string | undefined
  }): Promise<readonly string[]> => {
    if (scope.query === undefined) return scope.articleIds ?? []
    const ids = await search.matchingArticleIds(scope.query)
    if (ids.length === 0) {
      throw new WorkbenchError('not-found', `No article matches the search "${scope.query}".`)
    }
    return ids
  }

  /** A stored template's source as an export option; none when no template is named. */
  const templateOption = async (name: string | undefined): Promise<{ template?: string }> =>
    name === undefined ? {} : { template: (await getTemplate(name, svc)).source }

  return {
    'library:info': () => ({
      path: store.dir,
      articleCount: store.listArticles().length,
      readOnly: store.readOnly,
      quarantined: store.quarantined,
      notices: [...store.notices],
    }),
    'library:openSamples': async () => runImport(await readFilesIn(deps.samplesDir)),
    'article:list': () => listArticles(store),
    'article:get': ({ id }) => getArticle(store, id),
    'article:update': ({ id, patch }) => updateArticleState(id, patch, svc),
    'article:restoreBackup': ({ id }) => store.restoreArticleFromBackup(id),
    'article:edit': (request) => editArticleMeta(request, svc),
    'article:trash': ({ ids }) => trashArticles(ids, svc),
    'article:replaceText': ({ id, file }) => updateArticleText(id, file, { ...svc, ...parsing }),
    'article:reextract': async ({ id, extractor }) => {
      const entry = store.getArticle(id)
      if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
      const chosen = await deps.dialogs.pickWebPage(entry.fileName)
      if (chosen === null) throw new WorkbenchError('cancelled', 'Nothing read again')
      const file = await readPage(chosen)
      return reextractArticle(id, file, extractor, { ...svc, ...parsing })
    },
    'article:pasteText': ({ id, text }) => pasteArticleText(id, text, svc),
    'article:version': ({ id, contentHash }) => articleVersion(id, contentHash, svc),
    'trash:list': () => listTrash(svc),
    'trash:restore': ({ ids }) => restoreFromTrash(ids, svc),
    'trash:empty': ({ ids }) => emptyTrash(ids, svc),
    'import:files': ({ files, onMatch }) => runImport(files, onMatch ?? 'ask'),
    'import:cancel': () => {
      const cancelled = running.size
      for (const controller of running) controller.abort()
      return { cancelled }
    },
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
        const update = await updateArticleText(held.articleId, held.file, { ...svc, ...parsing })
        return { status: 'updated', name: held.file.name, id: held.articleId, title, update }
      }
      const report = await runImport([held.file], 'separate')
      return report.outcomes[0]!
    },
    'import:pick': async () => {
      const paths = await deps.dialogs.pickArticleFiles()
      if (paths === null) throw new WorkbenchError('cancelled', 'Import cancelled')
      const { files, unreadable } = await readFilesReporting(paths)
      const report = files.length > 0 ? await runImport(files) : { outcomes: [] }
      return { outcomes: [...report.outcomes, ...unreadable] }
    },
    'annotation:create': (input) => createAnnotation(input, svc),
    'annotation:update': ({ articleId, annotationId, patch }) =>
      updateAnnotation(articleId, annotationId, patch, svc),
    'annotation:delete': ({ articleId, annotationId }) =>
      deleteAnnotation(articleId, annotationId, svc),
    'annotation:reattach': ({ articleId, annotationId, start, end }) =>
      reattachAnnotation(articleId, annotationId, start, end, svc),
    'annotation:find': (query) => findAnnotationsIndexed(store, search, query),
    'claim:update': ({ articleId, annotationId, patch }) =>
      updateClaim(articleId, annotationId, patch, svc),
    'claim:link': ({ from, to, relation }) => linkClaim(from, to, relation, svc),
    'claim:unlink': ({ from, to }) => unlinkClaim(from, to, svc),
    'codebook:list': () => listCodebook(store),
    'codebook:create': (input) => createTag(input, svc),
    'codebook:update': ({ name, patch }) => updateTag(name, patch, svc),
    'codebook:rename': ({ from, to }) => renameTag(from, to, svc),
    'codebook:merge': ({ from, into }) => mergeTag(from, into, svc),
    'codebook:move': ({ name, parent }) => moveTag(name, parent, svc),
    'codebook:delete': ({ name }) => deleteTag(name, svc),
    'history:undo': () => history.undo(),
    'history:redo': () => history.redo(),
    'history:state': () => history.state(),
    'settings:get': () => getSettings(store, profiles),
    'settings:update': ({ patch }) => updateSettings(patch, svc),
    'search:query': (input) => search.query(input),
    'search:hits': (input) => search.hits(input),
    'export:preview': async ({ format, briefing, template, ...scope }) =>
      buildExport(await exportedIds(scope), format, svc, {
        ...(await templateOption(template)),
        ...(briefing ? { briefing } : {}),
      }),
    'export:save': async ({ format, overwrite, bom, spreadsheet, briefing, template, ...scope }) =>
      saveExport(await exportedIds(scope), format, deps.dialogs.chooseExportPath, svc, {
        ...(await templateOption(template)),
        bom: bom ?? false,
        ...(briefing ? { briefing } : {}),
        spreadsheet: spreadsheet ?? false,
        // The save dialog asked before replacing a file.
        replaceExisting: true,
        overwriteEdits: overwrite ?? false,
      }),
    'annotation:importW3c': ({ data }) => importW3cAnnotations(data, svc),
    'template:list': () => listTemplates(svc),
    'template:get': ({ name }) => getTemplate(name, svc),
    'template:save': (input) => saveTemplate(input, svc),
    'template:delete': ({ name }) => deleteTemplate(name, svc),
    'template:preview': async ({ source, ...scope }) => {
      try {
        const built = await buildExport(await exportedIds(scope), 'md', svc, { template: source })
        return { ...built, error: null }
      } catch (error) {
        // The template's own mistakes are the answer, with where they are; anything else fails the call.
        if (!(error instanceof TemplateRenderError)) throw error
        return { text: null, error: error.templateError, articleCount: 0, skipped: [] }
      }
    },
  }
}

/** Call one channel's handler directly: the input checked against the contract, errors thrown. */
export type ChannelCaller = <C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
) => Promise<ChannelOutputs[C]>

/**
 * A caller over handlers for code in this process (the command line): the
 * same schema check as `dispatch`, minus the sender check; an expected
 * failure is thrown as the handler's `WorkbenchError`.
 */
export function callerFor(handlers: Handlers): ChannelCaller {
  return async (channel, input) => {
    const parsed = channelSchemas[channel].safeParse(input)
    if (!parsed.success) {
      throw new WorkbenchError('invalid-input', describeIssues(parsed.error))
    }
    const handler = handlers[channel] as (input: unknown) => Promise<unknown> | unknown
    return (await handler(parsed.data)) as ChannelOutputs[typeof channel]
  }
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

/** Read the page an article is read again from; a file-system refusal is told in words. */
async function readPage(path: string): Promise<ImportFile> {
  try {
    return { name: basename(path), data: new Uint8Array(await readFile(path)) }
  } catch (error) {
    throw describeFsError(error, 'read', path)
  }
}

async function readFilesIn(dir: string): Promise<ImportFile[]> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.')).sort()
  if (names.length === 0) throw new WorkbenchError('not-found', `No sample articles in ${dir}`)
  return readFiles(names.map((n) => join(dir, n)))
}
