/**
 * Full-text search over a library: the index, its host (in a worker or in-process), its live
 * builder, and the slow reference.
 */
export { LibrarySearch, type LibrarySearchOptions, type SearchStats } from './library-search'
export { FtsIndex, MAX_HITS_PER_GROUP, type SearchOutcome, type RebuildReason } from './fts-index'
export { naiveSearch, compileQuery, documentMatches } from './match'
export {
  articleDocuments,
  articleDocument,
  annotationDocuments,
  type SearchDocument,
  type ArticleSearchState,
} from './documents'
export { SearchHost } from './search-host'
export {
  inProcessEngine,
  workerEngineFactory,
  type SearchEngine,
  type SearchEngineFactory,
} from './search-engine'
