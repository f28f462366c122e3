/**
 * Loading the library and opening articles.
 *
 * Why here: the list, the trash, the status line and the codebook colours
 * all come from main and must be refreshed together after anything that
 * changes counts; these functions are that one refresh path.
 */
import { request } from '../../api'
import type { ArticleSummary } from '../../../../shared/ipc/contract'
import { workbench } from '../../state/workbench-store'

/** Reload library info, the article list, the trash and the codebook. */
export async function refreshLibrary(): Promise<void> {
  const [library, articles, trash, codebook] = await Promise.all([
    request('library:info', {}),
    request('article:list', {}),
    request('trash:list', {}),
    request('codebook:list', {}),
  ])
  workbench.set((s) => ({
    library: library ?? s.library,
    articles: articles ?? s.articles,
    articlesLoaded: true,
    trash: trash ?? s.trash,
    codebook: codebook ?? s.codebook,
  }))
}

/**
 * Put one article's new summary in the list, as main returned it after a
 * change that touches only that article (its details); no refetch.
 */
export function replaceSummary(summary: ArticleSummary): void {
  workbench.set((s) => ({
    articles: s.articles.map((a) => (a.id === summary.id ? summary : a)),
    trash: s.trash.map((a) => (a.id === summary.id ? summary : a)),
  }))
}

let openSequence = 0

export interface OpenOptions {
  /** Open the annotation pane's review list (after an update). */
  readonly review?: boolean
}

/** Open an article in the reader; a slower earlier open never replaces a later one. */
export async function openArticle(id: string, options: OpenOptions = {}): Promise<void> {
  const sequence = ++openSequence
  const loaded = await request('article:get', { id })
  if (!loaded || sequence !== openSequence) return
  workbench.set({
    current: loaded,
    selectedAnnotationId: null,
    focusTagsFor: null,
    noteSave: null,
    versionView: null,
    editingDetails: null,
    reviewOpen: options.review ?? false,
    ...(options.review ? { sideTab: 'annotation' as const } : {}),
  })
}

/** Close the reader (the open article went to the trash and nothing is left to open). */
export function closeArticle(): void {
  openSequence++
  workbench.set({
    current: null,
    selectedAnnotationId: null,
    focusTagsFor: null,
    noteSave: null,
    versionView: null,
    editingDetails: null,
    reviewOpen: false,
  })
}
