/**
 * Ground truth on real articles: 8 news stories (tests/fixtures/anchoring),
 * 30 annotations each, updated the ways outlets update stories (typo fixes,
 * a paragraph inserted, sentences reworded, paragraphs deleted, figures
 * corrected, quotation marks restyled, and all of these at once); every
 * annotation's status is checked against where its passage really went,
 * which `update-scenario.ts` works out by following each edit.
 *
 * The rule under test: a passage whose own words are unchanged is anchored,
 * whatever happened around it; one whose words changed is drifted (or
 * orphaned when too little of it is left); one that was removed is orphaned.
 * Nothing is ever placed away from where its passage went, and nothing is
 * anchored on text that differs from its stored quote.
 */
import { describe, expect, it } from 'vitest'

import {
  anchorAll,
  anchorTarget,
  describeSpan,
  type AnchorResult,
  type AnchorStatus,
} from '../../../src/shared/anchoring'
import { articleText } from '../../../src/shared/domain/article'
import { isVerbatimAt } from './article-generator'
import {
  EDIT_KINDS,
  buildUpdateScenario,
  loadFixtureArticles,
  type EditKind,
  type Fate,
  type UpdatedAnnotation,
} from './update-scenario'

const ANNOTATIONS_PER_ARTICLE = 30
/**
 * Separate updates of each kind per article, each with its own 30
 * annotations and edits: 8 × 7 × 5 × 30 = 8,400 annotations in a few seconds.
 */
const UPDATES_PER_KIND = 5

/** One annotation's ground truth next to what anchoring said. */
interface Outcome {
  readonly kind: EditKind
  readonly article: string
  readonly quote: string
  readonly fate: Fate
  readonly status: AnchorStatus
  /** Placed on a span that does not overlap where the passage went (or placed at all, if removed). */
  readonly misattached: boolean
  /** Anchored although the text found is not the stored quote. */
  readonly requoted: boolean
  /** Drifted although the text found is exactly the stored quote. */
  readonly falseDrift: boolean
  /** Anchored at exactly the passage's new span. */
  readonly exact: boolean
  /** The stored prefix or suffix no longer sits verbatim around the passage. */
  readonly contextChanged: boolean
}

function outcomeOf(
  kind: EditKind,
  article: string,
  revised: string,
  annotation: UpdatedAnnotation,
  result: AnchorResult,
): Outcome {
  const { target, fate, span } = annotation
  const placed = result.start !== null && result.end !== null
  const found = placed ? revised.slice(result.start ?? 0, result.end ?? 0) : null
  const overlaps = placed && (result.start ?? 0) < span.end && span.start < (result.end ?? 0)
  return {
    kind,
    article,
    quote: target.quote.exact,
    fate,
    status: result.status,
    misattached: placed && (fate === 'removed' || !overlaps),
    requoted: result.status === 'anchored' && found !== target.quote.exact,
    falseDrift: result.status === 'drifted' && found === target.quote.exact,
    exact: result.status === 'anchored' && result.start === span.start && result.end === span.end,
    contextChanged: fate === 'untouched' && !isVerbatimAt(revised, span, target),
  }
}

const articles = loadFixtureArticles()
const scenarios = EDIT_KINDS.flatMap((kind, k) =>
  articles.flatMap((article, a) => {
    // Inserted paragraphs come from the other stories, as a wire update's would.
    const donors = articles
      .filter((other) => other !== article)
      .flatMap((other) => other.blocks.map((b) => b.text))
      .filter((text) => text.length >= 80)
    return Array.from({ length: UPDATES_PER_KIND }, (_, round) =>
      buildUpdateScenario(
        article,
        donors,
        kind,
        10_000 * round + 100 * k + a,
        ANNOTATIONS_PER_ARTICLE,
      ),
    )
  }),
)
const outcomes = scenarios.flatMap(({ kind, article, revised, annotations }) => {
  const results = anchorAll(
    revised,
    `${article}-v2`,
    annotations.map((a) => a.target),
  )
  return annotations.map((a, i) => outcomeOf(kind, article, revised, a, results[i] as AnchorResult))
})

/** "anchored/drifted/orphaned" counts of some outcomes. */
function counts(list: readonly Outcome[]): string {
  const n = (status: AnchorStatus) => list.filter((o) => o.status === status).length
  return `${n('anchored')}/${n('drifted')}/${n('orphaned')}`
}

