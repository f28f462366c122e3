/**
 * The built-in briefing is a template: rendered over the briefing model with
 * the export's parts, it writes byte for byte what the Markdown exporter
 * writes, for every golden input and every choice of the export dialog.
 */
import { describe, expect, it } from 'vitest'
import { BUILT_IN_TEMPLATE_SOURCE } from '../../../src/shared/export/default-template'
import { buildBriefingModel } from '../../../src/shared/export/briefing-model'
import { withChecksum } from '../../../src/shared/export/keep-regions'
import {
  briefingParts,
  exportMarkdownBriefing,
  type BriefingInput,
} from '../../../src/shared/export/markdown'
import { renderTemplate } from '../../../src/shared/export/template'
import { hostileInput, oneArticleInput, twoArticlesInput } from './briefing-fixtures'

const OPTIONS: readonly Partial<BriefingInput>[] = [
  {},
  { introduction: 'Read for the *Monday* desk.\n\n> not a quote' },
  { skipEmpty: true },
  { groupBy: 'tag' },
  { groupBy: 'status', claimStatuses: ['unverified', 'disputed', 'false'] },
  { obsidianBlockIds: false, groupBy: 'tag' },
  { author: { name: 'Maria Keller', organisation: 'Grain Desk' } },
]

/** The built-in template's briefing for an input, as the export service renders it. */
function viaTemplate(input: BriefingInput): string {
  const rendered = renderTemplate(
    BUILT_IN_TEMPLATE_SOURCE,
    buildBriefingModel({
      title: input.title,
      generatedAt: input.generatedAt,
      articles: input.articles,
      markdown: briefingParts(input),
    }),
  )
  if (!rendered.ok) throw new Error(rendered.error.message)
  return withChecksum(rendered.text)
}

describe('the built-in briefing template', () => {
  for (const [name, input] of [
    ['one article', oneArticleInput],
    ['two articles', twoArticlesInput],
    ['a hostile article', hostileInput],
  ] as const) {
    it.each(OPTIONS.map((o) => [JSON.stringify(o), o] as const))(
      `writes the exporter's briefing of ${name} with %s`,
      (_label, options) => {
        const full: BriefingInput = { ...input, ...options }
        expect(viaTemplate(full)).toBe(exportMarkdownBriefing(full))
      },
    )
  }

  it('renders nothing of the parts when the export made none (a model without them)', () => {
    const rendered = renderTemplate(
      BUILT_IN_TEMPLATE_SOURCE,
      buildBriefingModel({ title: 'T', generatedAt: '2025-01-01T00:00:00.000Z', articles: [] }),
    )
    expect(rendered.ok && rendered.text.trim()).toBe('')
  })
})
