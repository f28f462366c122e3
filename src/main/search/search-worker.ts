/**
 * Entry point of the search worker thread: a search host on the worker's
 * message port.
 *
 * Why a separate entry: electron-vite builds it as its own file next to the
 * main bundle (`out/main/search-worker.js`), and the main process starts it
 * with `new Worker(path)`; see `search-engine.ts`.
 */
import { parentPort } from 'node:worker_threads'
import { SearchHost } from './search-host'
import type { SearchRequest } from './search-protocol'

const port = parentPort
if (!port) throw new Error('search-worker must run in a worker thread')
const host = new SearchHost((reply) => port.postMessage(reply))
port.on('message', (request: SearchRequest) => host.receive(request))
