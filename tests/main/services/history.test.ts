/**
 * Undo and redo for every kind of command: do takes the library from A to B,
 * undo brings back exactly A (every article file, the codebook and the
 * derived index figures), redo exactly B.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { History } from '../../../src/main/services/history'
import { openTestCore } from '../../support/core'
import {
  countedTags,
  libraryState,
  listedCounts,
  openFixture,
  seed,
  type Fixture,
  type Seeded,
} from './fixture'

interface Row {
  readonly name: string
  /** Extra state to build before A is taken. */
  readonly setup?: (fx: Fixture, s: Seeded) => Promise<unknown>
  readonly act: (fx: Fixture, s: Seeded) => Promise<unknown>
  readonly label: string
}

const ROWS: readonly Row[] = [
  {
    name: 'create a highlight with a new tag',
    act: (fx) => fx.annotate(fx.ids.cars, 'Avtotor plant', { tags: ['entity/plant/Avtotor'] }),
    label: 'Create highlight',
  },
  {
    name: 'create a claim',
    act: (fx) => fx.annotate(fx.ids.port, '4.2 million tonnes', { kind: 'claim', tags: ['bmw'] }),
    label: 'Create claim',
  },
  {
    name: 'change annotation tags',
    act: (fx, s) =>
      fx.core.value('annotation:update', {
        articleId: fx.ids.grain,
        annotationId: s.h1.id,
        patch: { tags: ['entity/ministry', 'new/tag'] },
      }),
    label: 'Change annotation tags',
  },
  {
    name: 'edit an annotation note',
    act: (fx, s) =>
      fx.core.value('annotation:update', {
        articleId: fx.ids.grain,
        annotationId: s.h1.id,
        patch: { note: 'Counted twice' },
      }),
    label: 'Edit annotation note',
  },
  {
    name: 'make a highlight a claim',
    act: (fx, s) =>
      fx.core.value('annotation:update', {
        articleId: fx.ids.grain,
        annotationId: s.h1.id,
        patch: { kind: 'claim' },
      }),
    label: 'Make annotation a claim',
  },
  {
    name: 'make a linking claim a highlight',
    act: (fx, s) =>
      fx.core.value('annotation:update', {
        articleId: fx.ids.port,
        annotationId: s.c2.id,
        patch: { kind: 'highlight' },
      }),
    label: 'Make claim a highlight',
  },
  {
    name: 'delete a highlight',
    act: (fx, s) =>
      fx.core.value('annotation:delete', { articleId: fx.ids.grain, annotationId: s.h1.id }),
    label: 'Delete highlight',
  },
  {
    name: 'delete a claim others link to',
    act: (fx, s) =>
      fx.core.value('annotation:delete', { articleId: fx.ids.grain, annotationId: s.c1.id }),
    label: 'Delete claim',
  },
  {
    name: 're-attach an annotation',
    act: async (fx, s) =>
      fx.core.value('annotation:reattach', {
        articleId: fx.ids.grain,
        annotationId: s.c1.id,
        ...(await fx.span(fx.ids.grain, 'the grain corridor will resume')),
      }),
    label: 'Re-attach annotation',
  },
  {
    name: 'edit a claim',
    act: (fx, s) =>
      fx.core.value('claim:update', {
        articleId: fx.ids.cars,
        annotationId: s.c3.id,
        patch: {
          statement: 'BMW stops car assembly at Avtotor.',
          claimant: "Ilya Baryshev, the automaker's representative in Russia",
          attributedVia: "RIA Novosti citing BMW's press service",
          claimDate: '2022-03-03',
          status: 'corroborated',
          confidence: 'high',
        },
      }),
    label: 'Edit claim',
  },
  {
    name: 'link claims across articles',
    act: (fx, s) =>
      fx.core.value('claim:link', {
        from: { articleId: fx.ids.cars, annotationId: s.c3.id },
        to: { articleId: fx.ids.grain, annotationId: s.h1.id },
        relation: 'contradicts',
      }),
    label: 'Link claim (contradicts)',
  },
  {
    name: 'change the relation of a link',
    act: (fx, s) =>
      fx.core.value('claim:link', {
        from: { articleId: fx.ids.port, annotationId: s.c2.id },
        to: { articleId: fx.ids.grain, annotationId: s.c1.id },
        relation: 'repeats',
      }),
    label: 'Link claim (repeats)',
  },
  {
    name: 'unlink claims',
    act: (fx, s) =>
      fx.core.value('claim:unlink', {
        from: { articleId: fx.ids.port, annotationId: s.c2.id },
        to: { articleId: fx.ids.grain, annotationId: s.c1.id },
      }),
    label: 'Unlink claim',
  },
  {
    name: 'mark an article done',
    act: (fx) => fx.core.value('article:update', { id: fx.ids.cars, patch: { status: 'done' } }),
    label: 'Mark article done',
  },
  {
    name: 'change article tags and note',
    act: (fx) =>
      fx.core.value('article:update', {
        id: fx.ids.grain,
        patch: { tags: ['region/black sea', 'topic/ports'], note: '# Summary\n\nTalks resume.' },
      }),
    label: 'Edit article',
  },
  {
    name: 'create a tag',
    act: (fx) =>
      fx.core.value('codebook:create', { name: 'region/Baltic', description: 'Baltic ports' }),
    label: 'Create tag "region/Baltic"',
  },
  {
    name: 'change a tag colour and description',
    act: (fx) =>
      fx.core.value('codebook:update', {
        name: 'ENTITY/ministry',
        patch: { color: '#0E7490', description: 'Ministries' },
      }),
    label: 'Edit tag "entity/ministry"',
  },
  {
    name: 'take a keyboard slot from another tag',
    setup: (fx) => fx.core.value('codebook:update', { name: 'topic/ports', patch: { slot: 1 } }),
    act: (fx) => fx.core.value('codebook:update', { name: 'entity/ministry', patch: { slot: 1 } }),
    label: 'Assign tag "entity/ministry" to key 1',
  },
  {
    name: 'rename a tag with children',
    act: (fx) => fx.core.value('codebook:rename', { from: 'topic/ports', to: 'topic/harbours' }),
    label: 'Rename tag "topic/ports" to "topic/harbours"',
  },
  {
    name: 'merge a tag with children',
    act: (fx) =>
      fx.core.value('codebook:merge', { from: 'topic/ports', into: 'topic/grain corridor' }),
    label: 'Merge tag "topic/ports" into "topic/grain corridor"',
  },
  {
    name: 'move a tag under another parent',
    act: (fx) => fx.core.value('codebook:move', { name: 'topic/ports', parent: 'entity' }),
    label: 'Move tag "topic/ports" under "entity"',
  },
  {
    name: 'delete a tag and its children',
    act: (fx) => fx.core.value('codebook:delete', { name: 'entity' }),
    label: 'Delete tag "entity"',
  },
  {
    name: 'change the claim statuses',
    act: (fx) =>
      fx.core.value('settings:update', {
        patch: { claimStatuses: ['unchecked', 'confirmed', 'refuted'] },
      }),
    label: 'Change claim statuses',
  },
]

