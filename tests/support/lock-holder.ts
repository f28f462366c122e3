/**
 * A process that holds a library open, for the lock tests.
 *
 * It opens the library for writing, prints `ready <pid>`, then on each line
 * of stdin: `save <note>` saves a note on the first article and prints
 * `saved`; `close` closes the library and exits. It never exits on its own,
 * so a test can stop (SIGSTOP) or kill it and look at the lock.
 */
import { createInterface } from 'node:readline'
import { LibraryStore } from '../../src/main/store/library-store'

const [dir] = process.argv.slice(2)

async function run(): Promise<void> {
  if (!dir) throw new Error('usage: lock-holder <library>')
  const store = await LibraryStore.open({ dir })
  process.stdout.write(`ready ${process.pid}\n`)
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, ...rest] = line.split(' ')
    if (command === 'save') {
      const first = store.listArticles()[0]
      try {
        if (first) await store.mutateArticle(first.id, (d) => void (d.note = rest.join(' ')))
        process.stdout.write('saved\n')
      } catch (error) {
        process.stdout.write(`refused ${(error as Error).message.replace(/\n/g, ' ')}\n`)
      }
    } else if (command === 'close') {
      await store.close()
      process.stdout.write('closed\n')
      process.exit(0)
    }
  }
}

run().catch((error: unknown) => {
  process.stderr.write(`lock-holder failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exit(3)
})
