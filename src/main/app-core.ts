/**
 * The workbench without Electron: a library, its services, and dispatch.
 *
 * Why: Electron's main process, the command line and the tests all need the
 * same behaviour. This module opens the library, starts its search index and
 * claim-link index, and puts the handlers (`handlers.ts`) behind dispatch; `index.ts` only adds windows, menus and native dialogs, and the
 * end-to-end tests bridge a real browser straight to `dispatch`.
 */
import type { EventName } from '../shared/ipc/channels'
import type { EventPayloads } from '../shared/ipc/contract'
import { createHandlers, type Dialogs } from './handlers'
import { WorkerParser } from './import/article-parser'
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch'
import { linksFor } from './services/links'
import { fileProfileStore } from './services/profile'
import { LibrarySearch } from './search/library-search'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { prestartEngine, workerEngineFactory } from './search/search-engine'
import { SEARCH_INDEX_FILE } from './store/files'
import { LibraryStore } from './store/library-store'

export type { Dialogs } from './handlers'

export interface AppCoreOptions {
  readonly libraryDir: string
  readonly samplesDir: string
  readonly dialogs: Dialogs
  readonly trustedOrigins: readonly string[]
  readonly emit?: <E extends EventName>(event: E, payload: EventPayloads[E]) => void
  readonly now?: () => Date
  readonly log?: (message: string, error: unknown) => void
  /**
   * The built search worker script. The app passes it so that the index is
   * built and queried off the main thread; without it (tests, tools) the
   * index lives in this thread.
   */
  readonly searchWorkerPath?: string
  /**
   * The built import worker script. The app passes it so that imported files
   * are parsed off the main thread; without it (tests, tools) they are
   * parsed in this thread.
   */
  readonly parseWorkerPath?: string
  /** The analyst's profile file (`profile.json` in userData); held in memory when absent. */
  readonly profilePath?: string
}

export interface AppCore {
  readonly store: LibraryStore
  readonly dispatch: Dispatch
  readonly handlers: Handlers
  /** The library's search index (for `stats()` and waiting until it is built). */
  readonly search: LibrarySearch
  close(): Promise<void>
}

/** The app's own origin for the custom protocol. */
export const APP_ORIGIN = 'app://workbench'

/** Open the library and build the handlers for every channel. */
export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const now = options.now ?? (() => new Date())
  const workers = options.searchWorkerPath ? workerEngineFactory(options.searchWorkerPath) : null
  // With an index file already there, the search worker opens it while the library opens.
  // (Only then: a folder that turns out not to be a library must not get an index file.)
  const indexPath = join(options.libraryDir, SEARCH_INDEX_FILE)
  const early =
    workers && existsSync(indexPath)
      ? prestartEngine(workers, { type: 'open', path: indexPath })
      : null
  let store: LibraryStore
  try {
    store = await LibraryStore.open({ dir: options.libraryDir, now })
  } catch (error) {
    await early?.dispose()
    throw error
  }
  // Built in the background; follows every saved change through the store's change events.
  const search = new LibrarySearch(store, {
    ...(options.log ? { log: options.log } : {}),
    ...(workers ? { engine: early?.factory ?? workers } : {}),
    ...(early ? { indexPath } : {}),
  })
  search.start()
  // So that the first article opened does not wait for every claim's links to be read.
  void linksFor(store).start()

  const parser = options.parseWorkerPath ? new WorkerParser(options.parseWorkerPath) : null
  const handlers = createHandlers({
    store,
    now,
    search,
    ...(parser ? { parser } : {}),
    dialogs: options.dialogs,
    samplesDir: options.samplesDir,
    ...(options.profilePath ? { profiles: fileProfileStore(options.profilePath) } : {}),
    ...(options.emit ? { emit: options.emit } : {}),
  })

  const dispatchNow = createDispatch(handlers, {
    trustedOrigins: options.trustedOrigins,
    ...(options.log ? { log: options.log } : {}),
  })
  // Calls still running when the app quits: a note saved by the window as it closes must land.
  const inFlight = new Set<Promise<unknown>>()
  const dispatch: Dispatch = (channel, input, sender) => {
    const call = dispatchNow(channel, input, sender)
    inFlight.add(call)
    void call.finally(() => inFlight.delete(call))
    return call
  }
  const close = async (): Promise<void> => {
    await Promise.allSettled([...inFlight])
    await Promise.all([search.dispose(), linksFor(store).stop(), parser?.dispose()])
    await store.close()
  }
  return { store, dispatch, handlers, search, close }
}
