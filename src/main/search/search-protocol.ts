/**
 * The messages between the library (main thread) and the search host.
 *
 * Why messages, even in-process: the index lives in a worker thread in the
 * app, so that building it (a minute and about a gigabyte of heap at 10,000
 * articles, with garbage collection to match) never stalls the window. The
 * command line and the tests run the same host in-process. Both speak this
 * protocol, so the code under test is the code the app runs. Every message
 * is structured-clone safe.
 */
import type { SearchHit } from '../../shared/search/types'
import type { FoundAnnotation, RebuildReason, SearchOutcome } from './fts-index'
import type { ArticleSearchSource, ArticleSearchState } from './documents'

/** An article read from disk, to be indexed. */
export interface IndexJob {
  readonly entry: ArticleSearchSource
  readonly text: string
  readonly state: ArticleSearchState
  /** What the article's files looked like when read (see `searchStamp`); kept with its documents. */
  readonly stamp: string
}

export type SearchRequest =
  /**
   * The first request: open the index kept at `path` (null: keep it in memory only). The host
   * answers `opened` with what that index already holds.
   */
  | { readonly type: 'open'; readonly path: string | null }
  /** A newly read article; the host acknowledges it with `indexed` once it is searchable. */
  | { readonly type: 'index'; readonly job: IndexJob }
  /** A saved change to an article the host has been or is being sent. */
  | {
      readonly type: 'change'
      readonly entry: ArticleSearchSource
      readonly state: ArticleSearchState
      readonly stamp: string
    }
  /** Articles deleted from the library. */
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  /** A page of the ranked articles matching a query. */
  | {
      readonly type: 'query'
      readonly seq: number
      readonly query: string
      readonly offset: number
      readonly limit: number
    }
  /** A page of one article's matching documents. */
  | {
      readonly type: 'hits'
      readonly seq: number
      readonly query: string
      readonly articleId: string
      readonly offset: number
      readonly limit: number
    }
  /** Every matching article's id, best first. */
  | { readonly type: 'matches'; readonly seq: number; readonly query: string }
  /** Annotations for the claim-link picker (see `FtsIndex.findAnnotations`). */
  | {
      readonly type: 'find'
      readonly seq: number
      readonly words: readonly string[]
      readonly kind: 'highlight' | 'claim' | null
      readonly limit: number
    }

/** The requests that are answered, by seq. */
export type SearchQuestion = Extract<SearchRequest, { seq: number }>

/** One article's matching documents, a page of them. */
export interface ArticleHits {
  readonly total: number
  readonly hits: readonly SearchHit[]
}

/** What each question is answered with. */
export type AnswerOf<Q extends SearchQuestion> = Q extends { type: 'query' }
  ? SearchOutcome
  : Q extends { type: 'hits' }
    ? ArticleHits
    : Q extends { type: 'find' }
      ? readonly FoundAnnotation[]
      : readonly string[]

/** What the host has indexed; sent with every reply. */
export interface HostCounts {
  readonly articles: number
  readonly documents: number
  /** The longest the host held its own thread in one stretch. */
  readonly longestStallMs: number
  /** The host's thread: 0 for the main thread, else the worker's `threadId`. */
  readonly threadId: number
  /** The heap used in the host's thread (a worker has a heap of its own). */
  readonly heapUsedBytes: number
  /** The index file's size on disk with its write-ahead log; 0 in memory. */
  readonly indexBytes: number
}

export type SearchReply =
  | {
      readonly type: 'opened'
      /** Each article the index holds, with the stamp it was indexed at. */
      readonly stamps: readonly (readonly [string, string])[]
      /** Why the file was found unusable and started again; null when it was used as it was. */
      readonly rebuilt: RebuildReason | null
      /** Where the index lives: the file, or null when it is kept in memory (the file could not be used). */
      readonly path: string | null
      readonly counts: HostCounts
    }
  /** The index was found damaged while in use and was started again, empty: send everything again. */
  | { readonly type: 'reset'; readonly message: string }
  | { readonly type: 'indexed'; readonly id: string; readonly counts: HostCounts }
  | {
      readonly type: 'answer'
      readonly seq: number
      readonly outcome: SearchOutcome | ArticleHits | readonly string[] | readonly FoundAnnotation[]
      /** Time the host spent on the query itself, without the messages. */
      readonly tookMs: number
      readonly counts: HostCounts
    }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string }
  | { readonly type: 'log'; readonly message: string; readonly detail: string }
