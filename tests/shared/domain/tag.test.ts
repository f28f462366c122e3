import { describe, expect, it } from 'vitest'
import {
  isTagWithin,
  normaliseTagList,
  normaliseTagName,
  reparentTagName,
  tagKey,
  tagLeaf,
  tagParent,
} from '../../../src/shared/domain/tag'

describe('tag identity', () => {
  it.each([
    ['same casing', 'BMW', 'BMW'],
    ['surrounding spaces', 'BMW', ' bmw '],
    ['mixed casing', 'BMW', 'Bmw'],
    ['internal whitespace', 'Grain  corridor', 'grain\tcorridor'],
    ['spaces around separators', 'entity/company/BMW', ' entity / company /bmw'],
    ['empty segments', 'entity/company', 'entity//company/'],
    ['non-ASCII casing', 'Автотор', 'АВТОТОР'],
    ['composed and decomposed letters', 'topic/Caf\u00e9', 'TOPIC/CAFE\u0301'],
    [
      'composed and decomposed й',
      '\u0419\u043e\u0448\u043a\u0430\u0440',
      '\u0438\u0306\u043e\u0448\u043a\u0430\u0440',
    ],
  ])('treats %s as one tag', (_label, a, b) => {
    expect(tagKey(a)).toBe(tagKey(b))
  })

  it.each([
    ['different names', 'BMW', 'BMW AG'],
    ['parent and child', 'entity', 'entity/company'],
    ['prefix that is not a parent', 'entity', 'entity2'],
    ['a letter with and without its accent', 'Café', 'Cafe'],
    ['й and и', 'Йошкар', 'Иошкар'],
  ])('keeps %s apart', (_label, a, b) => {
    expect(tagKey(a)).not.toBe(tagKey(b))
  })

  it('keeps the first-seen casing in a list', () => {
    expect(normaliseTagList(['BMW', ' bmw ', 'Bmw', 'topic/ports', 'Topic/Ports'])).toEqual([
      'BMW',
      'topic/ports',
    ])
  })

  it('tidies names', () => {
    expect(normaliseTagName('  entity /  company  name / BMW ')).toBe('entity/company name/BMW')
    expect(normaliseTagName(' / ')).toBe('')
  })

  it('composes names (NFC), so one spelling on screen is one string on disk', () => {
    expect(normaliseTagName(' topic / Cafe\u0301 ')).toBe('topic/Caf\u00e9')
    expect(normaliseTagList(['Cafe\u0301', 'caf\u00e9'])).toEqual(['Caf\u00e9'])
  })

  it('finds a decomposed name, as an older library may hold it, within a composed parent', () => {
    expect(isTagWithin('Cafe\u0301/menu', 'CAF\u00c9')).toBe(true)
  })
})

describe('tag hierarchy', () => {
  it.each([
    ['entity/company/BMW', 'entity/company', 'BMW'],
    ['entity', null, 'entity'],
    [' a / b ', 'a', 'b'],
  ])('%j has parent %j and leaf %j', (name, parent, leaf) => {
    expect(tagParent(name)).toBe(parent)
    expect(tagLeaf(name)).toBe(leaf)
  })

  it.each([
    ['entity/company/BMW', 'entity', true],
    ['Entity/BMW', 'entity', true],
    ['entity', 'entity', true],
    ['entity2', 'entity', false],
    ['entity', 'entity/company', false],
    ['anything', '', false],
  ])('%j within %j is %s', (name, ancestor, expected) => {
    expect(isTagWithin(name, ancestor)).toBe(expected)
  })

  it.each([
    ['the tag itself', 'a/b', 'a/b', 'x', 'x'],
    ['a child', 'a/b/c', 'a/b', 'x', 'x/c'],
    ['a grandchild keeping its casing', 'A/b/C/d', 'a/b', 'x/Y', 'x/Y/C/d'],
    ['a tag outside', 'a/bc', 'a/b', 'x', null],
    ['to the top level', 'a/b/c', 'a/b', 'b', 'b/c'],
  ])('re-roots %s', (_label, name, from, to, expected) => {
    expect(reparentTagName(name, from, to)).toBe(expected)
  })
})
