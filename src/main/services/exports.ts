/**
 * Export of briefings from the library.
 *
 * Why: the exporters are pure functions of data; this module gathers that
 * data from the store, and is the only place that writes an export file,
 * always to a path the user chose, merging what they wrote by hand.
 */
import { lstat, readFile, realpath } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { exportClaimReviews } from '../../shared/export/claim-review'
import { exportCsv } from '../../shared/export/csv'
import { EXPORT_FORMAT_INFO } from '../../shared/export/formats'
import {
  briefingParts,
  type BriefingArticle,
  type BriefingLinkEnd,
  type BriefingLinks,
} from '../../shared/export/markdown'
import { annotationLabel, type Annotation } from '../../shared/domain/annotation'
import type { ClaimLink } from '../../shared/domain/claim-fields'
import { exportW3cAnnotations } from '../../shared/export/w3c'
import { mergeKeepRegions } from '../../shared/export/keep-regions'
import { isTagWithin } from '../../shared/domain/tag'
import { WorkbenchError } from '../../shared/ipc/result'
import type { BriefingOptions, ExportFormat, ExportSkip } from '../../shared/ipc/contract'
import { writeFileDurable } from '../store/durable-file'
import { describeFsError } from '../store/fs-errors'
import { readArticleModel } from './articles'
import { linksFor } from './links'
import type { ProfileStore } from './profile'
import { EMPTY_PROFILE, profileAuthor } from '../../shared/domain/profile'
import { renderBriefingTemplate } from './templates'
import { BUILT_IN_TEMPLATE_SOURCE } from '../../shared/export/default-template'
import type { LibraryStore } from '../store/library-store'

export interface ExportDeps {
  readonly store: LibraryStore
  readonly now: () => Date
  /** The IANA time zone a briefing shows its export time in; the machine's when absent. */
  readonly timeZone?: string
  /** The analyst's profile: the exports' author and ClaimReview's publishing address. */
  readonly profiles?: ProfileStore
}

/** The save dialog's file filter for a format. */
export interface ExportFileFilter {
  readonly name: string
  readonly extensions: readonly string[]
}

/** Ask the user where to save; null means they cancelled. */
export type ChooseExportPath = (
  defaultName: string,
  filter: ExportFileFilter,
) => Promise<string | null>

/** Options some formats take. */
export interface ExportOptions {
  /** CSV: start with a UTF-8 byte order mark. */
  readonly bom?: boolean
  /** Markdown: title, introduction, grouping and the like. */
  readonly briefing?: BriefingOptions
  /**
   * Export only what this tag selects: the annotations that carry it or a
   * tag nested under it, and every annotation of an article that carries it
   * itself. An article with neither is left out (not listed as skipped).
   */
  readonly tag?: string
  /** Markdown: the source of a Liquid template to render instead of the built-in briefing. */
  readonly template?: string
  /** CSV: written for spreadsheets (see `CsvOptions.spreadsheet`). */
  readonly spreadsheet?: boolean
}

/** The annotations a tag selects in one article (see `ExportOptions.tag`); null leaves the article out. */
export function selectedByTag<A extends { readonly tags: readonly string[] }>(
  tag: string,
  articleTags: readonly string[],
  annotations: readonly A[],
): readonly A[] | null {
  if (articleTags.some((t) => isTagWithin(t, tag))) return annotations
  const kept = annotations.filter((a) => a.tags.some((t) => isTagWithin(t, tag)))
  return kept.length > 0 ? kept : null
}

/** An export's text and the articles it left out. */
export interface BuiltExport {
  readonly text: string
  /** How many articles the text covers. */
  readonly articleCount: number
  readonly skipped: readonly ExportSkip[]
}

/**
 * Build the export text for the given articles, in the given order.
 *
 * An article whose text or annotation file cannot be read is left out and
 * named in `skipped` with the reason, never exported as an article without
 * annotations; the rest is exported. When nothing can be exported, fails
 * with every reason.
 */