function summaryLine(label: string, list: readonly Outcome[]): string {
  const of = (fate: Fate) => list.filter((o) => o.fate === fate)
  const untouched = of('untouched')
  const moved = untouched.filter((o) => o.contextChanged).length
  return [
    label.padEnd(18),
    `untouched ${counts(untouched)} (context changed ${moved})`.padEnd(40),
    `reworded ${counts(of('reworded'))}`.padEnd(20),
    `removed ${counts(of('removed'))}`.padEnd(18),
    `misattached ${list.filter((o) => o.misattached).length}`,
    `re-quoted ${list.filter((o) => o.requoted).length}`,
  ].join(' | ')
}

describe(`${articles.length} real articles × ${ANNOTATIONS_PER_ARTICLE} annotations, updated ${UPDATES_PER_KIND} times in each of ${EDIT_KINDS.length} ways`, () => {
  it('prints the figures (anchored/drifted/orphaned per ground truth)', () => {
    const lines = [
      ...EDIT_KINDS.map((kind) =>
        summaryLine(
          kind,
          outcomes.filter((o) => o.kind === kind),
        ),
      ),
      summaryLine('total', outcomes),
    ]
    console.log(`Update ground truth (a/d/o = anchored/drifted/orphaned)\n${lines.join('\n')}`)
    expect(outcomes).toHaveLength(
      EDIT_KINDS.length * articles.length * UPDATES_PER_KIND * ANNOTATIONS_PER_ARTICLE,
    )
  })

  it('uses enough real articles and exercises every kind of edit', () => {
    expect(articles.length).toBeGreaterThanOrEqual(6)
    for (const kind of EDIT_KINDS) {
      const list = outcomes.filter((o) => o.kind === kind)
      // Every kind changes the surroundings of some untouched passages: the
      // case the rule is about.
      expect(list.filter((o) => o.contextChanged).length, kind).toBeGreaterThan(0)
      if (kind !== 'paragraph inserted' && kind !== 'paragraph deleted') {
        expect(list.filter((o) => o.fate === 'reworded').length, kind).toBeGreaterThan(0)
      }
      if (kind === 'paragraph deleted' || kind === 'all combined') {
        expect(list.filter((o) => o.fate === 'removed').length, kind).toBeGreaterThan(0)
      }
    }
  })

  it('knows the truth: untouched passages are verbatim where tracked, removed ones are gone', () => {
    for (const { revised, annotations } of scenarios) {
      for (const { target, fate, span } of annotations) {
        const now = revised.slice(span.start, span.end)
        if (fate === 'untouched') expect(now).toBe(target.quote.exact)
        if (fate === 'reworded') expect(now).not.toBe(target.quote.exact)
        if (fate === 'removed') expect(revised).not.toContain(target.quote.exact)
      }
    }
  })

  it('anchors every untouched passage at exactly its new span, even when its context changed', () => {
    const missed = outcomes.filter((o) => o.fate === 'untouched' && !o.exact)
    expect(missed.map((o) => `${o.kind}, ${o.article}: ${o.status} "${o.quote}"`)).toEqual([])
  })

  it('never places a passage away from where it went', () => {
    const wrong = outcomes.filter((o) => o.misattached)
    expect(wrong.map((o) => `${o.kind}, ${o.article}: ${o.fate} "${o.quote}"`)).toEqual([])
  })

  it('never re-quotes silently: anchored means the stored quote, drifted means other text', () => {
    expect(outcomes.filter((o) => o.requoted)).toEqual([])
    expect(outcomes.filter((o) => o.falseDrift)).toEqual([])
  })

  it('marks every reworded passage drifted or orphaned, never anchored', () => {
    const reworded = outcomes.filter((o) => o.fate === 'reworded')
    expect(reworded.filter((o) => o.status === 'anchored')).toEqual([])
  })

  it('orphans every removed passage', () => {
    const removed = outcomes.filter((o) => o.fate === 'removed')
    expect(removed.filter((o) => o.status !== 'orphaned')).toEqual([])
  })
})

describe('a story whose opening paragraph was deleted', () => {
  it.each(articles)('anchors the new opening paragraph of $name at the start', ({ blocks }) => {
    // The passage's prefix has nothing left to agree with, while an edited
    // match a few words shorter picks up some chance likeness before it; the
    // verbatim words must still win (they lost to it on the PG&E story).
    const before = articleText(blocks)
    const after = articleText(blocks.slice(1))
    const second = blocks[1]?.text ?? ''
    const start = before.indexOf(second)
    const target = describeSpan(before, start, start + second.length, 'v1')
    expect(anchorTarget(after, 'v2', target)).toMatchObject({
      status: 'anchored',
      start: 0,
      end: second.length,
    })
  })
})
