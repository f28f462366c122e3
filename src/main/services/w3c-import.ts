/**
 * Importing W3C Web Annotations into the library.
 *
 * Why: two analysts working on the same articles exchange their work as W3C
 * JSON-LD (see `src/shared/export/w3c.ts`), and the article on the other
 * side is often not the same text: the outlet updated the story, and
 * another outlet's copy of the same wire story may sit beside it. So this
 * module decides, for every annotation, which article it belongs to and
 * what became of its passage there, and never loses or moves one silently:
 *
 * 1. The article is the one the annotation names: by the web address the
 *    document gives, else by the content hash in its `source` (which
 *    `store.findByContentHash` also knows for earlier versions of an
 *    article), else by its title. A named article is final: the annotation
 *    never lands on another one, however well its quote matches there.
 * 2. Only when the source names no article here are the passages searched
 *    across the library, and there context agreeing around a find outweighs a
 *    bare quote match. Annotations from one source were made on one text, so
 *    those that match nowhere stay with the others when all of those were
 *    found on a single article.
 * 3. On its article an annotation is placed (its passage is there as
 *    written: fresh selectors for this text), drifted (there in other words:
 *    stored with its own quote at the place found, so the reader marks it
 *    and offers the new wording) or orphaned (not there: stored with its own
 *    quote, note, tags and claim for re-attachment). It is refused only when
 *    no article could be told to be its article.
 *
 * 4. Files from other tools (see `w3c-hypothesis.ts` and `w3c-selectors.ts`
 *    in `src/shared/export`) bring passages given by a range of text
 *    selectors (found between their ends on the named article), by a
 *    position alone (taken where it falls when no quote came with it and
 *    the text there exists), one passage per target, and page notes (no
 *    passage): a page note's text is added to its article's note.
 *
 * The report says which and why for each annotation, including those the
 * file gives in a shape this app cannot use, and the whole import is one
 * undoable command.
 */
