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
  /** One page of the ranked article groups; answered with `answer`. */
  | {
      readonly type: 'query'
      readonly seq: number
      readonly query: string
      readonly offset: number
      readonly limit: number
    }
  /** One page of one article's hits; answered with `hits`. */
  | {
      readonly type: 'hits'
      readonly seq: number
      readonly query: string
      readonly articleId: string
      readonly offset: number
      readonly limit: number
    }
  /** Every matching article's id, best first; answered with `matching`. */
  | { readonly type: 'matching'; readonly seq: number; readonly query: string }

/** The requests that are answered, each by the reply of its `seq`. */
export type SearchQuestion = Extract<SearchRequest, { readonly seq: number }>

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
  | {
      readonly type: 'hits'
      readonly seq: number
      readonly total: number
      readonly hits: readonly SearchHit[]
      readonly tookMs: number
      readonly counts: HostCounts
    }
  | {
      readonly type: 'matching'
      readonly seq: number
      readonly ids: readonly string[]
      readonly tookMs: number
      readonly counts: HostCounts
    }
  | { readonly type: 'failed'; readonly seq: number; readonly message: string }
  | { readonly type: 'log'; readonly message: string; readonly detail: string }

/** The replies that answer a question (everything but `indexed`, `failed` and `log`). */
export type SearchAnswer = Extract<SearchReply, { readonly type: 'answer' | 'hits' | 'matching' }>
