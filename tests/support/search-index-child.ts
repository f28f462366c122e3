/**
 * A process that writes to an on-disk search index as fast as it can, for
 * the kill test: each article is replaced again and again with a new
 * generation of documents, and each commit is printed (`committed <id> <n>`)
 * only after `replaceArticle` returned.
 */
import { FtsIndex } from '../../src/main/search/fts-index'
import { articleDocuments } from '../../src/main/search/documents'
import { describeSpan } from '../../src/shared/anchoring'
import type { Annotation } from '../../src/shared/domain/annotation'

const [path] = process.argv.slice(2)
if (!path) throw new Error('usage: search-index-child <index path>')
const index = new FtsIndex(path)
const ARTICLES = 6

/** Generation `n` of article `a`: `n % 5 + 1` highlights, each with the word `gen<n>`. */
export function generation(a: number, n: number) {
  const id = `art-${a}`
  const sentences = Array.from({ length: (n % 5) + 1 }, (_, i) => `Sentence ${i} of gen${n} here.`)
  const text = sentences.join(' ')
  let at = 0
  const annotations: Annotation[] = sentences.map((s, i) => {
    const start = text.indexOf(s, at)
    at = start + s.length
    return {
      id: `ann-${i}`,
      articleId: id,
      target: describeSpan(text, start, start + s.length, `hash-${n}`),
      kind: 'highlight',
      tags: [],
      note: '',
      claim: null,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    }
  })
  const entry = { id, title: `Article ${a}`, source: null, contentHash: `hash-${n}` }
  const blocks = [{ type: 'paragraph' as const, text }]
  return {
    entry,
    docs: articleDocuments(entry, blocks, { status: 'unread', tags: [], note: '', annotations }),
  }
}

let n = 0
for (;;) {
  n++
  const a = n % ARTICLES
  const { entry, docs } = generation(a, n)
  index.replaceArticle(entry, `gen-${n}`, docs)
  process.stdout.write(`committed ${entry.id} ${n}\n`)
  if (n % 7 === 0) {
    index.removeArticle(`art-${(a + 3) % ARTICLES}`)
    process.stdout.write(`removed art-${(a + 3) % ARTICLES} ${n}\n`)
  }
}
