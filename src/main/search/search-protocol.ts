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
import type { SearchOutcome } from './search-index'
import type { ArticleSearchSource, ArticleSearchState } from './documents'

/** An article read from disk, to be indexed. */
export interface IndexJob {
  readonly entry: ArticleSearchSource
  readonly text: string
  readonly state: ArticleSearchState
}

export type SearchRequest =
  /** A newly read article; the host acknowledges it with `indexed` once it is searchable. */
  | { readonly type: 'index'; readonly job: IndexJob }
  /** A saved change to an article the host has been or is being sent. */
  | {
      readonly type: 'change'
      readonly entry: ArticleSearchSource
      readonly state: ArticleSearchState
    }
  /** Articles deleted from the library. */
  | { readonly type: 'remove'; readonly ids: readonly string[] }
  | {
      readonly type: 'query'
      readonly seq: number
      readonly query: string
      readonly limit: number
    }

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
}

export type SearchReply =
  | { readonly type: 'indexed'; readonly id: string; readonly counts: HostCounts }
  | {
      readonly type: 'answer'
      readonly seq: number
      readonly outcome: SearchOutcome
      /** Time the host spent on the query itself, without the messages. */
      readonly tookMs: number
      readonly counts: HostCounts
    }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string }
  | { readonly type: 'log'; readonly message: string; readonly detail: string }
