/**
 * Anchoring 200 annotations on a revised 10,000-word article.
 *
 * Correctness only: timing belongs in benchmarks, not in assertions that
 * flake on a busy machine.
 */
import { beforeAll, describe, expect, it } from 'vitest'

import { anchorAll, type AnchorResult } from '../../../src/shared/anchoring'
import { countWords } from '../../../src/shared/domain/article'
import { isVerbatimAt } from './article-generator'
import { buildScaleScenario } from './scale-scenario'

describe('anchorAll on a long revised article', () => {
  const scenario = buildScaleScenario(2024)
  let results: AnchorResult[] = []

  beforeAll(() => {
    const targets = scenario.annotations.map((a) => a.target)
    results = anchorAll(scenario.revised, 'hash-revised', targets)
  })

  it('works on the intended scale', () => {
    expect(countWords(scenario.original)).toBeGreaterThanOrEqual(10_000)
    expect(scenario.annotations).toHaveLength(200)
    expect(scenario.annotations.filter((a) => a.editedInside)).toHaveLength(20)
    expect(scenario.revised).not.toBe(scenario.original)
  })

  it('finds every untouched quote at exactly its new span', () => {
    const untouched = scenario.annotations.flatMap((a, i) => (a.editedInside ? [] : [i]))
    expect(untouched).toHaveLength(180)
    for (const i of untouched) {
      const { target, expected } = scenario.annotations[i] ?? expect.unreachable()
      const result = results[i]
      expect(result?.status).not.toBe('orphaned')
      expect({ start: result?.start, end: result?.end }).toEqual(expected)
      expect(scenario.revised.slice(expected.start, expected.end)).toBe(target.quote.exact)
    }
  })

  it('finds every edited quote as drifted at its new span', () => {
    const edited = scenario.annotations.flatMap((a, i) => (a.editedInside ? [i] : []))
    for (const i of edited) {
      const { expected } = scenario.annotations[i] ?? expect.unreachable()
      expect(results[i]).toMatchObject({
        status: 'drifted',
        start: expected.start,
        end: expected.end,
      })
      expect(results[i]?.score).toBeLessThan(1)
    }
  })

  it('reports anchored exactly the quotes whose own words are intact, whatever their context', () => {
    // Until 2026-12 a quote was anchored only with its context verbatim too,
    // so the untouched quotes below whose context an edit reached were
    // reported drifted. The passage's own change now decides.
    const statuses = scenario.annotations.map((a) => (a.editedInside ? 'drifted' : 'anchored'))
    expect(results.map((r) => r.status)).toEqual(statuses)
    // Sentence insertions and deletions reach into the context of some
    // untouched quotes, so the rule is exercised.
    const contextChanged = scenario.annotations.filter(
      (a) => !a.editedInside && !isVerbatimAt(scenario.revised, a.expected, a.target),
    )
    expect(contextChanged.length).toBeGreaterThan(0)
  })
})
