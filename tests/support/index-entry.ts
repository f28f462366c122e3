/**
 * Index entries for tests that build a library without importing files.
 *
 * Why: an entry has derived fields (versions, edits, trash) that must agree
 * with each other; building it through the store's own `newIndexEntry` keeps
 * tests from spelling out (and getting wrong) the shape of the day.
 */
import { newIndexEntry } from '../../src/main/store/derived'
import type { IndexEntry } from '../../src/main/store/files'
import type { ArticleVersion } from '../../src/shared/domain/article'

/** An index entry with the given metadata; anything not named takes a plain default. */
export function testEntry(
  fields: Partial<ArticleVersion> & { id: string; contentHash: string; importedAt?: string },
  overrides: Partial<IndexEntry> = {},
): IndexEntry {
  const original: ArticleVersion = {
    addedAt: fields.importedAt ?? fields.addedAt ?? '2026-11-01T00:00:00.000Z',
    fileName: null,
    title: `Article ${fields.id}`,
    titleDerived: false,
    source: null,
    byline: null,
    publishedAt: null,
    url: null,
    language: null,
    citations: [],
    wordCount: 3,
    ...withoutIdentity(fields),
    contentHash: fields.contentHash,
  }
  return { ...newIndexEntry(fields.id, original), ...overrides }
}

function withoutIdentity(
  fields: Partial<ArticleVersion> & { id: string; importedAt?: string },
): Partial<ArticleVersion> {
  const { id: _id, importedAt: _importedAt, ...version } = fields
  return version
}
