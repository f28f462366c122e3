/**
 * The codebook's operations, through the real channels: identity of tags,
 * rename, merge, move and delete cascading to children, annotations and
 * article tags, and counts that are always what the files say.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Channel } from '../../../src/shared/ipc/channels'
import type { ChannelInput } from '../../../src/shared/ipc/contract'
import type { ErrorCode } from '../../../src/shared/ipc/result'
import { countedTags, listedCounts, openFixture, seed, type Fixture, type Seeded } from './fixture'

/** Every annotation's tags by role, and each article's own tags, for comparing whole outcomes. */
async function tagging(fx: Fixture, s: Seeded) {
  const out: Record<string, readonly string[]> = {}
  for (const [name, id] of Object.entries(fx.ids)) {
    const { article, annotations } = await fx.core.value('article:get', { id })
    out[`article:${name}`] = article.tags
    for (const [role, seeded] of Object.entries(s)) {
      const found = annotations.find((a) => a.id === seeded.id)
      if (found) out[role] = found.tags
    }
  }
  return out
}

async function codebookNames(fx: Fixture): Promise<string[]> {
  return (await fx.core.value('codebook:list', {})).map((t) => t.name).sort()
}

const SEEDED_NAMES = [
  'entity/company/BMW',
  'entity/ministry',
  'topic/grain corridor',
  'topic/ports',
  'topic/ports/exports',
]

const SEEDED_TAGGING = {
  h1: ['topic/ports', 'entity/ministry'],
  c1: ['topic/grain corridor'],
  c2: ['topic/ports/exports', 'entity/ministry'],
  c3: ['entity/company/BMW'],
  'article:grain': ['topic/grain corridor'],
  'article:port': ['topic/ports'],
  'article:cars': [],
}

interface CascadeRow {
  readonly name: string
  readonly setup?: (fx: Fixture) => Promise<unknown>
  readonly op: { [C in Channel]: readonly [C, ChannelInput<C>] }[Channel]
  readonly names: readonly string[]
  /** Changes to SEEDED_TAGGING. */
  readonly tagging: Partial<Record<keyof typeof SEEDED_TAGGING, readonly string[]>>
}

