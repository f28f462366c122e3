/**
 * Correcting an article whose extracted text came out wrong: read the page
 * again with the other extractor, or take the text the analyst pasted.
 *
 * Why a module of its own: both are ways out of "check this import", and
 * both must behave exactly like an update from a new file (see
 * `updateToVersion`): the new text becomes a new version, the old one is
 * kept, every annotation is re-anchored, and the whole change is one undo
 * step. What differs is only where the text comes from, which is decided
 * here. The original page bytes are not kept in the library, so
 * re-extraction needs the file again.
 */
import { isWebPageFileName, WEB_PAGE_EXTENSIONS } from '../../shared/import/article-file-types'
import {
  EXTRACTOR_LABELS,
  otherExtractor,
  type ExtractorName,
} from '../../shared/import/extractors'
import type { ReextractReport, UpdateReport } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import { parsePastedText } from '../import'
import { withExtractionCheck } from '../import/extraction-check'
import { versionOf, type ImportFile } from './articles'
import { readVersionFile, updateToVersion, type UpdateDeps } from './article-versions'

/** The name a pasted text is checked under; a pasted version has no file name. */
const PASTED_NAME = 'pasted text'

/**
 * Read a saved copy of the article's page with one extractor (the other one
 * than the current version's when `extractor` is absent) and make its text
 * the article's new version.
 *
 * Refuses a file that is not a web page and a page the extractor cannot
 * read; when the extractor finds the current text again, nothing changes
 * and the report says so.
 */
export async function reextractArticle(
  id: string,
  file: ImportFile,
  extractor: ExtractorName | undefined,
  deps: UpdateDeps,
): Promise<ReextractReport> {
  const entry = deps.store.getArticle(id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
  if (!isWebPageFileName(file.name)) {
    throw new WorkbenchError(
      'invalid-input',
      `${file.name} is not a web page: only ${WEB_PAGE_EXTENSIONS.join(', ')} files are read by an extractor`,
    )
  }
  const chosen = extractor ?? otherExtractor(entry.extractor)
  const label = EXTRACTOR_LABELS[chosen]
  const read = await readVersionFile(file, deps, { ...deps.options, extractor: chosen })
  if (!read.ok) {
    throw new WorkbenchError(
      'invalid-input',
      `${label} could not read ${file.name}: ${read.reason}`,
    )
  }
  // The extractor that was asked for read it, whatever the parser reports for a forced choice.
  const version = { ...read.version, extractor: chosen }
  // The same text again is an answer, not a failure: the analyst learns the other extractor agrees.
  if (version.contentHash === entry.contentHash) return { extractor: chosen, update: null }
  const update = await updateToVersion(entry, version, read.blocks, deps)
  return { extractor: chosen, update }
}

/**
 * Make a pasted text the article's new version (the analyst copied the
 * story from the outlet's page by hand).
 *
 * The text is read by the same rules as a pasted new article (plain text,
 * or a page's source when it starts like one); refuses an empty or too
 * large text and the current text again.
 */
export async function pasteArticleText(
  id: string,
  text: string,
  deps: UpdateDeps,
): Promise<UpdateReport> {
  const entry = deps.store.getArticle(id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
  const parsed = parsePastedText(text, deps.options)
  if (!parsed.ok)
    throw new WorkbenchError('invalid-input', `Cannot use the pasted text: ${parsed.reason}`)
  const checked = withExtractionCheck(parsed.article, {
    name: PASTED_NAME,
    data: new TextEncoder().encode(text),
  })
  // Pasted by hand: no extractor read it.
  const { extractor: _none, ...article } = checked
  const version = versionOf(article, null, deps.now())
  if (version.contentHash === entry.contentHash) {
    throw new WorkbenchError('duplicate', `The pasted text is already the text of "${entry.title}"`)
  }
  return updateToVersion(entry, version, parsed.article.blocks, deps)
}
