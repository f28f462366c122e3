import { describe, expect, it } from 'vitest'
import { selectedByTag } from '../../../src/main/services/exports'

const A = { id: 'a', tags: ['entity/company/BMW'] }
const B = { id: 'b', tags: ['entity2', 'topic'] }
const C = { id: 'c', tags: [] as string[] }

describe('selectedByTag', () => {
  it.each([
    ['entity/company/BMW', [], ['a']],
    ['Entity/Company', [], ['a']],
    ['entity', [], ['a']],
    ['entity2', [], ['b']],
    ['entity/company/Audi', [], null],
    ['region', ['Region/Baltic'], ['a', 'b', 'c']],
    ['region/baltic', ['region'], null],
  ])('tag %j on an article tagged %j keeps %j', (tag, articleTags, expected) => {
    const kept = selectedByTag(tag, articleTags, [A, B, C])
    expect(kept === null ? null : kept.map((a) => a.id)).toEqual(expected)
  })
})
