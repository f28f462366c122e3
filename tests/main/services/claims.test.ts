/**
 * Claims through the real channels: details, statuses, and links shown from both ends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ErrorCode } from '../../../src/shared/ipc/result'
import type { ChannelInput } from '../../../src/shared/ipc/contract'
import { openFixture, seed, type Fixture, type Seeded } from './fixture'

describe('claims', () => {
  let fx: Fixture
  let s: Seeded

  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
  })
  afterEach(async () => {
    await fx.close()
  })

  it('starts a claim from its quote with the first status', async () => {
    expect(s.c3.claim).toEqual({
      statement: 'BMW will stop assembling cars',
      claimant: '',
      claimantType: null,
      attributedVia: '',
      claimDate: null,
      status: 'unverified',
      confidence: 'medium',
      links: [],
    })
  })

  it('records what is claimed, by whom, through whom, when, and how sure', async () => {
    const updated = await fx.core.value('claim:update', {
      articleId: fx.ids.cars,
      annotationId: s.c3.id,
      patch: {
        statement: '  BMW stops car assembly in Kaliningrad. ',
        claimant: "Ilya Baryshev, the automaker's official representative in Russia",
        attributedVia: "RIA Novosti citing BMW's press service",
        claimDate: '2022-03',
        status: 'CORROBORATED',
        confidence: 'high',
      },
    })
    expect(updated.claim).toMatchObject({
      statement: 'BMW stops car assembly in Kaliningrad.',
      claimant: "Ilya Baryshev, the automaker's official representative in Russia",
      attributedVia: "RIA Novosti citing BMW's press service",
      claimDate: '2022-03',
      status: 'corroborated',
      confidence: 'high',
    })
    expect(updated.updatedAt > s.c3.updatedAt).toBe(true)
    const cleared = await fx.core.value('claim:update', {
      articleId: fx.ids.cars,
      annotationId: s.c3.id,
      patch: { claimDate: null },
    })
    expect(cleared.claim?.claimDate).toBeNull()
  })

  it.each<[string, () => ChannelInput<'claim:update'>, ErrorCode]>([
    [
      'a status not in the list',
      () => ({ articleId: fx.ids.cars, annotationId: s.c3.id, patch: { status: 'plausible' } }),
      'invalid-input',
    ],
    [
      'a date that does not exist',
      () => ({ articleId: fx.ids.cars, annotationId: s.c3.id, patch: { claimDate: '2022-02-30' } }),
      'invalid-input',
    ],
    [
      'a date in words',
      () => ({ articleId: fx.ids.cars, annotationId: s.c3.id, patch: { claimDate: 'Monday' } }),
      'invalid-input',
    ],
    [
      'a highlight',
      () => ({ articleId: fx.ids.grain, annotationId: s.h1.id, patch: { claimant: 'x' } }),
      'invalid-input',
    ],
    [
      'an unknown annotation',
      () => ({ articleId: fx.ids.grain, annotationId: 'ann-none', patch: { claimant: 'x' } }),
      'not-found',
    ],
  ])('refuses %s and changes nothing', async (_label, input, code) => {
    const before = await fx.state()
    expect(await fx.core.call('claim:update', input())).toMatchObject({
      ok: false,
      error: { code },
    })
    expect(await fx.state()).toEqual(before)
  })

  it('shows a link from both ends, with the other end named', async () => {
    const port = await fx.core.value('article:get', { id: fx.ids.port })
    const grain = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(port.links[s.c2.id]).toEqual({
      outgoing: [
        {
          relation: 'supports',
          articleId: fx.ids.grain,
          annotationId: s.c1.id,
          articleTitle: 'Ministry Confirms Grain Corridor Talks',
          articleTrashed: false,
          label: 'talks on the grain corridor will resume',
          kind: 'claim',
        },
      ],
      incoming: [],
    })
    expect(grain.links[s.c1.id]).toEqual({
      outgoing: [],
      incoming: [
        {
          relation: 'supports',
          articleId: fx.ids.port,
          annotationId: s.c2.id,
          articleTitle: 'Port Authority Reports Record Grain Shipments',
          articleTrashed: false,
          label: 'exports would rise further',
          kind: 'claim',
        },
      ],
    })
    expect(grain.links[s.h1.id]).toBeUndefined()
  })

  it('keeps the other end current when a claim is edited', async () => {
    await fx.core.value('claim:update', {
      articleId: fx.ids.port,
      annotationId: s.c2.id,
      patch: { statement: 'Exports will rise.' },
    })
    const grain = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(grain.links[s.c1.id]?.incoming[0]?.label).toBe('Exports will rise.')
  })

  it('links a claim to a highlight in the same article, and shows it there twice', async () => {
    await fx.core.value('claim:link', {
      from: { articleId: fx.ids.grain, annotationId: s.c1.id },
      to: { articleId: fx.ids.grain, annotationId: s.h1.id },
      relation: 'same-as',
    })
    const grain = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(grain.links[s.c1.id]?.outgoing).toEqual([
      expect.objectContaining({ annotationId: s.h1.id, relation: 'same-as', kind: 'highlight' }),
    ])
    expect(grain.links[s.h1.id]?.incoming).toEqual([
      expect.objectContaining({ annotationId: s.c1.id, relation: 'same-as' }),
    ])
  })

  it('keeps one relation per pair: linking again changes it', async () => {
    const relinked = await fx.core.value('claim:link', {
      from: { articleId: fx.ids.port, annotationId: s.c2.id },
      to: { articleId: fx.ids.grain, annotationId: s.c1.id },
      relation: 'contradicts',
    })
    expect(relinked.claim?.links).toEqual([
      { relation: 'contradicts', articleId: fx.ids.grain, annotationId: s.c1.id },
    ])
    const grain = await fx.core.value('article:get', { id: fx.ids.grain })
    expect(grain.links[s.c1.id]?.incoming.map((l) => l.relation)).toEqual(['contradicts'])
  })

  it('unlinks at both ends', async () => {
    const unlinked = await fx.core.value('claim:unlink', {
      from: { articleId: fx.ids.port, annotationId: s.c2.id },
      to: { articleId: fx.ids.grain, annotationId: s.c1.id },
    })
    expect(unlinked.claim?.links).toEqual([])
    expect((await fx.core.value('article:get', { id: fx.ids.grain })).links).toEqual({})
    expect((await fx.core.value('article:get', { id: fx.ids.port })).links).toEqual({})
  })

  it.each<[string, () => ChannelInput<'claim:link'>, ErrorCode]>([
    [
      'a claim to itself',
      () => ({
        from: { articleId: fx.ids.cars, annotationId: s.c3.id },
        to: { articleId: fx.ids.cars, annotationId: s.c3.id },
        relation: 'same-as',
      }),
      'invalid-input',
    ],
    [
      'from a highlight',
      () => ({
        from: { articleId: fx.ids.grain, annotationId: s.h1.id },
        to: { articleId: fx.ids.cars, annotationId: s.c3.id },
        relation: 'supports',
      }),
      'invalid-input',
    ],
    [
      'to an annotation that does not exist',
      () => ({
        from: { articleId: fx.ids.cars, annotationId: s.c3.id },
        to: { articleId: fx.ids.grain, annotationId: 'ann-none' },
        relation: 'supports',
      }),
      'not-found',
    ],
    [
      'to an article that does not exist',
      () => ({
        from: { articleId: fx.ids.cars, annotationId: s.c3.id },
        to: { articleId: 'art-none', annotationId: s.c1.id },
        relation: 'supports',
      }),
      'not-found',
    ],
    [
      'with an unknown relation',
      () =>
        ({
          from: { articleId: fx.ids.cars, annotationId: s.c3.id },
          to: { articleId: fx.ids.grain, annotationId: s.c1.id },
          relation: 'refutes',
        }) as never,
      'invalid-input',
    ],
  ])('refuses to link %s', async (_label, input, code) => {
    const before = await fx.state()
    expect(await fx.core.call('claim:link', input())).toMatchObject({ ok: false, error: { code } })
    expect(await fx.state()).toEqual(before)
  })

  it('refuses to unlink annotations that are not linked', async () => {
    const result = await fx.core.call('claim:unlink', {
      from: { articleId: fx.ids.cars, annotationId: s.c3.id },
      to: { articleId: fx.ids.grain, annotationId: s.c1.id },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('drops links to a deleted annotation, and undo brings them back at both ends', async () => {
    await fx.core.value('annotation:delete', { articleId: fx.ids.grain, annotationId: s.c1.id })
    const port = await fx.core.value('article:get', { id: fx.ids.port })
    expect(port.annotations.find((a) => a.id === s.c2.id)?.claim?.links).toEqual([])
    expect(port.links).toEqual({})
    await fx.core.value('history:undo', {})
    expect(
      (await fx.core.value('article:get', { id: fx.ids.port })).links[s.c2.id]?.outgoing,
    ).toHaveLength(1)
    expect(
      (await fx.core.value('article:get', { id: fx.ids.grain })).links[s.c1.id]?.incoming,
    ).toHaveLength(1)
  })

  it('hides the links of a claim made a highlight, and shows them again when it is a claim again', async () => {
    const patch = (kind: 'claim' | 'highlight') =>
      fx.core.value('annotation:update', {
        articleId: fx.ids.port,
        annotationId: s.c2.id,
        patch: { kind },
      })
    await patch('highlight')
    expect((await fx.core.value('article:get', { id: fx.ids.grain })).links).toEqual({})
    expect((await fx.core.value('article:get', { id: fx.ids.port })).links).toEqual({})
    const again = await patch('claim')
    expect(again.claim?.links).toHaveLength(1)
    expect(
      (await fx.core.value('article:get', { id: fx.ids.grain })).links[s.c1.id]?.incoming,
    ).toHaveLength(1)
  })

  it('finds links made before the library was reopened', async () => {
    await fx.core.close()
    const { openTestCore } = await import('../../support/core')
    const core = await openTestCore(fx.dir)
    try {
      const grain = await core.value('article:get', { id: fx.ids.grain })
      expect(grain.links[s.c1.id]?.incoming).toEqual([
        expect.objectContaining({ articleId: fx.ids.port, annotationId: s.c2.id }),
      ])
    } finally {
      await core.close()
    }
  })
})

describe('claim statuses', () => {
  let fx: Fixture

  beforeEach(async () => {
    fx = await openFixture()
  })
  afterEach(async () => {
    await fx.close()
  })

  it('start as the five defaults', async () => {
    expect(await fx.core.value('settings:get', {})).toEqual({
      claimStatuses: ['unverified', 'corroborated', 'disputed', 'false', 'opinion'],
      profile: { name: '', organisation: '', url: '', publishBaseUrl: '' },
    })
  })

  it('are configurable; new claims start with the first; a claim keeps a status no longer listed', async () => {
    const first = await fx.annotate(fx.ids.cars, 'BMW will stop', { kind: 'claim' })
    await fx.core.value('claim:update', {
      articleId: fx.ids.cars,
      annotationId: first.id,
      patch: { status: 'opinion' },
    })
    const settings = await fx.core.value('settings:update', {
      patch: { claimStatuses: [' to check ', 'Confirmed', 'confirmed', 'refuted'] },
    })
    expect(settings.claimStatuses).toEqual(['to check', 'Confirmed', 'refuted'])
    const second = await fx.annotate(fx.ids.cars, 'Avtotor plant', { kind: 'claim' })
    expect(second.claim?.status).toBe('to check')
    const { annotations } = await fx.core.value('article:get', { id: fx.ids.cars })
    expect(annotations.find((a) => a.id === first.id)?.claim?.status).toBe('opinion')
    expect(
      await fx.core.call('claim:update', {
        articleId: fx.ids.cars,
        annotationId: second.id,
        patch: { status: 'opinion' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })

  it.each([
    ['an empty list', []],
    ['only blanks', [' ', '\t']],
  ])('refuses %s', async (_label, claimStatuses) => {
    const result = await fx.core.call('settings:update', { patch: { claimStatuses } })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
    expect((await fx.core.value('settings:get', {})).claimStatuses).toHaveLength(5)
  })
})