import {
  normaliseClaimStatuses,
  type Annotation,
  type AnnotationTarget,
} from '../../shared/domain/annotation'
import { articleText } from '../../shared/domain/article'
import { newClaim } from '../../shared/domain/claim-fields'
import { tagKey } from '../../shared/domain/tag'
import { anchorTarget, describeSpan, type AnchorResult } from '../../shared/anchoring'
import {
  fromCodePointOffset,
  parseW3cAnnotations,
  W3cFormatError,
  type ParsedW3cAnnotation,
} from '../../shared/export/w3c'
import { findRange } from '../../shared/export/w3c-selectors'
import {
  MAX_W3C_IMPORT_ITEMS,
  type W3cImportItem,
  type W3cImportOutcome,
  type W3cImportReport,
} from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import { nameKey } from '../../shared/search/fold'
import type { IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { newAnnotationId } from './annotations'
import { readArticleModel } from './articles'
import { sliceYielder } from '../slices'
import { ensureTags } from './codebook'
import { historyFor, type ArticleDraft, type ServiceDeps, type Workspace } from './history'

export type W3cImportDeps = ServiceDeps

/** An id we keep as it came: the shape our own ids and contract accept. */
const KEEPABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/u

/**
 * The content hash stored with selectors when the document does not say
 * which text they were made on. It matches no text, so re-anchoring always
 * searches rather than trusting the offsets.
 */
const UNKNOWN_TEXT_HASH = 'unknown'

/**
 * How much lower a find on the article where the rest of its source's
 * annotations went may score than the best find elsewhere and still be
 * preferred: annotations from one source were made on one text.
 */
const SAME_SOURCE_MARGIN = 0.05

/** Shortest stored context worth a cheap verbatim look-up when choosing articles to search. */
const MIN_CONTEXT_PROBE = 8

/** Characters of a quote shown in the report. */
const REPORT_QUOTE_LENGTH = 80

/** How the article an annotation belongs to was told. */
type Identified = 'address' | 'content hash' | 'title' | 'passage' | 'same source'

const IDENTIFIED_BY: Record<Identified, string> = {
  address: 'matched by its web address',
  'content hash': 'matched by its text',
  title: 'matched by its title',
  passage: 'its source names no article here; matched by its passage',
  'same source': 'its source names no article here; the other annotations from it are on this one',
}

/** What to do with one annotation of the document. */
interface Decision {
  readonly parsed: ParsedW3cAnnotation
  readonly outcome: Exclude<W3cImportOutcome, 'duplicate' | 'invalid'>
  readonly entry: IndexEntry | null
  /** What to store; null when refused. */
  readonly target: AnnotationTarget | null
  readonly reason: string
}

/** A place an annotation's passage was found, and how strongly the evidence points there. */
interface Find {
  readonly entry: IndexEntry
  readonly result: AnchorResult
  readonly evidence: number
}

/** What an article's text is, read once per import; null when it cannot be read (damaged). */
class Texts {
  private readonly cache = new Map<string, string | null>()
  /** Matching is long pure work: every loop over texts gives the event loop a turn now and then. */
  readonly yieldSometimes = sliceYielder()
  constructor(private readonly store: LibraryStore) {}
  async of(entry: IndexEntry): Promise<string | null> {
    let text = this.cache.get(entry.id)
    if (text === undefined) {
      // The one read model: the current version's text, as the reader shows it.
      const read = await readArticleModel(this.store, entry.id)
      text = read.damage?.part === 'text' ? null : articleText(read.article.blocks)
      this.cache.set(entry.id, text)
    }
    return text
  }
}

const ORPHANED: AnchorResult = { status: 'orphaned', start: null, end: null, score: 0 }

/** Where a parsed annotation's passage is in `text`, as re-anchoring would judge it. */
function anchorOn(parsed: ParsedW3cAnnotation, text: string, contentHash: string): AnchorResult {
  if (parsed.pageNote) return ORPHANED
  if (parsed.range !== null) {
    // Another tool's range of text selectors: its ends found in this text, or nothing.
    const span = findRange(text, parsed.range)
    return span === null ? ORPHANED : { status: 'anchored', ...span, score: 1 }
  }
  const sameText = parsed.contentHash === contentHash
  const start = parsed.position === null ? null : fromCodePointOffset(text, parsed.position.start)
  const end = parsed.position === null ? null : fromCodePointOffset(text, parsed.position.end)
  if (parsed.quote === null) {
    // Positions alone: on a text of ours, only on the very text they were made
    // on; from another tool (no content hash), where they fall in this text.
    const ownOtherText = parsed.contentHash !== null && !sameText
    if (ownOtherText || start === null || end === null || end <= start) return ORPHANED
    if (text.slice(start, end).trim().length === 0) return ORPHANED
    return { status: 'anchored', start, end, score: 1 }
  }
  return anchorTarget(text, contentHash, {
    contentHash: parsed.contentHash ?? UNKNOWN_TEXT_HASH,
    quote: { type: 'TextQuoteSelector', ...parsed.quote },
    // A position that is not in this text is only a hint; the quote decides.
    position: {
      type: 'TextPositionSelector',
      start: start ?? 0,
      end: end !== null && start !== null && end > start ? end : (start ?? 0) + 1,
    },
  })
}

// ---------------------------------------------------------------------------
// Evidence for choosing among articles

/** Lower-cased, whitespace runs as one space: enough folding to compare passages by letters. */
function foldForComparison(text: string): string {
  return text.toLocaleLowerCase('und').replace(/\s+/gu, ' ')
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (let i = 0; i + 1 < text.length; i++) {
    const pair = text.slice(i, i + 2)
    counts.set(pair, (counts.get(pair) ?? 0) + 1)
  }
  return counts
}

/** How alike two strings are, 0 to 1 (Dice coefficient of character pairs). */
function similarity(a: string, b: string): number {
  const x = foldForComparison(a)
  const y = foldForComparison(b)
  if (x === y) return 1
  if (x.length < 2 || y.length < 2) return 0
  const pairsX = bigrams(x)
  let shared = 0
  for (const [pair, count] of bigrams(y)) shared += Math.min(count, pairsX.get(pair) ?? 0)
  return (2 * shared) / (x.length - 1 + (y.length - 1))
}

/**
 * How well the text around a find agrees with the stored context, 0 to 1, or
 * null when the annotation stored none (a passage at the very start and end).
 */
function contextAgreement(
  quote: NonNullable<ParsedW3cAnnotation['quote']>,
  text: string,
  start: number,
  end: number,
): number | null {
  const sides: number[] = []
  if (quote.prefix.length > 0) {
    sides.push(
      similarity(quote.prefix, text.slice(Math.max(0, start - quote.prefix.length), start)),
    )
  }
  if (quote.suffix.length > 0) {
    sides.push(similarity(quote.suffix, text.slice(end, end + quote.suffix.length)))
  }
  return sides.length === 0 ? null : sides.reduce((sum, side) => sum + side, 0) / sides.length
}

/**
 * How strongly a find says "this is the passage", 0 to 1: the quote's
 * likeness and its context's agreement weigh the same, so a find whose
 * surroundings agree beats a bare quote match in unrelated surroundings.
 */
function evidenceOf(parsed: ParsedW3cAnnotation, text: string, result: AnchorResult): number {
  if (result.start === null || result.end === null) return 0
  if (parsed.quote === null) return result.score
  const quote = similarity(parsed.quote.exact, text.slice(result.start, result.end))
  const context = contextAgreement(parsed.quote, text, result.start, result.end)
  return (quote + (context ?? 0.5)) / 2
}

// ---------------------------------------------------------------------------
// The article an annotation names

/** A web address as a key: no scheme, `www.`, fragment or trailing slash; host lower-cased. */
function addressKey(address: string): string {
  const trimmed = address.trim()
  try {
    const url = new URL(trimmed)
    const host = url.host.toLowerCase().replace(/^www\./u, '')
    return `${host}${url.pathname.replace(/\/+$/u, '')}${url.search}`
  } catch {
    return trimmed
  }
}

function hostOf(address: string): string | null {
  try {
    return new URL(address.trim()).host.toLowerCase().replace(/^www\./u, '')
  } catch {
    return null
  }
}

function titleKey(title: string): string {
  return title.normalize('NFKC').toLocaleLowerCase('und').replace(/\s+/gu, ' ').trim()
}

/** The library's articles by address key and title key, built once per import. */
class Names {
  private byAddress: Map<string, IndexEntry[]> | undefined
  private byTitle: Map<string, IndexEntry[]> | undefined
  constructor(private readonly store: LibraryStore) {}

  private static group(
    entries: readonly IndexEntry[],
    key: (entry: IndexEntry) => string | null,
  ): Map<string, IndexEntry[]> {
    const map = new Map<string, IndexEntry[]>()
    for (const entry of entries) {
      const k = key(entry)
      if (k === null) continue
      const list = map.get(k)
      if (list === undefined) map.set(k, [entry])
      else list.push(entry)
    }
    return map
  }

  withAddress(address: string): readonly IndexEntry[] {
    this.byAddress ??= Names.group(this.store.listArticles(), (e) =>
      e.url === null ? null : addressKey(e.url),
    )
    return this.byAddress.get(addressKey(address)) ?? []
  }

  withTitle(title: string): readonly IndexEntry[] {
    this.byTitle ??= Names.group(this.store.listArticles(), (e) => titleKey(e.title))
    return this.byTitle.get(titleKey(title)) ?? []
  }
}

/**
 * The articles an annotation's source names and how: by web address, else by
 * content hash, else by title; null when it names none here. More than one
 * only when several articles share the address or title.
 */
function namedArticles(
  parsed: ParsedW3cAnnotation,
  store: LibraryStore,
  names: Names,
): { entries: readonly IndexEntry[]; by: Identified } | null {
  const { url, title } = parsed.article
  if (url !== null) {
    const entries = names.withAddress(url)
    if (entries.length > 0) return { entries, by: 'address' }
  }
  if (parsed.contentHash !== null) {
    const entry = store.findByContentHash(parsed.contentHash)
    if (entry !== undefined) return { entries: [entry], by: 'content hash' }
  }
  if (title !== null) {
    // Another site's article under the same headline is another article
    // (wire copies share headlines); one without an address may be this one.
    const host = url === null ? null : hostOf(url)
    const entries = names
      .withTitle(title)
      .filter((e) => host === null || e.url === null || hostOf(e.url) === host)
    if (entries.length > 0) return { entries, by: 'title' }
  }
  return null
}

// ---------------------------------------------------------------------------
// Decisions

function clip(text: string, length = REPORT_QUOTE_LENGTH): string {
  const flat = text.replace(/\s+/gu, ' ').trim()
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`
}

/** Selectors that keep the document's own quote, so re-anchoring judges the passage afresh. */
function ownTarget(
  parsed: ParsedW3cAnnotation,
  quote: NonNullable<ParsedW3cAnnotation['quote']>,
  position: { start: number; end: number },
): AnnotationTarget {
  return {
    contentHash: parsed.contentHash ?? UNKNOWN_TEXT_HASH,
    quote: { type: 'TextQuoteSelector', ...quote },
    position: { type: 'TextPositionSelector', ...position },
  }
}

/**
 * What to store for an annotation on its article, given where its passage
 * was found there; `text` null when the article's text cannot be read.
 */
function decideOn(
  parsed: ParsedW3cAnnotation,
  entry: IndexEntry,
  text: string | null,
  result: AnchorResult,
  by: Identified,
): Decision {
  // Only a content hash can name an article in the trash; it is still its article.
  const how = `${IDENTIFIED_BY[by]}${entry.trashedAt === null ? '' : ' (in the trash)'}`
  const { quote } = parsed
  if (parsed.pageNote) {
    return {
      parsed,
      outcome: 'placed',
      entry,
      target: null,
      reason: `${how}; a page note without a passage: added to the article's note`,
    }
  }
  if (
    text !== null &&
    result.start !== null &&
    result.end !== null &&
    result.status === 'anchored'
  ) {
    return {
      parsed,
      outcome: 'placed',
      entry,
      target: describeSpan(text, result.start, result.end, entry.contentHash),
      reason:
        quote !== null
          ? `${how}; passage found as written`
          : parsed.range !== null
            ? `${how}; the ends of its range found in the text`
            : `${how}; placed by its position alone, with no quote to check it by`,
    }
  }
  if (quote === null) {
    // Nothing to keep it by: no quote to store and find again later.
    return {
      parsed,
      outcome: 'refused',
      entry: null,
      target: null,
      reason:
        text === null
          ? `${how}, but its text cannot be read now, and it gives no quote to keep it by`
          : parsed.range !== null
            ? `${how}, but the start or end of its range is not in the article's text`
            : parsed.contentHash !== null
              ? `${how}, but it gives only a position, made on another version of the text, and no quote to keep it by`
              : `${how}, but it gives only a position, and the text has nothing there (it is shorter), and no quote to keep it by`,
    }
  }
  if (text !== null && result.start !== null && result.end !== null) {
    return {
      parsed,
      outcome: 'drifted',
      entry,
      target: ownTarget(parsed, quote, { start: result.start, end: result.end }),
      reason: `${how}; wording changed, now "${clip(text.slice(result.start, result.end))}"`,
    }
  }
  const given = parsed.position ?? { start: 0, end: Math.max(1, quote.exact.length) }
  return {
    parsed,
    outcome: 'orphaned',
    entry,
    target: ownTarget(parsed, quote, given),
    reason:
      text === null
        ? `${how}; its text cannot be read now, kept to be re-attached`
        : `${how}; passage not in its text (removed or rewritten), kept to be re-attached`,
  }
}

