/**
 * The briefing read by a real CommonMark + GFM parser (micromark, the parser
 * behind remark and many Markdown tools), not by our own line rules.
 *
 * Checks what a colleague's viewer would show: every top-level quote is an
 * article's passage or an analyst's note callout (a note never renders as
 * the article's words), every table row has the header's cells, claim links
 * are named (no bare ids), and no two blocks share an id.
 */
import type { Blockquote, Root, RootContent, Table, Text } from 'mdast'
import { fromMarkdown } from 'mdast-util-from-markdown'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfm } from 'micromark-extension-gfm'
import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../src/shared/domain/annotation'
import {
  exportMarkdownBriefing,
  type BriefingArticle,
  type BriefingInput,
} from '../../../src/shared/export/markdown'
import { hostileInput, oneArticleInput, twoArticlesInput } from './briefing-fixtures'
import { splitFrontMatter } from './markdown-structure'

/** Notes testers wrote that used to pass for the article's quote or repeat a block id. */
const TRICKY_NOTES = [
  '> “We will not leave,” the spokesman said.',
  '> [!warning] Single source\n> Check before quoting.',
  'Compare with the claim above ^ann-claim-1',
  '>> nested\n> quote',
]

function parse(markdown: string): Root {
  return fromMarkdown(splitFrontMatter(markdown).body, {
    extensions: [gfm()],
    mdastExtensions: [gfmFromMarkdown()],
  })
}

/** All the text under a node, as a viewer would show it. */
function textOf(node: RootContent | Root): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') {
    return (node as Text).value
  }
  if ('children' in node) return node.children.map((c) => textOf(c as RootContent)).join('')
  return ''
}

/** With the tricky notes on the annotations and the article. */
function withTrickyNotes(input: BriefingInput): BriefingInput {
  let n = 0
  const articles: BriefingArticle[] = input.articles.map((entry) => ({
    ...entry,
    articleNote: TRICKY_NOTES[1],
    annotations: entry.annotations.map((a): Annotation => ({
      ...a,
      note: TRICKY_NOTES[n++ % TRICKY_NOTES.length]!,
    })),
  }))
  return { ...input, articles }
}

const CASES: [string, BriefingInput][] = []
for (const [name, input] of [
  ['one article', oneArticleInput],
  ['two articles', twoArticlesInput],
  ['a hostile article', hostileInput],
] as const) {
  for (const options of [
    {},
    { groupBy: 'tag' as const },
    { groupBy: 'status' as const, claimStatuses: ['unverified', 'disputed', 'false'] },
    { obsidianBlockIds: false },
  ]) {
    CASES.push([`${name} ${JSON.stringify(options)}`, withTrickyNotes({ ...input, ...options })])
  }
}

describe('the briefing as a CommonMark + GFM parser reads it', () => {
  it.each(CASES)('%s: every top-level quote is a passage or a note callout', (_name, input) => {
    const quotes = new Set(
      input.articles.flatMap((a) => a.annotations.map((x) => x.target.quote.exact)),
    )
    const tree = parse(exportMarkdownBriefing(input))
    const blockquotes = tree.children.filter((c): c is Blockquote => c.type === 'blockquote')
    expect(blockquotes.length).toBeGreaterThan(0)
    for (const quote of blockquotes) {
      const text = textOf(quote).replace(/\s+/gu, ' ').trim()
      const isCallout = /^\[!note\]/iu.test(text)
      const isPassage = [...quotes].some(
        (q) => text.includes(q.replace(/\s+/gu, ' ').trim().slice(0, 40)) || q.trim() === '',
      )
      expect(isCallout || isPassage, text.slice(0, 120)).toBe(true)
      // A note is never a passage: the note texts appear only inside callouts.
      if (!isCallout) expect(text).not.toContain('Check before quoting')
    }
  })

  it.each(CASES)('%s: every table row has the header’s cells', (_name, input) => {
    const tree = parse(exportMarkdownBriefing(input))
    const tables = tree.children.filter((c): c is Table => c.type === 'table')
    for (const table of tables) {
      const width = table.children[0]!.children.length
      for (const row of table.children) expect(row.children).toHaveLength(width)
    }
  })

  it.each(CASES)('%s: claim links are named, and no block id repeats', (_name, input) => {
    const markdown = exportMarkdownBriefing(input)
    const text = textOf(parse(markdown))
    expect(text).not.toMatch(/article art-[\w-]+, annotation ann-/u)
    const ids = markdown.split('\n').filter((line) => /^\^[\w-]+$/u.test(line))
    expect(new Set(ids).size).toBe(ids.length)
  })
})
