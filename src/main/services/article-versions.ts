/**
 * New versions of an article: an outlet updated the story, and the analyst's
 * annotations must follow it.
 *
 * Why here: an update is the one change that moves every annotation of an
 * article at once, so it must be exact about each. The new text is stored
 * as a body of its own (every version is kept; bodies are content-addressed),
 * then one undoable command makes it current and re-anchors every
 * annotation on it:
 * - found with its own words unchanged: anchored, with fresh selectors on
 *   the new text (its context may have changed; that is not a change of the
 *   passage);
 * - found with different wording: drifted; it keeps the wording it was made
 *   on, so the reader shows old and new side by side and nothing is
 *   re-quoted until the analyst accepts the new wording;
 * - not found: orphaned, kept with its note, tags and claim, to re-attach
 *   or delete.
 * The report lists the drifted and orphaned ones for review.
 */
import { diffArrays } from 'diff'
import { anchorerFor, describeSpan, type AnchorResult } from '../../shared/anchoring'
import { sortInDocumentOrder, type AnnotationTarget } from '../../shared/domain/annotation'
import { articleText, type ArticleVersion, type Block } from '../../shared/domain/article'
import type { ArticleVersionView, UpdateReport } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import type { ImportOptions } from '../import'
import { inProcessParser, type ArticleParser } from '../import/article-parser'
import type { IndexEntry } from '../store/files'
import { withExtractionCheck } from '../import/extraction-check'
import { versionOf, type ImportFile } from './articles'
import { sliceYielder } from '../slices'
import { historyFor, type ServiceDeps } from './history'

export interface UpdateDeps extends ServiceDeps {
  readonly options?: ImportOptions
  /** Where the file is parsed; this thread when absent. */
  readonly parser?: ArticleParser
}

function short(title: string): string {
  return title.length > 60 ? `${title.slice(0, 57)}…` : title
}

/**
 * Make a file the article's new version and carry every annotation across.
 *
 * Refuses a file that cannot be read as an article, the article's current
 * text again, and another article's text.
 */
