/**
 * Loading the library and opening articles.
 *
 * Why here: the list, the status line and the codebook colours all come
 * from main and must be refreshed together after anything that changes
 * counts; these functions are that one refresh path.
 */
import { request } from '../../api'
import { workbench } from '../../state/workbench-store'

/** Reload library info, the article list and the codebook. */
export async function refreshLibrary(): Promise<void> {
  const [library, articles, codebook] = await Promise.all([
    request('library:info', {}),
    request('article:list', {}),
    request('codebook:list', {}),
  ])
  workbench.set((s) => ({
    library: library ?? s.library,
    articles: articles ?? s.articles,
    articlesLoaded: true,
    codebook: codebook ?? s.codebook,
  }))
}

let openSequence = 0

/** Open an article in the reader; a slower earlier open never replaces a later one. */
export async function openArticle(id: string): Promise<void> {
  const sequence = ++openSequence
  const loaded = await request('article:get', { id })
  if (!loaded || sequence !== openSequence) return
  workbench.set({ current: loaded, selectedAnnotationId: null, focusTagsFor: null, noteSave: null })
}