const CASCADES: readonly CascadeRow[] = [
  {
    name: 'rename carries children, annotations and article tags',
    op: ['codebook:rename', { from: 'topic/ports', to: 'topic/harbours' }],
    names: [
      'entity/company/BMW',
      'entity/ministry',
      'topic/grain corridor',
      'topic/harbours',
      'topic/harbours/exports',
    ],
    tagging: {
      h1: ['topic/harbours', 'entity/ministry'],
      c2: ['topic/harbours/exports', 'entity/ministry'],
      'article:port': ['topic/harbours'],
    },
  },
  {
    name: 'rename of a parent that exists only through its children',
    op: ['codebook:rename', { from: 'Topic', to: 'subject' }],
    names: [
      'entity/company/BMW',
      'entity/ministry',
      'subject/grain corridor',
      'subject/ports',
      'subject/ports/exports',
    ],
    tagging: {
      h1: ['subject/ports', 'entity/ministry'],
      c1: ['subject/grain corridor'],
      c2: ['subject/ports/exports', 'entity/ministry'],
      'article:grain': ['subject/grain corridor'],
      'article:port': ['subject/ports'],
    },
  },
  {
    name: 'rename that only changes the casing',
    op: ['codebook:rename', { from: 'entity/ministry', to: 'entity/Ministry' }],
    names: [
      'entity/company/BMW',
      'entity/Ministry',
      'topic/grain corridor',
      'topic/ports',
      'topic/ports/exports',
    ],
    tagging: {
      h1: ['topic/ports', 'entity/Ministry'],
      c2: ['topic/ports/exports', 'entity/Ministry'],
    },
  },
  {
    name: 'move under another parent',
    op: ['codebook:move', { name: 'topic/ports', parent: 'entity' }],
    names: [
      'entity/company/BMW',
      'entity/ministry',
      'entity/ports',
      'entity/ports/exports',
      'topic/grain corridor',
    ],
    tagging: {
      h1: ['entity/ports', 'entity/ministry'],
      c2: ['entity/ports/exports', 'entity/ministry'],
      'article:port': ['entity/ports'],
    },
  },
  {
    name: 'move to the top level',
    op: ['codebook:move', { name: 'entity/company/bmw', parent: null }],
    names: ['BMW', 'entity/ministry', 'topic/grain corridor', 'topic/ports', 'topic/ports/exports'],
    tagging: { c3: ['BMW'] },
  },
  {
    name: 'merge into another tag, children following',
    op: ['codebook:merge', { from: 'topic/ports', into: 'topic/grain corridor' }],
    names: [
      'entity/company/BMW',
      'entity/ministry',
      'topic/grain corridor',
      'topic/grain corridor/exports',
    ],
    tagging: {
      h1: ['topic/grain corridor', 'entity/ministry'],
      c2: ['topic/grain corridor/exports', 'entity/ministry'],
      'article:port': ['topic/grain corridor'],
    },
  },
  {
    name: 'merge where the target has a child of the same name',
    setup: (fx) =>
      fx.annotate(fx.ids.cars, 'Avtotor plant', { tags: ['TOPIC/grain corridor/Exports'] }),
    op: ['codebook:merge', { from: 'topic/ports', into: 'topic/grain corridor' }],
    names: [
      'entity/company/BMW',
      'entity/ministry',
      'topic/grain corridor',
      'TOPIC/grain corridor/Exports',
    ],
    tagging: {
      h1: ['topic/grain corridor', 'entity/ministry'],
      c2: ['TOPIC/grain corridor/Exports', 'entity/ministry'],
      'article:port': ['topic/grain corridor'],
    },
  },
  {
    name: 'merge of a tag an annotation already has with the target',
    op: ['codebook:merge', { from: 'entity/ministry', into: 'topic/ports' }],
    names: ['entity/company/BMW', 'topic/grain corridor', 'topic/ports', 'topic/ports/exports'],
    tagging: {
      h1: ['topic/ports'],
      c2: ['topic/ports/exports', 'topic/ports'],
    },
  },
  {
    name: 'merge of a child into its parent',
    op: ['codebook:merge', { from: 'topic/ports/exports', into: 'topic/ports' }],
    names: ['entity/company/BMW', 'entity/ministry', 'topic/grain corridor', 'topic/ports'],
    tagging: { c2: ['topic/ports', 'entity/ministry'] },
  },
  {
    name: 'delete untags annotations and articles, children too',
    op: ['codebook:delete', { name: 'topic/ports' }],
    names: ['entity/company/BMW', 'entity/ministry', 'topic/grain corridor'],
    tagging: { h1: ['entity/ministry'], c2: ['entity/ministry'], 'article:port': [] },
  },
  {
    name: 'delete of a parent that exists only through its children',
    op: ['codebook:delete', { name: 'entity' }],
    names: ['topic/grain corridor', 'topic/ports', 'topic/ports/exports'],
    tagging: { h1: ['topic/ports'], c2: ['topic/ports/exports'], c3: [] },
  },
]

