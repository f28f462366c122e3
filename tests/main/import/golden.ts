/**
 * Golden-file support for the import tests.
 *
 * Why: the plain-text cleanup is a pile of heuristics whose result is best
 * judged by reading it. A golden file renders the whole parsed article as
 * Markdown so a reviewer sees every block and its type at a glance, and a
 * diff shows exactly what a rule change did. Run the tests with
 * `UPDATE_GOLDEN=1` to rewrite the files, then read the diff before
 * committing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'vitest'
import type { ParseOutcome } from '../../../src/main/import'

export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1'

/** Render a parse outcome as the Markdown stored in a golden file. */
export function renderGolden(sourceName: string, outcome: ParseOutcome): string {
  const lines = [
    `<!-- Parsed from ${sourceName}. Regenerate: UPDATE_GOLDEN=1 npx vitest run -->`,
    '',
  ]
  if (!outcome.ok) {
    lines.push(`Rejected: ${outcome.reason}`, '')
    return lines.join('\n')
  }
  const { article } = outcome
  const value = (text: string | null): string => (text === null ? '(none)' : text)
  lines.push(
    `# ${article.title}`,
    '',
    `- titleDerived: ${String(article.titleDerived)}`,
    `- source: ${value(article.source)}`,
    `- byline: ${value(article.byline)}`,
    `- publishedAt: ${value(article.publishedAt)}`,
    `- url: ${value(article.url)}`,
    article.citations.length === 0 ? '- citations: (none)' : '- citations:',
  )
  for (const citation of article.citations) lines.push(`  - ${citation}`)
  lines.push('', `## Blocks (${article.blocks.length})`, '')
  for (const block of article.blocks) lines.push(`[${block.type}] ${block.text}`, '')
  return lines.join('\n')
}

/** Compare with a golden file, or rewrite it when UPDATE_GOLDEN=1. */
export function expectGolden(actual: string, goldenPath: string): void {
  if (UPDATE_GOLDEN || !existsSync(goldenPath)) {
    writeFileSync(goldenPath, actual)
    if (!UPDATE_GOLDEN) throw new Error(`wrote missing golden ${goldenPath}; check it and rerun`)
    return
  }
  expect(actual).toBe(readFileSync(goldenPath, 'utf8'))
}