/**
 * Decide a group of annotations from one source that names articles here:
 * all of them go to one of those articles, the one holding most of their
 * passages when the name fits several.
 */
async function decideNamed(
  group: readonly ParsedW3cAnnotation[],
  named: { entries: readonly IndexEntry[]; by: Identified },
  texts: Texts,
): Promise<Decision[]> {
  let best: {
    entry: IndexEntry
    text: string | null
    results: AnchorResult[]
    total: number
  } | null = null
  for (const entry of named.entries) {
    await texts.yieldSometimes()
    const text = await texts.of(entry)
    const results = group.map((parsed) =>
      text === null ? ORPHANED : anchorOn(parsed, text, entry.contentHash),
    )
    const total =
      text === null ? 0 : results.reduce((sum, r, i) => sum + evidenceOf(group[i]!, text, r), 0)
    const sameText = group.some((p) => p.contentHash === entry.contentHash)
    if (best === null || total > best.total || (total === best.total && sameText)) {
      best = { entry, text, results, total }
    }
  }
  const chosen = best!
  return group.map((parsed, i) =>
    decideOn(parsed, chosen.entry, chosen.text, chosen.results[i]!, named.by),
  )
}

/** Verbatim text an article holding the passage is likely to contain; empty when none is given. */
function probesOf(parsed: ParsedW3cAnnotation): string[] {
  const quotes = [parsed.quote, parsed.range?.start.quote, parsed.range?.end.quote]
  const probes: string[] = []
  for (const quote of quotes) {
    if (quote === null || quote === undefined) continue
    probes.push(quote.exact)
    if (quote.prefix.trim().length >= MIN_CONTEXT_PROBE) probes.push(quote.prefix)
    if (quote.suffix.trim().length >= MIN_CONTEXT_PROBE) probes.push(quote.suffix)
  }
  return probes
}