describe('codebook operations', () => {
  let fx: Fixture
  let s: Seeded

  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
  })
  afterEach(async () => {
    await fx.close()
  })

  it('starts from the seeded codebook', async () => {
    expect(await codebookNames(fx)).toEqual(SEEDED_NAMES)
    expect(await tagging(fx, s)).toEqual(SEEDED_TAGGING)
    expect(await listedCounts(fx)).toEqual(await countedTags(fx))
  })

  it.each(CASCADES.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    await row.setup?.(fx)
    const [channel, input] = row.op
    const result = await fx.core.call(channel, input as never)
    expect(result.ok, JSON.stringify(result)).toBe(true)
    expect(await codebookNames(fx)).toEqual([...row.names].sort())
    expect(await tagging(fx, s)).toEqual({ ...SEEDED_TAGGING, ...row.tagging })
    // Annotations are never deleted by a tag operation.
    for (const id of Object.values(fx.ids)) {
      const before = (await fx.core.store.readArticle(id)).annotations.length
      expect(before).toBeGreaterThan(0)
    }
    expect(await listedCounts(fx)).toEqual(await countedTags(fx))
  })

  it('reports the codebook after the operation and the articles it rewrote', async () => {
    const result = await fx.core.value('codebook:rename', { from: 'entity', to: 'actor' })
    expect(result.tags.map((t) => t.name)).toEqual(await codebookNames(fx))
    expect([...result.articleIds].sort()).toEqual([fx.ids.grain, fx.ids.port, fx.ids.cars].sort())
  })

  it.each<[string, Channel, Record<string, unknown>, ErrorCode]>([
    [
      'rename onto an existing tag',
      'codebook:rename',
      { from: 'topic/ports', to: 'Entity/Ministry' },
      'conflict',
    ],
    [
      'rename into its own child',
      'codebook:rename',
      { from: 'topic', to: 'topic/sub' },
      'invalid-input',
    ],
    ['rename to an empty name', 'codebook:rename', { from: 'topic', to: ' / ' }, 'invalid-input'],
    ['rename of an unknown tag', 'codebook:rename', { from: 'nothing', to: 'x' }, 'not-found'],
    [
      'move under its own child',
      'codebook:move',
      { name: 'topic', parent: 'topic/ports' },
      'invalid-input',
    ],
    [
      'merge into itself',
      'codebook:merge',
      { from: 'topic/ports', into: ' TOPIC/ports ' },
      'invalid-input',
    ],
    [
      'merge into its own child',
      'codebook:merge',
      { from: 'topic', into: 'topic/ports' },
      'invalid-input',
    ],
    [
      'merge into an unknown tag',
      'codebook:merge',
      { from: 'topic/ports', into: 'nothing' },
      'not-found',
    ],
    [
      'merge of an unknown tag',
      'codebook:merge',
      { from: 'nothing', into: 'topic/ports' },
      'not-found',
    ],
    ['delete of an unknown tag', 'codebook:delete', { name: 'nothing' }, 'not-found'],
    [
      'create of an existing tag in other casing',
      'codebook:create',
      { name: ' Topic / Ports ' },
      'duplicate',
    ],
    [
      'update of an unknown tag',
      'codebook:update',
      { name: 'nothing', patch: { slot: 2 } },
      'not-found',
    ],
    [
      'update with a colour that is not one',
      'codebook:update',
      { name: 'topic/ports', patch: { color: 'red' } },
      'invalid-input',
    ],
    [
      'update with slot 10',
      'codebook:update',
      { name: 'topic/ports', patch: { slot: 10 } },
      'invalid-input',
    ],
  ])('%s', async (_label, channel, input, code) => {
    const before = await fx.state()
    const result = await fx.core.call(channel, input as never)
    expect(result).toMatchObject({ ok: false, error: { code } })
    expect(await fx.state()).toEqual(before)
  })

  it('refuses a move onto an existing tag with conflict', async () => {
    await fx.core.value('codebook:create', { name: 'exports' })
    const result = await fx.core.call('codebook:move', {
      name: 'topic/ports/exports',
      parent: null,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })
})

