import { describe, expect, it } from 'vitest'
import { fnv1a64 } from '../../../src/shared/export/fnv1a'

describe('fnv1a64', () => {
  // Reference values from the FNV test suite (draft-eastlake-fnv).
  it.each([
    ['', 'cbf29ce484222325'],
    ['a', 'af63dc4c8601ec8c'],
    ['foobar', '85944171f73967e8'],
  ])('hashes %j to the reference value', (input, expected) => {
    expect(fnv1a64(input)).toBe(expected)
  })

  it.each([
    ['two-byte UTF-8', 'é', '\u00e9'],
    ['three-byte UTF-8', '€', '\u20ac'],
    ['four-byte UTF-8', '😀', '\u{1F600}'],
  ])('hashes %s by its UTF-8 bytes, the same for equal strings', (_name, a, b) => {
    expect(fnv1a64(a)).toBe(fnv1a64(b))
    expect(fnv1a64(a)).toMatch(/^[0-9a-f]{16}$/u)
  })

  it('hashes a lone surrogate as U+FFFD, like TextEncoder', () => {
    expect(fnv1a64('x\uD800')).toBe(fnv1a64('x\uFFFD'))
  })

  it('matches hashing the TextEncoder bytes', () => {
    const text = 'Kaliningrad — «Автотор» 😀'
    let hash = 0xcbf29ce484222325n
    for (const byte of new TextEncoder().encode(text)) {
      hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n)
    }
    expect(fnv1a64(text)).toBe(hash.toString(16).padStart(16, '0'))
  })

  it('changes when one character changes', () => {
    expect(fnv1a64('Generated intro.')).not.toBe(fnv1a64('Generated intro!'))
  })
})
