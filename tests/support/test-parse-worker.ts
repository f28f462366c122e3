/**
 * An import worker for the tests of the main side's parser: the real
 * parsing, except that a file named `die.txt` kills the worker (as a crash
 * would) and one named `hang.txt` never finishes (as a pathological page
 * might), so recovery and Cancel can be tested; one named `grow.txt`
 * reports a heap total far past any limit, as after an outlier page.
 */
import { parentPort } from 'node:worker_threads'
import { parseArticleFile } from '../../src/main/import'
import type { ParseReply, ParseRequest } from '../../src/main/import/parse-protocol'

const port = parentPort
if (!port) throw new Error('must run in a worker thread')
port.on('message', (request: ParseRequest) => {
  if (request.name === 'die.txt') process.exit(3)
  if (request.name === 'hang.txt') for (;;) Math.random()
  const reply: ParseReply = {
    seq: request.seq,
    outcome: parseArticleFile(request.name, request.data, request.options),
    heapUsedBytes: process.memoryUsage().heapUsed,
    heapTotalBytes: request.name === 'grow.txt' ? 2 ** 40 : process.memoryUsage().heapTotal,
  }
  port.postMessage(reply)
})