describe('tags', () => {
  let fx: Fixture

  beforeEach(async () => {
    fx = await openFixture()
  })
  afterEach(async () => {
    await fx.close()
  })

  it('treats "BMW", " bmw " and "Bmw" as one tag, keeping the first casing', async () => {
    const a = await fx.annotate(fx.ids.cars, 'BMW will stop', { tags: ['BMW'] })
    const b = await fx.annotate(fx.ids.cars, 'Avtotor plant', { tags: [' bmw ', 'Bmw'] })
    const c = await fx.annotate(fx.ids.port, 'Maria Keller', { tags: ['Bmw'] })
    await fx.core.value('article:update', { id: fx.ids.grain, patch: { tags: ['bMW'] } })
    expect([a.tags, b.tags, c.tags]).toEqual([['BMW'], ['BMW'], ['BMW']])
    expect(await fx.core.value('codebook:list', {})).toEqual([
      expect.objectContaining({ name: 'BMW', annotationCount: 3, articleCount: 3 }),
    ])
    expect((await fx.core.value('article:get', { id: fx.ids.grain })).article.tags).toEqual(['BMW'])
  })

  const COMPOSED = 'topic/Caf\u00e9'
  const DECOMPOSED = 'topic/Cafe\u0301'

  it('treats a composed and a decomposed "Café" as one tag, stored composed', async () => {
    const a = await fx.annotate(fx.ids.cars, 'BMW will stop', { tags: [DECOMPOSED] })
    const b = await fx.annotate(fx.ids.port, 'Maria Keller', { tags: [COMPOSED.toUpperCase()] })
    await fx.core.value('article:update', { id: fx.ids.grain, patch: { tags: [DECOMPOSED] } })
    expect([a.tags, b.tags]).toEqual([[COMPOSED], [COMPOSED]])
    expect(await fx.core.value('codebook:list', {})).toEqual([
      expect.objectContaining({ name: COMPOSED, annotationCount: 2, articleCount: 3 }),
    ])
    expect((await fx.core.value('article:get', { id: fx.ids.grain })).article.tags).toEqual([
      COMPOSED,
    ])
  })

  it('keeps "Café" and "Cafe" apart: diacritics are part of a tag\'s name', async () => {
    await fx.annotate(fx.ids.cars, 'BMW will stop', { tags: [COMPOSED, 'topic/Cafe'] })
    expect(await codebookNames(fx)).toEqual(['topic/Cafe', COMPOSED])
  })

  it('renames, edits, merges and deletes a tag named in the other spelling', async () => {
    await fx.annotate(fx.ids.cars, 'BMW will stop', { tags: [COMPOSED, `${COMPOSED}/Crème`] })
    await fx.annotate(fx.ids.port, 'Maria Keller', { tags: ['topic/bar'] })
    const updated = await fx.core.value('codebook:update', {
      name: DECOMPOSED,
      patch: { description: 'Coffee' },
    })
    expect(updated).toMatchObject({ name: COMPOSED, description: 'Coffee' })

    await fx.core.value('codebook:rename', { from: DECOMPOSED, to: 'topic/Cafe\u0301s' })
    expect(await codebookNames(fx)).toEqual([
      'topic/Caf\u00e9s',
      'topic/Caf\u00e9s/Cr\u00e8me',
      'topic/bar',
    ])

    await fx.core.value('codebook:merge', {
      from: 'topic/Cafe\u0301s/Cre\u0300me',
      into: 'TOPIC/BAR',
    })
    expect(await codebookNames(fx)).toEqual(['topic/Caf\u00e9s', 'topic/bar'])
    const { annotations } = await fx.core.value('article:get', { id: fx.ids.cars })
    expect(annotations.map((x) => x.tags)).toEqual([['topic/Caf\u00e9s', 'topic/bar']])

    await fx.core.value('codebook:delete', { name: 'topic/Cafe\u0301s' })
    expect(await codebookNames(fx)).toEqual(['topic/bar'])
  })

  it('gives new tags the least-used palette colours', async () => {
    for (const name of ['a', 'b', 'c']) await fx.core.value('codebook:create', { name })
    await fx.core.value('codebook:update', { name: 'b', patch: { color: '#1F6FEB' } })
    const created = await fx.core.value('codebook:create', { name: 'd' })
    const colours = (await fx.core.value('codebook:list', {})).map((t) => t.color)
    expect(colours.slice(0, 3)).toEqual(['#1f6feb', '#1f6feb', '#1a7f37'])
    expect(created.color).toBe('#b35900')
  })

  it('creates a tag with a colour and description, and edits them', async () => {
    const created = await fx.core.value('codebook:create', {
      name: '  entity / company  /BMW ',
      color: '#A40E26',
      description: ' Bayerische Motoren Werke ',
    })
    expect(created).toMatchObject({
      name: 'entity/company/BMW',
      color: '#a40e26',
      description: 'Bayerische Motoren Werke',
      slot: null,
      annotationCount: 0,
      articleCount: 0,
    })
    const updated = await fx.core.value('codebook:update', {
      name: 'ENTITY/company/bmw',
      patch: { description: 'Carmaker', slot: 3 },
    })
    expect(updated).toMatchObject({ name: 'entity/company/BMW', description: 'Carmaker', slot: 3 })
  })

  it('gives a keyboard slot to one tag at a time', async () => {
    await fx.core.value('codebook:create', { name: 'a' })
    await fx.core.value('codebook:create', { name: 'b' })
    await fx.core.value('codebook:update', { name: 'a', patch: { slot: 1 } })
    await fx.core.value('codebook:update', { name: 'b', patch: { slot: 1 } })
    const slots = (await fx.core.value('codebook:list', {})).map((t) => [t.name, t.slot])
    expect(slots).toEqual([
      ['a', null],
      ['b', 1],
    ])
    await fx.core.value('codebook:update', { name: 'b', patch: { slot: null } })
    expect((await fx.core.value('codebook:list', {})).every((t) => t.slot === null)).toBe(true)
  })

  it('keeps counts true after every kind of change', async () => {
    const steps: (() => Promise<unknown>)[] = [
      () => fx.annotate(fx.ids.cars, 'BMW will stop', { tags: ['x/y', 'z'] }),
      () => fx.annotate(fx.ids.port, 'Maria Keller', { tags: ['x/y'] }),
      () => fx.core.value('article:update', { id: fx.ids.cars, patch: { tags: ['z', 'w'] } }),
      () => fx.core.value('codebook:rename', { from: 'x', to: 'q' }),
      () => fx.core.value('codebook:merge', { from: 'z', into: 'q/y' }),
      () => fx.core.value('codebook:move', { name: 'w', parent: 'q' }),
      () => fx.core.value('history:undo', {}),
      () => fx.core.value('codebook:delete', { name: 'q/y' }),
      () => fx.core.value('history:undo', {}),
      () => fx.core.value('history:redo', {}),
    ]
    for (const step of steps) {
      await step()
      expect(await listedCounts(fx)).toEqual(await countedTags(fx))
    }
  })
})
