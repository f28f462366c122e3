/**
 * The open article's current version as main describes it: the values the
 * importer extracted (for the "edited" marks and "Restore extracted value")
 * and every version kept (for the version picker).
 *
 * Why fetched only for some articles: most articles have one version and
 * no corrections, and need neither; the rest pay one call when opened or
 * changed.
 */
import { useEffect, useState } from 'react'
import type { Article } from '../../../../shared/domain/article'
import type { ArticleVersionView } from '../../../../shared/ipc/contract'
import { invoke } from '../../api'

export function useVersionInfo(article: Article): ArticleVersionView | null {
  const needed = article.versionCount > 1 || article.edited.length > 0
  const key = `${article.id}|${article.contentHash}|${article.versionCount}|${needed}`
  const [info, setInfo] = useState<{ key: string; view: ArticleVersionView } | null>(null)
  const { id, contentHash } = article
  useEffect(() => {
    if (!needed) return
    let live = true
    // Quietly: without it the header only lacks the extracted values and the picker.
    void invoke('article:version', { id, contentHash }).then((result) => {
      if (live && result.ok) setInfo({ key, view: result.value })
    })
    return () => {
      live = false
    }
  }, [id, contentHash, key, needed])
  return needed && info?.key === key ? info.view : null
}
