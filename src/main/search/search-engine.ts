/**
 * Where the search host runs: in a worker thread (the app) or in this
 * thread (the command line, which has no window to keep responsive, and
 * tests that want to look inside the index).
 *
 * Why a seam here rather than inside `LibrarySearch`: the library side
 * (reading articles, following saves, waiting for the build) is the same
 * whichever thread indexes, so it is written once against this interface.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'
import { SearchHost } from './search-host'
import type { SearchReply, SearchRequest } from './search-protocol'

export interface SearchEngine {
  /** Send one request; replies arrive through `onReply`, in order. */
  post(request: SearchRequest): void
  /** Stop the host and free what it holds. */
  dispose(): Promise<void>
}

export interface SearchEngineEvents {
  readonly onReply: (reply: SearchReply) => void
  /** The host died (a crash or out of memory in the worker); no more replies will come. */
  readonly onFailure: (error: Error) => void
}

/** Makes a fresh engine; called again to restart after a failure. */
export type SearchEngineFactory = (events: SearchEngineEvents) => SearchEngine

/** An engine whose host runs in this thread (replies are still asynchronous, as from a worker). */
export function inProcessEngine(events: SearchEngineEvents): SearchEngine & { host: SearchHost } {
  let disposed = false
  const host = new SearchHost((reply) => {
    queueMicrotask(() => {
      if (!disposed) events.onReply(reply)
    })
  })
  return {
    host,
    post(request) {
      // A worker gets a copy, so the in-process host must not share objects with the caller either.
      if (!disposed) host.receive(structuredClone(request))
    },
    async dispose() {
      disposed = true
      host.dispose()
    },
  }
}

/** A factory for engines whose host runs in a worker thread started from `scriptPath`. */
export function workerEngineFactory(
  scriptPath: string,
  limits: ResourceLimits = {},
): SearchEngineFactory {
  return (events) => {
    const worker = new Worker(scriptPath, {
      // Room for the build's short-lived allocations (folded words, anchoring) between scavenges.
      resourceLimits: { maxYoungGenerationSizeMb: 64, ...limits },
    })
    let stopping = false
    let failed = false
    const fail = (error: Error): void => {
      if (stopping || failed) return
      failed = true
      events.onFailure(error)
    }
    worker.on('message', (reply: SearchReply) => {
      if (!stopping && !failed) events.onReply(reply)
    })
    worker.on('error', fail)
    worker.on('messageerror', fail)
    worker.on('exit', (code) => fail(new Error(`the search worker exited with code ${code}`)))
    // Not unref()'d: a caller awaiting the build or an answer must keep the process alive; dispose() ends it.
    return {
      post(request) {
        if (!stopping && !failed) worker.postMessage(request)
      },
      async dispose() {
        stopping = true
        await worker.terminate()
      },
    }
  }
}

/** An engine started ahead of its library, and how to stop it if the library never opens. */
export interface PrestartedEngine {
  /** Hands the started engine to the first caller; later calls (restarts) start new ones. */
  readonly factory: SearchEngineFactory
  /** Stop the engine if no one took it. */
  dispose(): Promise<void>
}

/**
 * Start an engine now and send it its first request (`open`), before the
 * library it will serve has finished opening.
 *
 * Why: opening a large library (reading and checking its index of 10,000
 * entries) and starting the search worker (loading its code, opening the
 * index file, reading every article's stamp) each take a few hundred
 * milliseconds; one after the other they made search ready a second after
 * the library was. Replies that arrive before the library side takes the
 * engine are kept and handed over in order, and the library side's own
 * `open` (the same request) is not sent twice.
 */
export function prestartEngine(
  factory: SearchEngineFactory,
  open: SearchRequest,
): PrestartedEngine {
  let events: SearchEngineEvents | null = null
  let kept: SearchReply[] = []
  let failure: Error | null = null
  const engine = factory({
    onReply: (reply) => (events ? events.onReply(reply) : void kept.push(reply)),
    onFailure: (error) => (events ? events.onFailure(error) : void (failure = error)),
  })
  engine.post(open)
  let taken = false
  let openSkipped = false
  const same = JSON.stringify(open)
  return {
    factory: (given) => {
      if (taken) return factory(given)
      taken = true
      queueMicrotask(() => {
        events = given
        const replies = kept
        kept = []
        for (const reply of replies) given.onReply(reply)
        if (failure) given.onFailure(failure)
      })
      return {
        post(request) {
          if (!openSkipped && JSON.stringify(request) === same) {
            openSkipped = true
            return
          }
          engine.post(request)
        },
        dispose: () => engine.dispose(),
      }
    },
    async dispose() {
      if (!taken) await engine.dispose()
    },
  }
}
