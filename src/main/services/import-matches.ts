/**
 * Recognising a new version of an article among the files being imported.
 *
 * Why: outlets update their stories, and an analyst who imports the new
 * page means "this story, again" far more often than "another story". An
 * imported file whose URL, or title and source, match an article already
 * here (and whose text differs, or it would be a plain duplicate) is held
 * back so the analyst can choose: update the existing article (keeping its
 * annotations) or import it as a separate one.
 */
import type { ImportOutcome } from '../../shared/ipc/contract'
import type { IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import type { ImportFile } from './articles'

/** How many held-back files are kept waiting for a decision; the oldest go first. */
const MAX_PENDING = 200

/** A URL as it identifies a story: no fragment, no tracking parameters, no trailing slash. */
export function storyUrl(url: string | null): string | null {
  if (url === null) return null
  try {
    const parsed = new URL(url.trim())
    parsed.hash = ''
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|ocid$|at_)/i.test(key)) parsed.searchParams.delete(key)
    }
    const text = parsed.toString().replace(/\/+(\?|$)/, '$1')
    return text.replace(/^https?:\/\/(www\.)?/i, '').toLowerCase()
  } catch {
    return url.trim().toLowerCase() || null
  }
}

/**
 * An entry's story URLs (shown and extracted), worked out once per entry
 * object: an import of many files compares each with every article, and an
 * entry is replaced, never changed, when its URL is corrected.
 */
const entryUrls = new WeakMap<IndexEntry, readonly string[]>()
function storyUrlsOf(entry: IndexEntry): readonly string[] {
  let urls = entryUrls.get(entry)
  if (!urls) {
    urls = [storyUrl(entry.url), storyUrl(entry.original.url)].filter(
      (u): u is string => u !== null,
    )
    entryUrls.set(entry, urls)
  }
  return urls
}

function same(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && a.trim().toLowerCase() === b.trim().toLowerCase()
}

/** What about an imported text makes it look like an article already here. */
export interface ArticleMatch {
  readonly entry: IndexEntry
  readonly matchedBy: 'url' | 'title and source'
}

/**
 * The article (not in the trash) that an imported text with this metadata
 * is probably a new version of: same story URL first, else same title and
 * source (both known). Extracted and corrected values both count.
 */
export function findMatchingArticle(
  store: LibraryStore,
  meta: { title: string; source: string | null; url: string | null },
): ArticleMatch | null {
  const url = storyUrl(meta.url)
  const live = store.listArticles()
  if (url !== null) {
    const entry = live.find((e) => storyUrlsOf(e).includes(url))
    if (entry) return { entry, matchedBy: 'url' }
  }
  if (meta.source !== null) {
    const entry = live.find(
      (e) =>
        (same(e.title, meta.title) && same(e.source, meta.source)) ||
        (same(e.original.title, meta.title) && same(e.original.source, meta.source)),
    )
    if (entry) return { entry, matchedBy: 'title and source' }
  }
  return null
}

/** Files held back as `matches`, waiting for `import:resolve`. */
export class PendingImports {
  private readonly files = new Map<string, { file: ImportFile; articleId: string }>()
  private next = 1

  /** Hold a file back; returns the outcome that says so. */
  hold(file: ImportFile, match: ArticleMatch): Extract<ImportOutcome, { status: 'matches' }> {
    const pendingId = `pending-${this.next++}`
    this.files.set(pendingId, { file, articleId: match.entry.id })
    while (this.files.size > MAX_PENDING) {
      const oldest = this.files.keys().next().value
      if (oldest === undefined) break
      this.files.delete(oldest)
    }
    return {
      status: 'matches',
      name: file.name,
      pendingId,
      id: match.entry.id,
      title: match.entry.title,
      annotationCount: match.entry.annotationCount,
      matchedBy: match.matchedBy,
    }
  }

  /** Take a held-back file (it is forgotten); undefined when unknown or already decided. */
  take(pendingId: string): { file: ImportFile; articleId: string } | undefined {
    const held = this.files.get(pendingId)
    this.files.delete(pendingId)
    return held
  }
}

const pendings = new WeakMap<LibraryStore, PendingImports>()

/** The files held back for one open library. */
export function pendingImportsFor(store: LibraryStore): PendingImports {
  let pending = pendings.get(store)
  if (!pending) {
    pending = new PendingImports()
    pendings.set(store, pending)
  }
  return pending
}