export async function updateArticleText(
  id: string,
  file: ImportFile,
  deps: UpdateDeps,
): Promise<UpdateReport> {
  const { store } = deps
  const entry = store.getArticle(id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
  const read = await readVersionFile(file, deps, deps.options)
  if (!read.ok) throw new WorkbenchError('invalid-input', `${file.name}: ${read.reason}`)
  return updateToVersion(entry, read.version, read.blocks, deps)
}

/** A file read as a candidate new version: the version (its extraction check included) and its text. */
export type VersionFileOutcome =
  | { readonly ok: true; readonly version: ArticleVersion; readonly blocks: readonly Block[] }
  | { readonly ok: false; readonly reason: string }

/**
 * Parse a file the way an import does (with `deps.parser`, in the worker
 * when there is one) into a version of an article, or the parser's reason.
 */
export async function readVersionFile(
  file: ImportFile,
  deps: UpdateDeps,
  options: ImportOptions | undefined,
): Promise<VersionFileOutcome> {
  const parsed = await (deps.parser ?? inProcessParser).parse(file.name, file.data, options)
  if (!parsed.ok) return parsed
  const article = withExtractionCheck(parsed.article, file)
  return {
    ok: true,
    version: versionOf(article, file.name, deps.now()),
    blocks: parsed.article.blocks,
  }
}

/** Make `blocks` (described by `version`) the article's current text; see `updateArticleText`. */
export async function updateToVersion(
  entry: IndexEntry,
  version: ArticleVersion,
  blocks: readonly Block[],
  deps: ServiceDeps,
): Promise<UpdateReport> {
  const { store } = deps
  const id = entry.id
  if (version.contentHash === entry.contentHash) {
    throw new WorkbenchError('duplicate', `This is already the current text of "${entry.title}"`)
  }
  await store.addVersionBody(id, version, blocks)
  const text = articleText(blocks)
  const hash = version.contentHash
  // Matching is the slow part: done before the command, a slice per turn of the
  // event loop, so the window stays responsive; the command only uses the
  // results for targets that are still the ones matched.
  const { annotations } = await store.readArticle(id)
  const anchor = anchorerFor(text, hash)
  const found = await anchorInSlices(
    anchor,
    annotations.map((a) => a.target),
  )
  const report = await historyFor(store).run(() => ({
    label: `Update "${short(entry.title)}" to a new version`,
    articleIds: [id],
    apply: (workspace) => {
      const draft = workspace.article(id)
      const anchors = draft.annotations.map(
        (a) => found.get(JSON.stringify(a.target)) ?? anchor(a.target),
      )
      const drifted: { id: string; at: number }[] = []
      const orphaned: { id: string; at: number }[] = []
      let anchored = 0
      draft.annotations.forEach((annotation, i) => {
        const anchor = anchors[i]!
        if (anchor.status === 'orphaned' || anchor.start === null || anchor.end === null) {
          orphaned.push({ id: annotation.id, at: annotation.target.position.start })
          return
        }
        if (
          anchor.status === 'anchored' &&
          text.slice(anchor.start, anchor.end) === annotation.target.quote.exact
        ) {
          anchored++
          annotation.target = describeSpan(text, anchor.start, anchor.end, hash)
          return
        }
        // Found with other wording: keep the words it was made on (and their
        // version's hash), so that it stays drifted until the analyst accepts.
        drifted.push({ id: annotation.id, at: anchor.start })
        annotation.target = {
          ...annotation.target,
          position: { type: 'TextPositionSelector', start: anchor.start, end: anchor.end },
        }
      })
      draft.versions = [...draft.versions, version]
      // A new text is checked afresh: a mark the analyst cleared on the old one does not carry over.
      draft.importChecked = false
      const inOrder = (list: { id: string; at: number }[]) =>
        sortInDocumentOrder(list, (r) => r.at).map((r) => r.id)
      return {
        id,
        versionCount: 1 + draft.versions.length,
        anchored,
        drifted: drifted.length,
        orphaned: orphaned.length,
        review: [...inOrder(drifted), ...inOrder(orphaned)],
      }
    },
  }))
  return report
}

/**
 * Anchor targets one after another, giving the event loop a turn whenever a
 * slice is used up; results keyed by the target's JSON.
 */
async function anchorInSlices(
  anchor: (target: AnnotationTarget) => AnchorResult,
  targets: readonly AnnotationTarget[],
): Promise<Map<string, AnchorResult>> {
  const results = new Map<string, AnchorResult>()
  const yieldSometimes = sliceYielder()
  for (const target of targets) {
    await yieldSometimes()
    results.set(JSON.stringify(target), anchor(target))
  }
  return results
}

/**
 * One version of an article's text, with the blocks that differ from the
 * current version marked, for the reader's "previous version" view.
 */
export async function articleVersion(
  id: string,
  contentHash: string,
  deps: Pick<ServiceDeps, 'store'>,
): Promise<ArticleVersionView> {
  const { store } = deps
  const entry = store.getArticle(id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
  const file = await store.readArticle(id)
  const versions = [entry.original, ...file.versions]
  const index = versions.map((v) => v.contentHash).lastIndexOf(contentHash)
  if (index < 0) throw new WorkbenchError('not-found', `"${entry.title}" has no such version`)
  const blocks = await store.readVersionBody(entry, contentHash)
  const current = index === versions.length - 1
  const currentBlocks = current ? blocks : await store.readBody(entry)
  const changed: number[] = []
  let added = 0
  if (!current) {
    let at = 0
    for (const part of diffArrays(
      blocks.map((b) => b.text),
      currentBlocks.map((b) => b.text),
    )) {
      if (part.removed) for (let k = 0; k < part.count; k++) changed.push(at + k)
      if (part.added) added += part.count
      else at += part.count
    }
  }
  return {
    id,
    version: versions[index]!,
    number: index + 1,
    current,
    blocks,
    changed,
    added,
    versions,
  }
}
