import { describe, expect, it } from 'vitest'
import { parse, UsageError } from '../../src/cli/cli-kit'

const OPTIONS = {
  note: { type: 'string' },
  tag: { type: 'string', multiple: true },
  claim: { type: 'boolean' },
} as const

describe('parse', () => {
  it.each([
    [['--note', '-1 is wrong'], '-1 is wrong'],
    [['--note=-1 is wrong'], '-1 is wrong'],
    [['--note', '---'], '---'],
    [['--note=---'], '---'],
    [['--note', '--claim'], '--claim'],
    [['--note', ''], ''],
  ])('%j gives the note %j', (args, note) => {
    expect(parse(args, OPTIONS, true).values.note).toBe(note)
  })

  it('takes every value of a repeated option, whatever it starts with', () => {
    const { values } = parse(['--tag', '-a', '--claim', '--tag', 'b'], OPTIONS, true)
    expect(values).toEqual({ tag: ['-a', 'b'], claim: true })
  })

  it('leaves arguments after -- alone, and reports a missing value and unknown options', () => {
    expect(parse(['x', '--', '--note', 'y'], OPTIONS, true).positionals).toEqual([
      'x',
      '--note',
      'y',
    ])
    expect(() => parse(['--note'], OPTIONS, true)).toThrow(UsageError)
    expect(() => parse(['--bogus', 'x'], OPTIONS, true)).toThrow(UsageError)
  })
})