export async function buildExport(
  articleIds: readonly string[],
  format: ExportFormat,
  deps: ExportDeps,
  options: ExportOptions = {},
): Promise<BuiltExport> {
  const { store } = deps
  const articles: BriefingArticle[] = []
  const skipped: ExportSkip[] = []
  for (const id of articleIds) {
    if (!store.getArticle(id)) {
      skipped.push({ id, title: id, reason: `No article with id ${id}` })
      continue
    }
    const read = await readArticleModel(store, id)
    if (read.damage) {
      skipped.push({ id, title: read.entry.title, reason: read.damage.reason })
      continue
    }
    const annotations =
      options.tag === undefined
        ? read.annotations
        : selectedByTag(options.tag, read.article.tags, read.annotations)
    if (annotations === null) continue
    articles.push({ article: read.article, articleNote: read.note, annotations })
  }
  if (articles.length === 0 && skipped.length === 0 && options.tag !== undefined) {
    throw new WorkbenchError(
      'not-found',
      `Nothing to export: nothing carries the tag ${options.tag}`,
    )
  }
  if (articles.length === 0) {
    throw new WorkbenchError(
      articleIds.length === 1 && skipped[0]?.reason.startsWith('No article')
        ? 'not-found'
        : 'io-error',
      `Nothing could be exported: ${skipped.map((s) => `"${s.title}": ${s.reason}`).join(' ')}`,
    )
  }
  const first = articles[0]?.article.title ?? 'Briefing'
  // The analyst's title is the briefing's; other formats keep naming their articles.
  const chosenTitle = format === 'md' ? (options.briefing?.title?.trim() ?? '') : ''
  const title =
    chosenTitle.length > 0
      ? chosenTitle
      : articles.length === 1
        ? first
        : `Briefing: ${articles.length} articles`
  const generatedAt = deps.now().toISOString()
  const included = articles.map((a) => a.article.id)
  const profile = (await deps.profiles?.read()) ?? EMPTY_PROFILE
  const author = profileAuthor(profile)
  /**
   * A Markdown briefing: the chosen template, else the built-in briefing
   * (itself a template, laying out the parts `briefingParts` makes from the
   * dialog's choices), rendered over the briefing model.
   */
  const markdown = async (): Promise<string> => {
    const briefing = options.briefing ?? {}
    const links = await briefingLinks(store, articles)
    const parts = briefingParts({
      title,
      generatedAt,
      timeZone: deps.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
      scope: { kind: 'articles', articleIds: included },
      articles,
      ...(author ? { author } : {}),
      ...(briefing.introduction !== undefined ? { introduction: briefing.introduction } : {}),
      ...(briefing.skipEmpty !== undefined ? { skipEmpty: briefing.skipEmpty } : {}),
      ...(briefing.groupBy !== undefined ? { groupBy: briefing.groupBy } : {}),
      ...(briefing.obsidianBlockIds !== undefined
        ? { obsidianBlockIds: briefing.obsidianBlockIds }
        : {}),
      claimStatuses: store.readCodebook().claimStatuses,
      links: (articleId, annotationId) => links.get(`${articleId}\u0000${annotationId}`),
    })
    return renderBriefingTemplate(options.template ?? BUILT_IN_TEMPLATE_SOURCE, {
      title,
      generatedAt,
      articles,
      ...(author ? { author } : {}),
      ...(briefing.introduction !== undefined ? { introduction: briefing.introduction } : {}),
      resolveLink: targetsOf(links),
      markdown: parts,
    })
  }
  const text = await (async (): Promise<string> => {
    if (options.template !== undefined && format !== 'md') {
      throw new WorkbenchError('invalid-input', 'A template applies to Markdown exports only.')
    }
    switch (format) {
      case 'md':
        return markdown()
      case 'csv':
        return exportCsv(articles, {
          bom: options.bom ?? false,
          spreadsheet: options.spreadsheet ?? false,
          resolveLink: csvLinkLabel(await linkTargets(store, articles)),
        })
      case 'w3c':
        return exportW3cAnnotations(articles, {
          generatedAt,
          label: title,
          // W3C's creator here is a Person: the analyst, when named.
          ...(profile.name
            ? { creator: { name: profile.name, ...(profile.url ? { url: profile.url } : {}) } }
            : {}),
        })
      case 'claimreview':
        return exportClaimReviews(articles, { profile })
    }
  })()
  return { text, articleCount: articles.length, skipped }
}

/**
 * Each link target of the exported claims, named by its claim's statement
 * (or passage) and its article, from the same reading of the library as the
 * briefing's link lines; null when the library no longer has the claim.
 */
