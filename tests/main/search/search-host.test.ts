/**
 * The search host on its own: jobs, changes, removals and queries in the
 * orders the library side can send them.
 */
import { describe, expect, it } from 'vitest'
import { describeSpan } from '../../../src/shared/anchoring'
import type { Annotation } from '../../../src/shared/domain/annotation'
import { SearchHost } from '../../../src/main/search/search-host'
import { FtsIndex, IndexDamagedError, type SearchOutcome } from '../../../src/main/search/fts-index'
import type { ArticleHits, IndexJob, SearchReply } from '../../../src/main/search/search-protocol'
import { ARTICLES, indexJobOf } from './fixtures'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

function startHost() {
  const replies: SearchReply[] = []
  const host = new SearchHost((reply) => replies.push(reply))
  host.receive({ type: 'open', path: null })
  let seq = 0
  const ask = (query: string, limit = 50): SearchOutcome => {
    const mine = ++seq
    host.receive({ type: 'query', seq: mine, query, offset: 0, limit })
    const reply = replies.find((r) => r.type === 'answer' && r.seq === mine)
    if (reply?.type !== 'answer') throw new Error(`no answer to ${query}`)
    return reply.outcome as SearchOutcome
  }
  const indexed = () => replies.flatMap((r) => (r.type === 'indexed' ? [r.id] : []))
  const settle = async (count: number) => {
    for (let i = 0; i < 10_000 && indexed().length < count; i++) await turn()
  }
  return { host, replies, ask, indexed, settle }
}

const [GRAIN, STEEL, RU] = ARTICLES.map(indexJobOf) as [IndexJob, IndexJob, IndexJob]

/** An article with many highlights, so that indexing it takes several slices. */
function bigJob(count: number): IndexJob {
  const sentences = Array.from({ length: count }, (_, i) => `Convoy ${i} crossed the bridge.`)
  const text = sentences.join(' ')
  const contentHash = 'hash-big'
  let at = 0
  const annotations: Annotation[] = sentences.map((sentence, i) => {
    const start = text.indexOf(sentence, at)
    at = start + sentence.length
    return {
      id: `ann-big-${i}`,
      articleId: 'art-big',
      target: describeSpan(text, start, start + sentence.length, contentHash),
      kind: 'highlight',
      tags: ['topic/convoys'],
      note: i === count - 1 ? 'the last convoy' : '',
      claim: null,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    }
  })
  return {
    entry: { id: 'art-big', title: 'Convoys', source: null, contentHash },
    text,
    state: { status: 'unread', tags: [], note: '', annotations },
    stamp: 'stamp-big',
  }
}

