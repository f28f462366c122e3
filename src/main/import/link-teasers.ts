/**
 * Links to other stories inside the story's container, recognised by their
 * shape: short lines that are all link, under a "Related" heading or in a
 * run at the end of the story.
 *
 * Why: after the furniture with telling class names (marked-clutter.ts) and
 * the phrase rules (clutter-rules.ts), most clutter left on trafilatura's
 * evaluation set was teaser headlines of other stories ("Richtig frühstücken:
 * Die besten Tipps für einen flachen Bauch", numbered "most discussed"
 * lists) in markup that names nothing. Their shape does: a short paragraph
 * or heading whose words are nearly all one link, a list of such items
 * after a related-stories heading in any language, a run of them closing
 * the container. A story paragraph that merely holds a link is mostly its
 * own words and stays; a list whose items are text is never touched, and a
 * list of links is only removed after such a heading or at the very end.
 *
 * Runs on the extracted container (Readability's or defuddle's), before it
 * is turned into blocks, where the links are still visible. Measured after
 * the phrase rules of the same day: trafilatura's set, clutter snippets
 * kept 210 -> 187 for one main-text snippet (an "Editors' Recommendations"
 * teaser the set counts as text); the extraction benchmark F1 0.971 ->
 * 0.973, precision 0.955 -> 0.959, recall unchanged at 0.988.
 */
import { RELATED_HEADING } from './clutter-rules'
import { linkWordsIn, wordsIn } from './marked-clutter'

/** The elements that become one block each. */
const LEAF = 'p, li, h1, h2, h3, h4, h5, h6, dt, dd'
const PARAGRAPH_LIKE = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd'])

/** A paragraph or heading of at most this many words, nearly all link: a teaser. */
const TEASER_MAX_WORDS = 20
const TEASER_LINK_SHARE = 0.8

/** Items after a related heading, or closing the container, are this much link. */
const LIST_LINK_SHARE = 0.6
const LIST_ITEM_MAX_WORDS = 40

/** A closing run of links is removed only when it holds this many items… */
const TRAILING_MIN_ITEMS = 2
/** …and at most this share of the container's words. */
const TRAILING_MAX_SHARE = 0.3

interface Leaf {
  readonly element: Element
  readonly words: number
  readonly linkShare: number
}

function leavesOf(container: Element): Leaf[] {
  const leaves: Leaf[] = []
  for (const element of Array.from(container.querySelectorAll(LEAF))) {
    if (element.querySelector(LEAF) !== null) continue
    const words = wordsIn(element)
    if (words === 0) continue
    leaves.push({ element, words, linkShare: linkWordsIn(element) / words })
  }
  return leaves
}

/**
 * Teasers are looked for only in the second half of the container: in the
 * first half, lines that are all link were as often the story's own (a link
 * blog's headlines, a call to an event page) on trafilatura's set.
 */
const TEASER_FROM = 0.5

/** Link text that is an address (a URL, a domain, an e-mail): a reference the story gives. */
const ADDRESS = /(?:https?:\/\/|www\.|@|\.(?:com|org|net|de|at|ch|fr|pl|es|it|uk)\b)/i

const isTeaser = (leaf: Leaf): boolean =>
  PARAGRAPH_LIKE.has(leaf.element.localName.toLowerCase()) &&
  leaf.words <= TEASER_MAX_WORDS &&
  leaf.linkShare >= TEASER_LINK_SHARE &&
  !ADDRESS.test(leaf.element.textContent ?? '')

const isLinkItem = (leaf: Leaf): boolean =>
  leaf.words <= LIST_ITEM_MAX_WORDS && leaf.linkShare >= LIST_LINK_SHARE

const isRelatedHeading = (leaf: Leaf): boolean =>
  RELATED_HEADING.test((leaf.element.textContent ?? '').replace(/\s+/g, ' ').trim())

/**
 * Remove the teasers from an extracted container (see the module header).
 * Never removes everything: a container that is only links is left whole
 * for the extraction check to flag.
 */
export function pruneLinkTeasers(container: Element): void {
  const leaves = leavesOf(container)
  const total = leaves.reduce((sum, leaf) => sum + leaf.words, 0)
  const doomed = new Set<Leaf>()

  leaves.forEach((leaf, i) => {
    if (i >= leaves.length * TEASER_FROM && isTeaser(leaf)) doomed.add(leaf)
    if (!isRelatedHeading(leaf)) return
    doomed.add(leaf)
    for (let j = i + 1; j < leaves.length && isLinkItem(leaves[j]!); j++) doomed.add(leaves[j]!)
  })

  // The closing run: link items to the end of the container.
  let start = leaves.length
  while (start > 0 && isLinkItem(leaves[start - 1]!)) start--
  const run = leaves.slice(start)
  const runWords = run.reduce((sum, leaf) => sum + leaf.words, 0)
  if (run.length >= TRAILING_MIN_ITEMS && runWords <= TRAILING_MAX_SHARE * total) {
    for (const leaf of run) doomed.add(leaf)
  }

  if (doomed.size === 0 || doomed.size === leaves.length) return
  for (const leaf of doomed) leaf.element.remove()
}
