import { describe, expect, it } from 'vitest'
import { diffRecords, patchRecords } from '../../../src/main/services/change-set'

interface Rec {
  id: string
  v: number
}
const key = (r: Rec): string => r.id
const recs = (spec: string): Rec[] =>
  spec
    .split(' ')
    .filter((s) => s.length > 0)
    .map((s) => ({ id: s.replace(/\d+$/, ''), v: Number(s.match(/\d+$/)?.[0] ?? 0) }))

describe('record diffs', () => {
  it.each([
    ['nothing changed', 'a b c', 'a b c', 0],
    ['a record added at the end', 'a b', 'a b c', 1],
    ['a record added in the middle', 'a c', 'a b c', 1],
    ['a record removed', 'a b c', 'a c', 1],
    ['a record edited', 'a b c', 'a b5 c', 1],
    ['records added, removed and edited', 'a b c d', 'x a2 c y', 5],
    ['records reordered', 'a b c', 'c a b', 3],
    ['from empty', '', 'a b', 2],
    ['to empty', 'a b', '', 2],
  ])('%s: rebuilds each side exactly from the other', (_label, b, a, changed) => {
    const before = recs(b)
    const after = recs(a)
    const diff = diffRecords(before, after, key)
    expect(diff).toHaveLength(changed)
    expect(patchRecords(before, diff, 'after', key)).toEqual(after)
    expect(patchRecords(after, diff, 'before', key)).toEqual(before)
  })

  it('leaves records the diff does not name alone', () => {
    const diff = diffRecords(recs('a b c'), recs('a b7 c'), key)
    // Since the diff was taken, "c" changed and "z" was added by someone else.
    const current = recs('a b7 c9 z')
    expect(patchRecords(current, diff, 'before', key)).toEqual(recs('a b c9 z'))
  })

  it('does not share objects with the diff', () => {
    const diff = diffRecords(recs('a'), recs('a1'), key)
    const patched = patchRecords(recs('a'), diff, 'after', key)
    patched[0]!.v = 99
    expect(patchRecords(recs('a'), diff, 'after', key)).toEqual(recs('a1'))
  })
})
