/**
 * An engine started before its library opens: what it answered meanwhile
 * reaches the library side in order, and its `open` is not sent twice.
 */
import { describe, expect, it } from 'vitest'
import { inProcessEngine, prestartEngine } from '../../../src/main/search/search-engine'
import type { SearchReply } from '../../../src/main/search/search-protocol'
import { ARTICLES, indexJobOf } from './fixtures'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('prestartEngine', () => {
  it('hands over the replies it got before it was taken, and drops the repeated open', async () => {
    let started = 0
    const early = prestartEngine(
      (events) => {
        started++
        return inProcessEngine(events)
      },
      { type: 'open', path: null },
    )
    // The library is still opening: the host opens its index and answers.
    await turn()
    const replies: SearchReply[] = []
    const engine = early.factory({ onReply: (r) => replies.push(r), onFailure: () => undefined })
    engine.post({ type: 'open', path: null })
    engine.post({ type: 'index', job: indexJobOf(ARTICLES[0]!) })
    for (let i = 0; i < 1000 && !replies.some((r) => r.type === 'indexed'); i++) await turn()
    expect(replies.map((r) => r.type)).toEqual(['opened', 'indexed'])
    expect(started).toBe(1)
    // A restart gets a new engine of its own.
    early.factory({ onReply: () => undefined, onFailure: () => undefined })
    expect(started).toBe(2)
    await engine.dispose()
  })

  it('stops the engine when the library never opens', async () => {
    let disposed = 0
    const early = prestartEngine(
      (events) => {
        const engine = inProcessEngine(events)
        return { post: (r) => engine.post(r), dispose: async () => void disposed++ }
      },
      { type: 'open', path: null },
    )
    await early.dispose()
    expect(disposed).toBe(1)
  })
})