/** Articles worth searching for a passage: those holding its quotes or context verbatim, else all. */
async function candidatesFor(
  probes: readonly string[],
  all: readonly IndexEntry[],
  texts: Texts,
): Promise<readonly IndexEntry[]> {
  const found: IndexEntry[] = []
  const readable: IndexEntry[] = []
  for (const entry of all) {
    await texts.yieldSometimes()
    const text = await texts.of(entry)
    if (text === null) continue
    readable.push(entry)
    if (probes.some((probe) => text.includes(probe))) found.push(entry)
  }
  return found.length > 0 ? found : readable
}

/**
 * Decide a group of annotations whose source names no article here: each
 * goes where the evidence for its passage is strongest, preferring the
 * article most of the group went to; one found nowhere stays with the rest
 * when they all went to one article, and is refused otherwise.
 */
async function decideUnnamed(
  group: readonly ParsedW3cAnnotation[],
  store: LibraryStore,
  texts: Texts,
): Promise<Decision[]> {
  const all = store.listArticles()
  const finds: Find[][] = []
  for (const parsed of group) {
    const found: Find[] = []
    const probes = probesOf(parsed)
    // A position alone or a page note says nothing to search by.
    if (probes.length > 0) {
      for (const entry of await candidatesFor(probes, all, texts)) {
        await texts.yieldSometimes()
        const text = (await texts.of(entry))!
        const result = anchorOn(parsed, text, entry.contentHash)
        if (result.status !== 'orphaned') {
          found.push({ entry, result, evidence: evidenceOf(parsed, text, result) })
        }
      }
    }
    found.sort((a, b) => b.evidence - a.evidence)
    finds.push(found)
  }

  // The article most of the group's passages are best found on.
  const votes = new Map<string, { entry: IndexEntry; count: number; evidence: number }>()
  for (const [best] of finds) {
    if (best === undefined) continue
    const vote = votes.get(best.entry.id) ?? { entry: best.entry, count: 0, evidence: 0 }
    votes.set(best.entry.id, {
      ...vote,
      count: vote.count + 1,
      evidence: vote.evidence + best.evidence,
    })
  }
  const main = [...votes.values()].sort((a, b) => b.count - a.count || b.evidence - a.evidence)[0]
    ?.entry

  const chosen = finds.map((found) => {
    const [best] = found
    if (best === undefined) return null
    const onMain = found.find((f) => f.entry.id === main?.id)
    return onMain !== undefined && onMain.evidence >= best.evidence - SAME_SOURCE_MARGIN
      ? onMain
      : best
  })
  const homes = new Set(chosen.filter((f) => f !== null).map((f) => f.entry.id))
  const home = homes.size === 1 ? main : undefined

  const decisions: Decision[] = []
  for (const [i, parsed] of group.entries()) {
    const find = chosen[i]
    if (find !== null && find !== undefined) {
      decisions.push(
        decideOn(parsed, find.entry, await texts.of(find.entry), find.result, 'passage'),
      )
    } else if (home !== undefined && (parsed.quote !== null || parsed.pageNote)) {
      const text = await texts.of(home)
      const result = text === null ? ORPHANED : anchorOn(parsed, text, home.contentHash)
      decisions.push(decideOn(parsed, home, text, result, 'same source'))
    } else {
      decisions.push({
        parsed,
        outcome: 'refused',
        entry: null,
        target: null,
        reason:
          homes.size > 1
            ? 'its source names no article here, its passage is in none, and the other annotations from it are on different articles'
            : parsed.pageNote
              ? 'a page note without a passage, and its page names no article here'
              : parsed.range !== null
                ? 'its source names no article here, and its range is in none'
                : parsed.quote === null
                  ? 'its source names no article here, and it gives only a position, no quote to find'
                  : 'its source names no article here, and its passage is in none',
      })
    }
  }
  return decisions
}

