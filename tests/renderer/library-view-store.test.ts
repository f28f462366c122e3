import { afterEach, describe, expect, it } from 'vitest'
import {
  clearFilters,
  libraryView,
  toggleTag,
} from '../../src/renderer/src/features/library/library-view-store'

describe('toggleTag', () => {
  afterEach(() => clearFilters())

  it('turns a tag off by either spelling of its name', () => {
    toggleTag('Cafe\u0301')
    expect(libraryView.get().filter.tags).toEqual(['Cafe\u0301'])
    toggleTag('CAF\u00c9')
    expect(libraryView.get().filter.tags).toEqual([])
  })

  it('keeps a tag and its unaccented namesake apart', () => {
    toggleTag('Caf\u00e9')
    toggleTag('Cafe')
    expect(libraryView.get().filter.tags).toEqual(['Caf\u00e9', 'Cafe'])
  })
})
