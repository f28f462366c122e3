/**
 * The analyst profile: what each field accepts, and how a stored file is read.
 */
import { describe, expect, it } from 'vitest'
import {
  applyProfilePatch,
  EMPTY_PROFILE,
  profileAuthor,
  profileFieldProblem,
  readProfile,
} from '../../../src/shared/domain/profile'

describe('analyst profile', () => {
  it.each([
    ['url', 'https://desk.example.org/', null],
    ['url', 'http://desk.example.org', null],
    ['url', '', null],
    ['url', 'desk.example.org', /http or https/],
    ['url', 'ftp://desk.example.org', /http or https/],
    ['url', 'javascript:alert(1)', /http or https/],
    ['publishBaseUrl', 'https://desk.example.org/checks#top', /cannot contain "#"/],
    ['name', 'x'.repeat(201), /longer than 200/],
  ] as const)('%s %j → %s', (key, value, problem) => {
    const found = profileFieldProblem(key, value)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toMatch(problem)
  })

  it('trims what it keeps, and changes nothing when any field is bad', () => {
    const next = applyProfilePatch(EMPTY_PROFILE, { name: '  Dana  ', url: ' https://a.example/ ' })
    expect(next).toEqual({ ...EMPTY_PROFILE, name: 'Dana', url: 'https://a.example/' })
    expect(() => applyProfilePatch(next, { name: 'Other', url: 'nope' })).toThrow(/URL must be/)
  })

  it('reads a damaged or hand-edited file field by field', () => {
    expect(readProfile(null)).toEqual(EMPTY_PROFILE)
    expect(readProfile({ name: 'Dana', url: 'not a url', extra: 1, organisation: 7 })).toEqual({
      ...EMPTY_PROFILE,
      name: 'Dana',
    })
  })

  it.each([
    [{ ...EMPTY_PROFILE }, null],
    [{ ...EMPTY_PROFILE, organisation: 'Desk' }, { name: 'Desk' }],
    [
      { ...EMPTY_PROFILE, name: 'Dana', organisation: 'Desk', url: 'https://a.example/' },
      { name: 'Dana', organisation: 'Desk', url: 'https://a.example/' },
    ],
  ])('gives exporters the author %#', (profile, author) => {
    expect(profileAuthor(profile)).toEqual(author)
  })
})
