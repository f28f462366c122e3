import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import { expectGolden, renderGolden } from './golden'

const FIXTURES = join(__dirname, '../../fixtures/import')

/** Every input fixture; each has a `<name>.expected.md` golden beside it. */
const inputs = readdirSync(FIXTURES)
  .filter((name) => !name.endsWith('.expected.md'))
  .sort()

describe('golden outputs', () => {
  it('has fixtures to check', () => {
    // The four plain-text fixtures in the seed articles' shape, plus HTML and Markdown.
    expect(inputs.filter((name) => name.endsWith('.txt'))).toHaveLength(4)
  })

  it.each(inputs)('parses %s as in its golden file', (name) => {
    const outcome = parseArticleFile(name, readFileSync(join(FIXTURES, name)))
    expectGolden(renderGolden(name, outcome), join(FIXTURES, `${name}.expected.md`))
  })

  it('really has CRLF line endings in the CRLF fixture', () => {
    // Guards against a checkout converting the fixture and hiding the case.
    const raw = readFileSync(join(FIXTURES, 'steel-quotas-crlf.txt'), 'latin1')
    expect(raw).toContain('\r\n')
    expect(raw.replace(/\r\n/g, '')).not.toContain('\n')
  })
})