async function linkTargets(
  store: LibraryStore,
  articles: readonly BriefingArticle[],
): Promise<LinkTarget> {
  return targetsOf(await briefingLinks(store, articles))
}

/** A link's target, named by its claim (or passage) and its article; null when it is gone. */
type LinkTarget = (link: ClaimLink) => { label: string; articleTitle?: string } | null

/** The link targets among the briefing's links, as a lookup. */
function targetsOf(links: ReadonlyMap<string, BriefingLinks>): LinkTarget {
  const targets = new Map<string, { label: string; articleTitle?: string }>()
  for (const annotationLinks of links.values()) {
    for (const end of annotationLinks.outgoing) {
      if (end.label === null) continue
      targets.set(`${end.articleId}\u0000${end.annotationId}`, {
        label: end.label,
        ...(end.articleTitle !== null ? { articleTitle: end.articleTitle } : {}),
      })
    }
  }
  return (link) => targets.get(`${link.articleId}\u0000${link.annotationId}`) ?? null
}

/** A CSV cell's name for a link target: «statement» (Article title). */
function csvLinkLabel(target: LinkTarget): (link: ClaimLink) => { label: string } | null {
  return (link) => {
    const found = target(link)
    if (found === null) return null
    const title = found.articleTitle === undefined ? '' : ` (${found.articleTitle})`
    return { label: `«${found.label.replace(/\s+/gu, ' ').trim()}»${title}` }
  }
}

/** A file name for an export, from its first article's title. */
export function defaultExportName(title: string, format: ExportFormat = 'md'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase()
  return `${slug || 'briefing'}${EXPORT_FORMAT_INFO[format].fileSuffix}`
}

/** How far an export may go when its file already exists. */
export interface ExportWriteOptions extends ExportOptions {
  /**
   * Replace an existing file. The app's save dialog asks before a file is
   * replaced, so its paths count as confirmed; the command line needs --force.
   */
  readonly replaceExisting: boolean
  /** Save a Markdown briefing even though it was edited outside its keep regions (loses those edits). */
  readonly overwriteEdits: boolean
}

/**
 * Write an export to the path the user chooses.
 *
 * Never inside a library folder (that is where the library's own files
 * live), never over a read-only file, and never over an existing file unless
 * `replaceExisting`. An existing Markdown briefing keeps its keep-regions
 * (those the user added too, in place); if it was edited outside them, the
 * save is refused with `conflict` unless `overwriteEdits`, so nothing the
 * user wrote is lost silently. Both refusals name the way out the same way:
 * in words that fit the app's dialog (its Overwrite button), and the
 * command line's `--force` in parentheses. A symbolic
 * link at the path is replaced, not written through.
 */
export async function saveExport(
  articleIds: readonly string[],
  format: ExportFormat,
  choosePath: ChooseExportPath,
  deps: ExportDeps,
  options: ExportWriteOptions,
): Promise<{ path: string; articleCount: number; skipped: readonly ExportSkip[] }> {
  const fresh = await buildExport(articleIds, format, deps, options)
  const firstTitle = deps.store.getArticle(articleIds[0] ?? '')?.title ?? 'briefing'
  const chosenTitle = format === 'md' ? (options.briefing?.title?.trim() ?? '') : ''
  const info = EXPORT_FORMAT_INFO[format]
  const chosen = await choosePath(
    defaultExportName(
      chosenTitle.length > 0 ? chosenTitle : articleIds.length === 1 ? firstTitle : 'briefing',
      format,
    ),
    { name: info.filterName, extensions: [info.extension] },
  )
  if (chosen === null) throw new WorkbenchError('cancelled', 'Export cancelled')
  const path = resolve(chosen)
  await refuseLibraryFolder(path, deps.store.dir)
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw describeFsError(error, 'export', path)
  })
  if (existing?.isDirectory()) {
    throw new WorkbenchError(
      'invalid-input',
      `${path} is a folder; choose a file name for the export.`,
    )
  }
  if (existing && !existing.isSymbolicLink() && (existing.mode & 0o222) === 0) {
    throw new WorkbenchError(
      'io-error',
      `${path} is read-only and was left untouched. Choose another name, or make the file writable first.`,
    )
  }
  let text = fresh.text
  if (existing && format === 'md') {
    const before = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw describeFsError(error, 'export', path)
    })
    const merged = mergeKeepRegions(before, fresh.text)
    if (merged.outsideEdits && !options.overwriteEdits) {
      throw new WorkbenchError(
        'conflict',
        `${path} has text outside its keep regions that the exporter did not write, and was left untouched. Move that text between <!-- workbench:keep --> and <!-- /workbench:keep --> lines to keep it, or overwrite the file and lose it (--force on the command line).`,
      )
    }
    text = merged.text
  } else if (existing && !options.replaceExisting) {
    throw new WorkbenchError(
      'conflict',
      `${path} already exists and was left untouched. Choose another name, or replace it (--force on the command line).`,
    )
  }
  try {
    await writeFileDurable(path, text)
  } catch (error) {
    throw describeFsError(error, 'export', path)
  }
  return { path, articleCount: fresh.articleCount, skipped: fresh.skipped }
}

