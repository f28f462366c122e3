/**
 * A search worker that dies once when asked `die:now`, as a crashing worker
 * would, and runs out of memory when asked `oom:now`: for the tests of the
 * library side's recovery. WORKBENCH_DIE_MARKER names a file that records
 * that it has died already.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { SearchHost } from '../../src/main/search/search-host'
import type { SearchRequest } from '../../src/main/search/search-protocol'

const port = parentPort
if (!port) throw new Error('must run in a worker thread')
const marker = process.env.WORKBENCH_DIE_MARKER ?? ''
const host = new SearchHost((reply) => port.postMessage(reply))
port.on('message', (request: SearchRequest) => {
  if (request.type === 'query' && request.query === 'die:now' && !existsSync(marker)) {
    writeFileSync(marker, 'died')
    process.exit(3)
  }
  if (request.type === 'query' && request.query === 'oom:now') {
    const hog: number[][] = []
    for (;;) hog.push(Array.from({ length: 100_000 }, Math.random))
  }
  host.receive(request)
})