/** Decide every annotation, grouped by what its source says: one source, one text. */
async function decideAll(
  annotations: readonly ParsedW3cAnnotation[],
  store: LibraryStore,
  texts: Texts,
): Promise<Decision[]> {
  const groups = new Map<string, ParsedW3cAnnotation[]>()
  for (const parsed of annotations) {
    const key = JSON.stringify([parsed.source, parsed.article.url, parsed.article.title])
    const group = groups.get(key)
    if (group === undefined) groups.set(key, [parsed])
    else group.push(parsed)
  }
  const names = new Names(store)
  const decisions: Decision[] = []
  for (const group of groups.values()) {
    const named = namedArticles(group[0]!, store, names)
    decisions.push(
      ...(named !== null
        ? await decideNamed(group, named, texts)
        : await decideUnnamed(group, store, texts)),
    )
  }
  return decisions.sort((a, b) => a.parsed.index - b.parsed.index)
}

// ---------------------------------------------------------------------------
// Storing

/** What the report shows of an annotation: its quote, its range's start, or a page note's start. */
function reportQuote(parsed: ParsedW3cAnnotation): string {
  if (parsed.quote !== null) return parsed.quote.exact
  const start = parsed.range?.start.quote
  if (start !== undefined && start !== null) return `${start.exact}…`
  return parsed.pageNote ? parsed.note : ''
}