/**
 * Refuse a path inside a library folder: this library's, or any folder
 * holding a library.json beside annotations/ or bodies/. An export there
 * could replace the library's own files.
 */
async function refuseLibraryFolder(path: string, libraryDir: string): Promise<void> {
  const parent = await realpath(dirname(path)).catch(() => resolve(dirname(path)))
  const library = await realpath(libraryDir).catch(() => resolve(libraryDir))
  for (let folder = parent; ; folder = dirname(folder)) {
    const isLibrary =
      folder === library ||
      ((await exists(join(folder, 'library.json'))) &&
        ((await exists(join(folder, 'annotations'))) || (await exists(join(folder, 'bodies')))))
    if (isLibrary) {
      throw new WorkbenchError(
        'invalid-input',
        `${path} is inside the library folder ${folder}; exports are never written there. Choose a folder outside it.`,
      )
    }
    if (dirname(folder) === folder) return
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  )
}

/**
 * Both ends of every link of a briefing's annotations, named from the
 * library: claims outside the briefing, in the trash or gone included.
 *
 * Like `linksOfArticle`, but each article at the far end is read once for
 * the whole export rather than once per article that links to it, and the
 * briefing's own articles are not read again. Keyed by article and
 * annotation id joined with U+0000.
 */
async function briefingLinks(
  store: LibraryStore,
  articles: readonly BriefingArticle[],
): Promise<Map<string, BriefingLinks>> {
  const index = linksFor(store)
  const read = new Map<string, Promise<readonly Annotation[] | null>>(
    articles.map((a) => [a.article.id, Promise.resolve(a.annotations)]),
  )
  const annotationsOf = (id: string): Promise<readonly Annotation[] | null> => {
    let pending = read.get(id)
    if (!pending) {
      pending = store.getArticle(id)
        ? store.readArticle(id).then(
            (state) => state.annotations,
            // An article that cannot be read names no claim; the link still shows its article.
            () => null,
          )
        : Promise.resolve(null)
      read.set(id, pending)
    }
    return pending
  }
  const end = (
    relation: BriefingLinkEnd['relation'],
    articleId: string,
    annotationId: string,
    label: string | null,
  ): BriefingLinkEnd => {
    const entry = store.getArticle(articleId)
    return {
      relation,
      articleId,
      annotationId,
      articleTitle: entry?.title ?? null,
      articleTrashed: (entry?.trashedAt ?? null) !== null,
      label,
    }
  }
  const out = new Map<string, BriefingLinks>()
  for (const { article, annotations } of articles) {
    for (const annotation of annotations) {
      const outgoing: BriefingLinkEnd[] = []
      if (annotation.kind === 'claim') {
        for (const link of annotation.claim?.links ?? []) {
          const target = (await annotationsOf(link.articleId))?.find(
            (a) => a.id === link.annotationId,
          )
          outgoing.push(
            end(
              link.relation,
              link.articleId,
              link.annotationId,
              target ? annotationLabel(target) : null,
            ),
          )
        }
      }
      const incoming = (await index.incoming(article.id, annotation.id))
        .filter((l) => l.active)
        .map((l) => end(l.relation, l.from.articleId, l.from.annotationId, l.label))
      if (outgoing.length > 0 || incoming.length > 0) {
        out.set(`${article.id}\u0000${annotation.id}`, { outgoing, incoming })
      }
    }
  }
  return out
}
