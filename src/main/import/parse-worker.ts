/**
 * Entry point of the import worker thread: parses article files (decoding,
 * extraction, clean-up) off the main thread.
 *
 * Why a separate entry: electron-vite builds it as its own file next to the
 * main bundle (`out/main/parse-worker.js`), and the main process starts it
 * with `new Worker(path)`; see `article-parser.ts`. A saved page can take a
 * second or more to parse; here that second costs the window nothing.
 */
import { parentPort } from 'node:worker_threads'
import { readArticleFile } from './index'
import type { ParseReply, ParseRequest } from './parse-protocol'

const port = parentPort
if (!port) throw new Error('parse-worker must run in a worker thread')
port.on('message', (request: ParseRequest) => {
  // Asynchronous only for Word documents (mammoth); readArticleFile never rejects.
  void readArticleFile(request.name, request.data, request.options).then((outcome) => {
    const reply: ParseReply = {
      seq: request.seq,
      outcome,
      heapUsedBytes: process.memoryUsage().heapUsed,
    }
    port.postMessage(reply)
  })
})
