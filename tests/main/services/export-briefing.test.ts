/**
 * A Markdown briefing from the library: linked claims named from both ends,
 * inside the briefing or not, and the analyst's options through the contract.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { splitFrontMatter } from '../../shared/export/markdown-structure'
import { openFixture, seed, type Fixture, type Seeded } from './fixture'

const GRAIN_TITLE = 'Ministry Confirms Grain Corridor Talks'
const PORT_TITLE = 'Port Authority Reports Record Grain Shipments'

describe('briefing export', () => {
  let fx: Fixture
  let s: Seeded

  beforeEach(async () => {
    fx = await openFixture()
    s = await seed(fx)
  })
  afterEach(async () => {
    await fx.close()
  })

  const preview = async (articleIds: string[], briefing = {}) =>
    (await fx.core.value('export:preview', { articleIds, format: 'md', briefing })).text

  it('names a linked claim outside the briefing, from both ends', async () => {
    const port = await preview([fx.ids.port])
    expect(port).toMatch(
      new RegExp(`^- supports «${s.c1.claim?.statement ?? ''}» — ${GRAIN_TITLE}$`, 'mu'),
    )
    const grain = await preview([fx.ids.grain])
    expect(grain).toMatch(
      new RegExp(`^- supported by «${s.c2.claim?.statement ?? ''}» — ${PORT_TITLE}$`, 'mu'),
    )
  })

  it('links the two ends inside the briefing', async () => {
    const both = await preview([fx.ids.grain, fx.ids.port])
    expect(both).toContain(`- supports [«${s.c1.claim?.statement ?? ''}»](#^${s.c1.id})`)
    expect(both).toContain(`- supported by [«${s.c2.claim?.statement ?? ''}»](#^${s.c2.id})`)
  })

  it('says when the linked claim is in the trash', async () => {
    await fx.core.value('article:trash', { ids: [fx.ids.grain] })
    expect(await preview([fx.ids.port])).toContain(`— ${GRAIN_TITLE} (in the trash)\n`)
  })

  it('writes no link to a claim that was deleted (deleting it removed the link)', async () => {
    await fx.core.value('annotation:delete', { articleId: fx.ids.grain, annotationId: s.c1.id })
    expect(await preview([fx.ids.port])).not.toContain(GRAIN_TITLE)
  })

  it('takes the title, introduction, grouping and block ids the analyst chose', async () => {
    const text = await preview([fx.ids.grain, fx.ids.cars], {
      title: 'Grain and cars',
      introduction: 'Read on **Monday**.',
      groupBy: 'status',
      obsidianBlockIds: false,
      skipEmpty: true,
    })
    expect(splitFrontMatter(text).data).toMatchObject({ title: 'Grain and cars' })
    expect(text).toContain('\n# Grain and cars\n')
    expect(text).toContain('\nRead on **Monday**.\n')
    expect(text).toContain('\n## Status: unverified\n')
    expect(text).not.toMatch(/^\^/mu)
    expect(text).toContain(`<a id="${s.c1.id}"></a>`)
  })

  it('leaves articles without annotations out only when asked', async () => {
    await fx.core.value('annotation:delete', { articleId: fx.ids.cars, annotationId: s.c3.id })
    const all = await preview([fx.ids.grain, fx.ids.cars])
    expect(all).toContain('_No annotations._')
    const skipped = await preview([fx.ids.grain, fx.ids.cars], { skipEmpty: true })
    expect(skipped).not.toContain('_No annotations._')
    expect(skipped).toContain('Also read, without annotations: *Automaker Halts Assembly*')
  })

  it('refuses options the contract does not know', async () => {
    const result = await fx.core.call('export:preview', {
      articleIds: [fx.ids.grain],
      format: 'md',
      briefing: { groupBy: 'colour' as 'tag' },
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } })
  })
})