/**
 * Add a page note to its article: the note appended to the article's note,
 * the tags to its tags. False when the article already has both (imported before).
 */
function addPageNote(
  draft: ArticleDraft,
  parsed: ParsedW3cAnnotation,
  tags: readonly string[],
): boolean {
  const note = parsed.note.trim()
  const newTags = tags.filter((t) => !draft.tags.some((own) => tagKey(own) === tagKey(t)))
  const newNote = note.length > 0 && !draft.note.includes(note)
  if (!newNote && newTags.length === 0) return false
  if (newNote)
    draft.note = draft.note.trim().length === 0 ? note : `${draft.note.trimEnd()}\n\n${note}`
  draft.tags.push(...newTags)
  return true
}

/** Whether two annotations say the same thing about the same passage. */
function sameContent(a: Annotation, b: Annotation): boolean {
  const tags = (list: readonly string[]) => list.map(tagKey).sort().join('\n')
  return (
    a.target.position.start === b.target.position.start &&
    a.target.position.end === b.target.position.end &&
    a.target.quote.exact === b.target.quote.exact &&
    a.kind === b.kind &&
    a.note === b.note &&
    tags(a.tags) === tags(b.tags) &&
    JSON.stringify(a.claim) === JSON.stringify(b.claim)
  )
}