describe('SearchHost', () => {
  it('acknowledges each job in order once it is searchable, and counts what it holds', async () => {
    const { host, indexed, settle, ask, replies } = startHost()
    host.receive({ type: 'index', job: GRAIN })
    host.receive({ type: 'index', job: RU })
    expect(indexed()).toEqual([])
    await settle(2)
    expect(indexed()).toEqual(['art-grain', 'art-ru'])
    expect(ask('corridor').groups.map((g) => g.articleId)).toEqual(['art-grain'])
    expect(ask('елка').groups.map((g) => g.articleId)).toEqual(['art-ru'])
    const last = replies.at(-1)
    // Two articles: 2 article documents + 3 + 2 annotations.
    expect(last?.type === 'answer' && last.counts).toMatchObject({ articles: 2, documents: 7 })
  })

  it("answers a page of groups, one article's hits and the matching ids, each by its seq", async () => {
    const { host, replies, settle } = startHost()
    host.receive({ type: 'index', job: bigJob(30) })
    host.receive({ type: 'index', job: STEEL })
    host.receive({ type: 'index', job: GRAIN })
    await settle(3)
    host.receive({ type: 'query', seq: 101, query: 'the', offset: 1, limit: 1 })
    host.receive({
      type: 'hits',
      seq: 102,
      query: 'convoy',
      articleId: 'art-big',
      offset: 10,
      limit: 5,
    })
    host.receive({ type: 'matches', seq: 103, query: 'the' })
    const by = (seq: number) => {
      const reply = replies.find((r) => r.type === 'answer' && r.seq === seq)
      if (reply?.type !== 'answer') throw new Error(`no answer to ${seq}`)
      return reply.outcome
    }
    const ids = by(103) as readonly string[]
    expect(ids.length).toBeGreaterThan(1)
    const page = by(101) as SearchOutcome
    expect(page.total).toBe(ids.length)
    expect(page.groups.map((g) => g.articleId)).toEqual([ids[1]])
    const hits = by(102) as ArticleHits
    expect(hits.total).toBe(31)
    expect(hits.hits.map((h) => h.annotationId)).toEqual(
      [9, 10, 11, 12, 13].map((i) => `ann-big-${i}`),
    )
  })

  it('answers a query during the build at once, from the articles indexed so far (each whole)', async () => {
    const { host, ask, settle, indexed } = startHost()
    host.receive({ type: 'index', job: STEEL })
    host.receive({ type: 'index', job: bigJob(100) })
    await settle(1)
    // The big article is anchored a slice at a time and written in one transaction: while its
    // slices are anchored, a query is answered (synchronously) and sees none of it.
    await turn()
    expect(indexed()).toEqual(['art-steel'])
    expect(ask('kind:highlight tag:topic/convoys').total).toBe(0)
    expect(ask('quotas').total).toBe(1)
    await settle(2)
    expect(ask('kind:highlight tag:topic/convoys').groups[0]!.hitCount).toBe(100)
    expect(ask('quotas').total).toBe(1)
  })

  it('uses a change that arrived before the job instead of the state the job carries', async () => {
    const { host, ask, settle } = startHost()
    host.receive({
      type: 'change',
      stamp: 'changed',
      entry: STEEL.entry,
      state: { ...STEEL.state, note: 'Ask the Brussels desk', annotations: [] },
    })
    host.receive({ type: 'index', job: STEEL })
    await settle(1)
    expect(ask('brussels').total).toBe(1)
    expect(ask('kind:claim').total).toBe(0)
  })

  it('applies a change that arrives while an article is being indexed, after it', async () => {
    const { host, ask, settle } = startHost()
    const big = bigJob(64)
    host.receive({ type: 'index', job: big })
    await turn()
    host.receive({
      type: 'change',
      stamp: 'changed',
      entry: big.entry,
      state: { ...big.state, annotations: big.state.annotations.slice(0, 3) },
    })
    await settle(1)
    expect(ask('tag:topic/convoys').groups[0]!.hitCount).toBe(3)
    expect(ask('"last convoy"').total).toBe(0)
  })

  it('re-indexes an indexed article from a change, before the next query', async () => {
    const { host, ask, settle } = startHost()
    host.receive({ type: 'index', job: GRAIN })
    await settle(1)
    expect(ask('tag:topic/shipping').groups[0]!.hitCount).toBe(2)
    host.receive({
      type: 'change',
      stamp: 'changed',
      entry: GRAIN.entry,
      state: {
        ...GRAIN.state,
        annotations: GRAIN.state.annotations.map((a) => ({ ...a, tags: [] })),
      },
    })
    expect(ask('tag:topic/shipping').total).toBe(0)
  })

  it('drops an article removed while it is queued or being indexed, and still acknowledges it', async () => {
    const { host, ask, settle, indexed } = startHost()
    host.receive({ type: 'index', job: bigJob(80) })
    host.receive({ type: 'index', job: GRAIN })
    await turn()
    host.receive({ type: 'remove', ids: ['art-big', 'art-grain'] })
    await settle(2)
    expect(indexed()).toEqual(['art-big', 'art-grain'])
    expect(ask('convoy').total).toBe(0)
    expect(ask('corridor').total).toBe(0)
    // Sent again (imported again, or after a restart), it is indexed.
    host.receive({ type: 'index', job: GRAIN })
    await settle(3)
    expect(ask('corridor').total).toBe(1)
  })

  it('stops working on dispose', async () => {
    const { host, settle, indexed } = startHost()
    host.receive({ type: 'index', job: GRAIN })
    host.dispose()
    host.receive({ type: 'index', job: STEEL })
    await settle(1)
    expect(indexed()).toEqual([])
  })

  it('starts the index again when it finds it damaged in use, answers anyway, and asks for everything', async () => {
    const { host, replies, ask, settle } = startHost()
    host.receive({ type: 'index', job: GRAIN })
    await settle(1)
    expect(ask('corridor').total).toBe(1)
    const index = (host as unknown as { index: FtsIndex }).index
    index.search = () => {
      throw new IndexDamagedError('database disk image is malformed')
    }
    // The query that met the damage is answered from the new, empty index, not failed.
    expect(ask('corridor').total).toBe(0)
    expect(replies.some((r) => r.type === 'reset')).toBe(true)
    expect(replies.some((r) => r.type === 'failed')).toBe(false)
    // What the library then sends again is indexed as usual.
    host.receive({ type: 'index', job: GRAIN })
    await settle(2)
    expect(ask('corridor').total).toBe(1)
  })
})
