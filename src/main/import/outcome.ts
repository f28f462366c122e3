/**
 * The result types of the import module.
 *
 * Why: kept apart from `index.ts` so the format parsers can return them
 * without importing the module's entry point (which imports them).
 */
import type { ImportedArticle } from '../../shared/domain/article'
import type { ExtractorName } from '../../shared/import/extractors'

export interface ImportOptions {
  /** Largest input accepted, in bytes; default 5 MB. */
  readonly maxBytes?: number
  /**
   * Read web pages (HTML, web archives) with this extractor only; absent:
   * Readability, or defuddle when Readability's text looks wrong.
   */
  readonly extractor?: ExtractorName
}

/** Either the parsed article, or a reason the UI can show the analyst verbatim. */
export type ParseOutcome =
  | { readonly ok: true; readonly article: ImportedArticle }
  | { readonly ok: false; readonly reason: string }