function isoOr(value: string | null, fallback: string): string {
  return value !== null && !Number.isNaN(Date.parse(value)) ? value : fallback
}

/**
 * A claim status in the codebook's spelling; one the codebook lacks is added
 * at the end of the list, so the imported claim can be shown and changed.
 */
function ensureStatus(statuses: string[], status: string): string {
  const [tidy] = normaliseClaimStatuses([status])
  if (tidy === undefined) return statuses[0] ?? 'unverified'
  const key = nameKey(tidy)
  const known = statuses.find((s) => nameKey(s) === key)
  if (known !== undefined) return known
  statuses.push(tidy)
  return tidy
}

const SEVERITY: Record<W3cImportOutcome, number> = {
  invalid: 0,
  refused: 0,
  orphaned: 1,
  drifted: 2,
  duplicate: 3,
  placed: 4,
}

/** The report's entries: what needs a look first, each group in document order, capped. */
function reportItems(items: W3cImportItem[]): { items: W3cImportItem[]; itemsLeftOff: number } {
  items.sort((a, b) => SEVERITY[a.outcome] - SEVERITY[b.outcome] || a.index - b.index)
  return {
    items: items.slice(0, MAX_W3C_IMPORT_ITEMS),
    itemsLeftOff: Math.max(0, items.length - MAX_W3C_IMPORT_ITEMS),
  }
}

/**
 * Import a W3C Web Annotation document into the library, as one undoable command.
 *
 * Ids are kept when the article has no annotation with that id yet (so claim
 * links between imported claims keep working); otherwise the annotation gets
 * a new id and links to it from the same import follow. An annotation the
 * article already has with the same content is a duplicate and skipped, so
 * importing the same file twice changes nothing.
 */