describe('undo and redo', () => {
  let fx: Fixture
  let s: Seeded

  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
  })
  afterEach(async () => {
    await fx.close()
  })

  describe.each(ROWS.map((row) => [row.name, row] as const))('%s', (_name, row) => {
    it('undo restores the state before exactly, redo the state after', async () => {
      await row.setup?.(fx, s)
      const before = await fx.state()
      await row.act(fx, s)
      const after = await fx.state()
      expect(after).not.toEqual(before)
      expect(await fx.core.value('history:state', {})).toEqual({ undo: row.label, redo: null })

      const undone = await fx.core.value('history:undo', {})
      expect(undone.label).toBe(row.label)
      expect(await fx.state()).toEqual(before)
      expect(await listedCounts(fx)).toEqual(await countedTags(fx))
      expect(await fx.core.value('history:state', {})).toMatchObject({ redo: row.label })

      const redone = await fx.core.value('history:redo', {})
      expect(redone).toEqual(undone)
      expect(await fx.state()).toEqual(after)
      expect(await listedCounts(fx)).toEqual(await countedTags(fx))

      // And the library on disk agrees once reopened.
      await fx.core.value('history:undo', {})
      await fx.core.close()
      const reopened = await openTestCore(fx.dir)
      try {
        expect(await libraryState(reopened)).toEqual(before)
      } finally {
        await reopened.close()
      }
    })
  })

  it('undoing a tag merge restores both tags and every assignment', async () => {
    const codebookBefore = await fx.core.value('codebook:list', {})
    const grainBefore = await fx.core.value('article:get', { id: fx.ids.grain })
    const portBefore = await fx.core.value('article:get', { id: fx.ids.port })
    const merged = await fx.core.value('codebook:merge', {
      from: 'topic/ports',
      into: 'topic/grain corridor',
    })
    expect(merged.tags.map((t) => t.name)).not.toContain('topic/ports')
    expect([...merged.articleIds].sort()).toEqual([fx.ids.grain, fx.ids.port].sort())

    const step = await fx.core.value('history:undo', {})
    expect(step).toEqual({
      label: 'Merge tag "topic/ports" into "topic/grain corridor"',
      articleIds: expect.arrayContaining([fx.ids.grain, fx.ids.port]),
      codebook: true,
    })
    expect(await fx.core.value('codebook:list', {})).toEqual(codebookBefore)
    expect(await fx.core.value('article:get', { id: fx.ids.grain })).toEqual(grainBefore)
    expect(await fx.core.value('article:get', { id: fx.ids.port })).toEqual(portBefore)
    const names = codebookBefore.map((t) => t.name)
    expect(names).toEqual(expect.arrayContaining(['topic/ports', 'topic/grain corridor']))
  })

  it('a new command clears redo', async () => {
    await fx.core.value('article:update', { id: fx.ids.cars, patch: { status: 'reading' } })
    await fx.core.value('history:undo', {})
    await fx.core.value('article:update', { id: fx.ids.cars, patch: { note: 'later' } })
    expect(await fx.core.value('history:state', {})).toEqual({
      undo: 'Edit article note',
      redo: null,
    })
    expect(await fx.core.call('history:redo', {})).toMatchObject({
      ok: false,
      error: { code: 'not-found', message: 'Nothing to redo' },
    })
  })

  it('undoes step by step back to the empty library, then says there is nothing to undo', async () => {
    const fresh = await openFixture()
    try {
      const empty = await fresh.state()
      await seed(fresh)
      for (let i = 0; i < 7; i++) await fresh.core.value('history:undo', {})
      expect(await fresh.state()).toEqual(empty)
      expect(await fresh.core.call('history:undo', {})).toMatchObject({
        ok: false,
        error: { code: 'not-found', message: 'Nothing to undo' },
      })
    } finally {
      await fresh.close()
    }
  })

  it('does not record a command that changes nothing', async () => {
    const state = await fx.core.value('history:state', {})
    await fx.core.value('claim:link', {
      from: { articleId: fx.ids.port, annotationId: s.c2.id },
      to: { articleId: fx.ids.grain, annotationId: s.c1.id },
      relation: 'supports',
    })
    await fx.core.value('codebook:rename', { from: 'topic/ports', to: 'topic/ports' })
    expect(await fx.core.value('history:state', {})).toEqual(state)
  })

  it('does not record a refused command, and changes nothing', async () => {
    const before = await fx.state()
    const state = await fx.core.value('history:state', {})
    const refused = await fx.core.call('codebook:rename', {
      from: 'topic/ports',
      to: 'topic/grain corridor',
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } })
    expect(await fx.state()).toEqual(before)
    expect(await fx.core.value('history:state', {})).toEqual(state)
  })

  it('runs concurrent commands one at a time, and undoes them all', async () => {
    const before = await fx.state()
    const quotes = ['Officials confirmed', 'on Monday', 'Anna Petrova', 'ministry spokeswoman']
    await Promise.all(
      quotes.map((q, i) => fx.annotate(fx.ids.grain, q, { tags: [`burst/${i}`, 'burst'] })),
    )
    expect((await fx.core.value('article:get', { id: fx.ids.grain })).annotations).toHaveLength(6)
    await Promise.all(quotes.map(() => fx.core.value('history:undo', {})))
    expect(await fx.state()).toEqual(before)
  })

  it('keeps changes made outside the history when undoing', async () => {
    const created = await fx.annotate(fx.ids.grain, 'Anna Petrova', { tags: ['person'] })
    // A change the history did not make, to another annotation in the same file.
    await fx.core.store.mutateArticle(fx.ids.grain, (draft) => {
      const h1 = draft.annotations.find((a) => a.id === s.h1.id)!
      h1.note = 'edited elsewhere'
    })
    await fx.core.value('history:undo', {})
    const { annotations } = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(annotations.map((a) => a.id)).not.toContain(created.id)
    expect(annotations.find((a) => a.id === s.h1.id)?.note).toBe('edited elsewhere')
  })

  it('records nothing and changes nothing when the write of a command fails', async () => {
    const before = await fx.state()
    const state = await fx.core.value('history:state', {})
    const store = fx.core.store
    const original = store.mutateMany.bind(store)
    store.mutateMany = (async () => {
      throw new Error('disk on fire')
    }) as typeof store.mutateMany
    try {
      const result = await fx.core.call('codebook:rename', { from: 'topic', to: 'subject' })
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    } finally {
      store.mutateMany = original
    }
    expect(await fx.state()).toEqual(before)
    expect(await fx.core.value('history:state', {})).toEqual(state)
  })

  it('keeps at most the configured number of steps', async () => {
    const history = new History(fx.core.store, 2)
    for (const status of ['reading', 'done', 'unread'] as const) {
      await history.run(() => ({
        label: `Mark ${status}`,
        articleIds: [fx.ids.cars],
        apply: (w) => {
          w.article(fx.ids.cars).status = status
        },
      }))
    }
    expect((await history.undo()).label).toBe('Mark unread')
    expect((await history.undo()).label).toBe('Mark done')
    await expect(history.undo()).rejects.toMatchObject({ code: 'not-found' })
    expect(fx.core.store.getArticle(fx.ids.cars)?.status).toBe('reading')
  })
})
