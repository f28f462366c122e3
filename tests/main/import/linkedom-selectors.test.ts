/**
 * linkedom's selector methods answer from the tree as it is now once the
 * importer keeps compiled selectors (see src/main/import/linkedom-selectors.ts).
 *
 * Why: a kept matcher that remembered anything about the elements it saw
 * would answer from a tree the finders have since rewritten.
 */
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { parseDocument } from '../../../src/main/import/html'
import { keepCompiledSelectors } from '../../../src/main/import/linkedom-selectors'

function page(): Document {
  const parsed = parseDocument(
    '<!doctype html><html><body><div id="outer" class="story"><p class="a">One</p>' +
      '<p class="b">Two</p></div><aside class="a">Side</aside></body></html>',
  )
  // Only the open-page count is closed; the tree stays usable.
  parsed.close()
  return parsed.document
}

describe('kept compiled selectors for linkedom', () => {
  it('leaves a linkedom that is already loaded as it is', () => {
    page()
    expect(keepCompiledSelectors(createRequire(import.meta.url))).toBe(false)
  })

  it('answers querySelectorAll, querySelector, matches and closest from the current tree', () => {
    const document = page()
    expect(Array.from(document.querySelectorAll('.a')).map((e) => e.tagName)).toEqual([
      'P',
      'ASIDE',
    ])
    document.querySelector('aside')!.remove()
    expect(Array.from(document.querySelectorAll('.a')).map((e) => e.tagName)).toEqual(['P'])
    const second = document.querySelector('p.b')!
    expect(second.matches('.b')).toBe(true)
    second.className = 'a'
    expect(second.matches('.b')).toBe(false)
    expect(second.matches('.a')).toBe(true)
    expect(document.querySelectorAll('div .a').length).toBe(2)
    expect(second.closest('div.story')?.id).toBe('outer')
    document.getElementById('outer')!.className = 'other'
    expect(second.closest('div.story')).toBeNull()
  })

  it('still reads pseudo-classes against the current tree', () => {
    const document = page()
    expect(document.querySelectorAll('div:has(p.b)').length).toBe(1)
    document.querySelector('p.b')!.remove()
    expect(document.querySelectorAll('div:has(p.b)').length).toBe(0)
    const outer = document.getElementById('outer')!
    expect(outer.querySelectorAll(':scope > p').length).toBe(1)
  })

  it('works on a second page as on the first', () => {
    const first = page()
    const second = page()
    expect(first.querySelectorAll('p').length).toBe(2)
    expect(second.querySelectorAll('p').length).toBe(2)
    first.querySelector('p')!.remove()
    expect(second.querySelectorAll('p').length).toBe(2)
    expect(first.querySelectorAll('p').length).toBe(1)
  })
})