export async function importW3cAnnotations(
  data: string,
  deps: W3cImportDeps,
): Promise<W3cImportReport> {
  const { store } = deps
  let parsed
  try {
    parsed = parseW3cAnnotations(data)
  } catch (error) {
    if (error instanceof W3cFormatError) {
      throw new WorkbenchError('invalid-input', `Not a W3C annotation document: ${error.message}`)
    }
    throw error
  }

  return historyFor(store).run(async () => {
    // Matching reads article texts, so it happens here, before the command
    // runs, in the history's queue: the articles cannot change in between.
    const decisions = await decideAll(parsed.annotations, store, new Texts(store))
    const stored = decisions.filter(
      (d) =>
        d.outcome !== 'refused' && d.entry !== null && (d.target !== null || d.parsed.pageNote),
    )
    const articleIds = [...new Set(stored.map((d) => d.entry!.id))]
    const now = deps.now().toISOString()

    return {
      label: `Import ${stored.length} annotation${stored.length === 1 ? '' : 's'}`,
      articleIds,
      apply: (workspace: Workspace): W3cImportReport => {
        const { codebook } = workspace
        const added: Annotation[] = []
        const touched = new Set<string>()
        const renamed = new Map<string, string>() // `${articleId}\n${old id}` -> new id
        const arrived = new Map<string, { articleId: string; id: string } | null>() // old id -> where it went
        const counts = { placed: 0, drifted: 0, orphaned: 0, refused: 0, duplicates: 0 }
        let pageNotes = 0
        const items: W3cImportItem[] = parsed.rejected.map((r) => ({
          index: r.index,
          outcome: 'invalid',
          articleId: null,
          articleTitle: null,
          quote: clip(r.quote),
          reason: r.reason,
        }))
        for (const decision of decisions) {
          const { parsed: p, entry, target } = decision
          const item = {
            index: p.index,
            articleId: entry?.id ?? null,
            articleTitle: entry?.title ?? null,
            quote: clip(reportQuote(p)),
            // A claim field the document got wrong is kept at its default, and said.
            reason:
              p.claimProblems.length > 0
                ? `${decision.reason}; claim: ${p.claimProblems.join(', ')}`
                : decision.reason,
          }
          if (p.pageNote && decision.outcome !== 'refused' && entry !== null) {
            const added = addPageNote(
              workspace.article(entry.id),
              p,
              ensureTags(codebook, p.tags, now),
            )
            if (added) {
              pageNotes++
              counts.placed++
              touched.add(entry.id)
              items.push({ ...item, outcome: 'placed' })
            } else {
              counts.duplicates++
              items.push({ ...item, outcome: 'duplicate', reason: 'the article already has it' })
            }
            continue
          }
          if (decision.outcome === 'refused' || entry === null || target === null) {
            counts.refused++
            items.push({ ...item, outcome: 'refused' })
            continue
          }
          const articleId = entry.id
          const draft = workspace.article(articleId)
          const claim =
            p.kind !== 'claim'
              ? null
              : p.claim === null
                ? newClaim(target.quote.exact, codebook)
                : { ...p.claim, status: ensureStatus(codebook.claimStatuses, p.claim.status) }
          const candidate: Annotation = {
            id: '',
            articleId,
            target,
            kind: p.kind,
            tags: ensureTags(codebook, p.tags, now),
            note: p.note,
            claim,
            createdAt: isoOr(p.created, now),
            updatedAt: isoOr(p.modified, now),
          }
          if (draft.annotations.some((a) => sameContent(a, candidate))) {
            counts.duplicates++
            items.push({ ...item, outcome: 'duplicate', reason: 'the article already has it' })
            continue
          }
          const taken = (id: string) => draft.annotations.some((a) => a.id === id)
          let id = p.localId !== null && KEEPABLE_ID.test(p.localId) ? p.localId : newAnnotationId()
          while (taken(id)) id = newAnnotationId()
          if (p.localId !== null && p.localId !== id) renamed.set(`${articleId}\n${p.localId}`, id)
          const annotation = { ...candidate, id }
          draft.annotations.push(annotation)
          added.push(annotation)
          touched.add(articleId)
          counts[decision.outcome]++
          items.push({ ...item, outcome: decision.outcome })
          if (p.localId !== null) {
            // The same id from two articles of the document: a link by id alone is ambiguous.
            arrived.set(p.localId, arrived.has(p.localId) ? null : { articleId, id })
          }
        }
        for (const annotation of added) {
          if (annotation.claim === null) continue
          annotation.claim.links = annotation.claim.links.map((link) => {
            const renamedId = renamed.get(`${link.articleId}\n${link.annotationId}`)
            if (renamedId !== undefined) return { ...link, annotationId: renamedId }
            // A link to an article this library knows under another id (another
            // version of its text): follow the annotation to where it went.
            const moved =
              store.getArticle(link.articleId) === undefined ? arrived.get(link.annotationId) : null
            return moved ? { ...link, articleId: moved.articleId, annotationId: moved.id } : link
          })
        }
        return {
          total: parsed.annotations.length + parsed.invalid,
          imported: added.length + pageNotes,
          ...counts,
          invalid: parsed.invalid,
          ...reportItems(items),
          articleIds: [...touched],
        }
      },
    }
  })
}
