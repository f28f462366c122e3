/**
 * Entry point of the import worker thread: parses article files (decoding,
 * extraction, clean-up) off the main thread.
 *
 * Why a separate entry: electron-vite builds it as its own file next to the
 * main bundle (`out/main/parse-worker.js`), and the main process starts it
 * with `new Worker(path)`; see `article-parser.ts`. A saved page can take a
 * second or more to parse; here that second costs the window nothing.
 */
import { getHeapSpaceStatistics } from 'node:v8'
import { parentPort, resourceLimits } from 'node:worker_threads'
import { readArticleFile } from './index'
import type { MemoryReply, ParseReply, WorkerHeap, WorkerRequest } from './parse-protocol'

/** This thread's heap (in a worker, `process.memoryUsage()` reports the worker's own isolate). */
function heap(): WorkerHeap {
  const usage = process.memoryUsage()
  return { heapUsedBytes: usage.heapUsed, heapTotalBytes: usage.heapTotal }
}

const port = parentPort
if (!port) throw new Error('parse-worker must run in a worker thread')
port.on('message', (request: WorkerRequest) => {
  if ('kind' in request) {
    // `gc` exists in every thread when the process was started with --expose-gc (V8 flags are per process).
    const gc = (globalThis as { gc?: () => void }).gc
    const collect = request.gc && typeof gc === 'function'
    if (collect) gc()
    const reply: MemoryReply = {
      seq: request.seq,
      kind: 'memory',
      collected: collect,
      ...heap(),
      threadCpuMicros: threadCpuMicros(),
      processRssBytes: process.memoryUsage.rss(),
      codeBytes: codeBytes(),
      youngGenerationMb: resourceLimits.maxYoungGenerationSizeMb ?? null,
      maxHeapMb: resourceLimits.maxOldGenerationSizeMb ?? null,
    }
    port.postMessage(reply)
    return
  }
  // Asynchronous only for Word documents (mammoth); readArticleFile never rejects.
  void readArticleFile(request.name, request.data, request.options).then((outcome) => {
    const reply: ParseReply = { seq: request.seq, outcome, ...heap() }
    port.postMessage(reply)
  })
})

/** Heap used by compiled code and bytecode (`code_space`, `trusted_space` and their large-object spaces). */
function codeBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => /code|trusted/.test(space.space_name))
    .reduce((sum, space) => sum + space.space_used_size, 0)
}

/** CPU used by this thread alone (Node 23.9+), or null where Node cannot tell. */
function threadCpuMicros(): number | null {
  if (typeof process.threadCpuUsage !== 'function') return null
  const { user, system } = process.threadCpuUsage()
  return user + system
}
