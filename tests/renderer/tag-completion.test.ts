import { describe, expect, it } from 'vitest'
import { matchTags, tagQueryAt } from '../../src/renderer/src/monaco/tag-completion'

describe('tagQueryAt', () => {
  it('finds the #tag being typed at the cursor', () => {
    expect(tagQueryAt('#')).toEqual({ query: '', start: 1 })
    expect(tagQueryAt('see #ent')).toEqual({ query: 'ent', start: 5 })
    expect(tagQueryAt('see #entity/BM')).toEqual({ query: 'entity/BM', start: 5 })
    expect(tagQueryAt('(#topic')).toEqual({ query: 'topic', start: 2 })
  })

  it('ignores # inside words, headings already finished and text after a space', () => {
    expect(tagQueryAt('issue#12')).toBeNull()
    expect(tagQueryAt('#tag done')).toBeNull()
    expect(tagQueryAt('plain text')).toBeNull()
  })
})

describe('matchTags', () => {
  const names = ['entity/BMW', 'entity/bmw-group', 'topic/ports', 'BMW-dealers']
  it('puts prefix matches first, then segment matches, ignoring case', () => {
    expect(matchTags(names, 'bmw')).toEqual(['BMW-dealers', 'entity/BMW', 'entity/bmw-group'])
    expect(matchTags(names, 'entity/')).toEqual(['entity/BMW', 'entity/bmw-group'])
    expect(matchTags(names, '')).toEqual(names)
    expect(matchTags(names, 'zzz')).toEqual([])
  })

  it('folds as search does: accents, composed or not, but й is not и', () => {
    const names = ['topic/Caf\u00e9', 'place/Йошкар-Ола', 'place/Иваново']
    expect(matchTags(names, 'cafe')).toEqual(['topic/Caf\u00e9'])
    expect(matchTags(names, 'cafe\u0301')).toEqual(['topic/Caf\u00e9'])
    expect(matchTags(names, 'йош')).toEqual(['place/Йошкар-Ола'])
    expect(matchTags(names, 'и')).toEqual(['place/Иваново'])
  })
})
