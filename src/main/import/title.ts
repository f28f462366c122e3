/**
 * Find or make an article's title.
 *
 * Why: every article needs a title for the library list and for briefings,
 * but some sources start straight with a paragraph. A title made from the
 * first sentence is marked `titleDerived` so the analyst knows nobody
 * actually gave the article that title.
 */
import { countWords } from '../../shared/domain/article'
import { cleanTitle } from './text-cleanup'

/** Longest line accepted as a given title. */
const MAX_TITLE_CHARS = 200
const MAX_TITLE_WORDS = 25

/** Length a derived title is cut to, ellipsis included. */
const DERIVED_TITLE_CHARS = 100

const CITATION_MARKER = /\[citation:[^\]\n]{0,500}\]/gi

/** Whether a line reads like a headline rather than the start of the body. */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim()
  if (text.length === 0 || text.length > MAX_TITLE_CHARS) return false
  if (!/\p{L}/u.test(text)) return false
  // Headlines may ask or exclaim, but they do not end like a sentence or a clause.
  if (/[.,;:…]$/.test(text)) return false
  if (/^(?:>|[-*+•]\s|\d+[.)]\s)/.test(text)) return false
  if (isPageLabel(text) || looksLikeSlug(text)) return false
  return countWords(text) <= MAX_TITLE_WORDS
}

/**
 * Labels of a page's interface that come along when a page is copied as
 * text: "Advertisement", "Sign In", "Photo", "1 of 12", a byline. Short and
 * capitalised, they look like headlines and subheadings, and must never be
 * taken for either.
 */
const PAGE_LABEL = new RegExp(
  '^(?:' +
    [
      'advertisement',
      'advertising',
      'ad',
      'sponsored(?: content)?',
      'supported by',
      'paid (?:post|content)',
      'sign (?:in|up|out)',
      'log (?:in|out)',
      'login',
      'register',
      'subscribe(?: now)?',
      'share(?: this(?: article| story)?)?',
      'photo',
      'photos',
      'image',
      'video',
      'credit',
      'listen(?: to this article)?',
      'continue reading(?: the main story)?',
      'skip to (?:content|main content|navigation)',
      'menu',
      'search',
      'close',
      'comments?',
      'related(?: (?:articles|stories|coverage))?',
      'read more',
      'more on this story',
      'reklama',
      'реклама',
      'anzeige',
      'publicité',
      'publicidad',
    ].join('|') +
    ')$',
  'i',
)

/** "1 of 12", "Photo 3 of 12", "Image 2/5", "Slide 4 of 9". */
const COUNTER = /^(?:(?:photo|image|picture|slide|gallery)\s+)?\d{1,3}\s*(?:of|\/)\s*\d{1,3}$/i

/** "By NAME…": a byline, whatever follows the name. */
const BYLINE_START = /^(?:[Bb][Yy]|[Оо]т|[Vv]on|[Pp]or|[Pp]ar)\s+\p{Lu}/u

/** Whether a short line is a page label, a picture counter or a byline rather than text. */
export function isPageLabel(line: string): boolean {
  const text = line.trim().replace(/[\s:.!]+$/, '')
  return PAGE_LABEL.test(text) || COUNTER.test(text) || BYLINE_START.test(text)
}

/**
 * Abbreviations whose full stop does not end a sentence, checked against the
 * word just before a candidate sentence end.
 */
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|Gen|Col|Lt|Sgt|Rep|Sen|Gov|vs|etc|e\.g|i\.e|U\.S|U\.K|No|Nos|т|т\.е|т\.д|т\.п|г|гг|им|ул|д|др|пр|проф|см|тыс|млн|млрд|руб|долл|\p{Lu})\.$/u

/** The first sentence of a text, without a citation marker or final full stop. */
export function firstSentence(text: string): string {
  const plain = text.replace(CITATION_MARKER, ' ').replace(/\s+/g, ' ').trim()
  const sentenceEnd = /[.!?…]+["»”’)]*(?=\s+["«“‘(]?[\p{Lu}\p{N}]|\s*$)/gu
  for (const match of plain.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length
    // Only the last word matters, and a long text has many candidate ends.
    const before = plain.slice(Math.max(0, match.index - 12), match.index + 1)
    if (match[0].startsWith('.') && ABBREVIATION.test(before)) continue
    return plain.slice(0, end).replace(/\.$/, '').trim()
  }
  return plain
}

/**
 * Make a title from the first sentence of the body.
 *
 * Cut at a word boundary so the list never shows half a word, and end with
 * an ellipsis so the reader can see it was cut.
 */
export function deriveTitle(text: string): string {
  const sentence = cleanTitle(firstSentence(text))
  const chars = Array.from(sentence)
  if (chars.length <= DERIVED_TITLE_CHARS) return sentence
  const room = chars.slice(0, DERIVED_TITLE_CHARS - 1).join('')
  const lastSpace = room.lastIndexOf(' ')
  // A single enormous "word" (a URL, a run of digits) has to be cut anyway.
  const cut = lastSpace >= DERIVED_TITLE_CHARS / 2 ? room.slice(0, lastSpace) : room
  return `${cut.replace(/[\s,;:.—–-]+$/u, '')}…`
}

/**
 * Whether a "title" is really an address or an identifier: a URL slug
 * ("d-161500790", "article-12345", "port-operator-denies-halt"), a file
 * name or a URL. A page whose `<title>` is one of these has no title there.
 */
export function looksLikeSlug(title: string): boolean {
  const text = title.trim()
  if (/^(?:https?:\/\/|www\.)\S+$/i.test(text)) return true
  if (/\s/.test(text)) return false
  if (/^[\w-]+\.(?:s?html?|php|aspx?|jsp|cms)$/i.test(text)) return true
  // Lower-case words joined by hyphens or underscores, or letters and a long number.
  return /^[\p{Ll}\d]+(?:[-_][\p{Ll}\d]+)+$/u.test(text) || /^\p{L}{0,12}[-_]?\d{4,}$/u.test(text)
}

/** Separators pages put between a headline and the site or author name. */
const AFFIX_SEPARATOR = String.raw`\s+[|\-–—:·•»/]\s+|\s*[|·•»]\s*|:\s+`

/**
 * A page title without the site's or the author's name around it:
 * "Story | Site", "Story – Site Name", "Site: Story", "Story | Author".
 *
 * `names` are what may be cut (og:site_name, the publisher, the host, the
 * byline's names); a part is cut only when it is one of them, so "Brexit:
 * What Happens Next" keeps its colon. The headline itself is never cut away.
 */
export function withoutTitleAffixes(title: string, names: readonly (string | null)[]): string {
  const given = names.filter((name): name is string => name !== null && name.trim() !== '')
  // A site name with separators of its own ("Remember 80/90 - Memorabilia
  // anni 80/90") may appear in part, when an extractor already cut the rest.
  const known = [
    ...given,
    ...given.flatMap((name) => name.split(new RegExp(AFFIX_SEPARATOR, 'u')).slice(0, 1)),
  ]
  if (known.length === 0) return title
  let current = title.trim()
  // A title may carry both ("Story | Author | Site"): cut until nothing changes.
  for (let round = 0; round < 3; round++) {
    const next = cutOneAffix(current, known)
    if (next === current) break
    current = next
  }
  return current
}

function cutOneAffix(title: string, names: readonly string[]): string {
  const cuts = [...title.matchAll(new RegExp(AFFIX_SEPARATOR, 'gu'))]
  // A suffix may hold separators itself ("Remember 80/90 - Memorabilia"): try
  // the longest tail and head last, so the shortest known name is cut.
  for (const cut of [...cuts].reverse()) {
    const head = title.slice(0, cut.index).trim()
    const tail = title.slice(cut.index + cut[0].length).trim()
    if (head !== '' && isKnownName(tail, names)) return head
  }
  for (const cut of cuts) {
    const head = title.slice(0, cut.index).trim()
    const rest = title.slice(cut.index + cut[0].length).trim()
    if (rest !== '' && isKnownName(head, names)) return rest
  }
  return title
}

/** Whether a title or byline part names the site, the publisher, the host or an author. */
export function isKnownName(part: string, names: readonly string[]): boolean {
  const folded = foldForMatch(part)
  if (folded.length < 2) return false
  return names.some((name) => {
    const other = foldForMatch(name)
    if (other === '') return false
    if (other === folded) return true
    // "The Guardian" against theguardian.com, "Reuters" against reuters.com.
    const core = hostCore(name)
    const host = core === null ? null : foldForMatch(core)
    return host !== null && (host === folded || (folded.length >= 5 && host.includes(folded)))
  })
}

function foldForMatch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
}

/** "www.theguardian.com" → "theguardian"; null for text that is not a host name. */
function hostCore(text: string): string | null {
  const host = text
    .trim()
    .toLowerCase()
    .replace(/^www\./, '')
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host)) return null
  const parts = host.split('.')
  const secondLevel = /^(?:co|com|org|net|gov|ac)$/.test(parts.at(-2) ?? '')
  return (parts.length > 2 && secondLevel ? parts.at(-3) : parts.at(-2)) ?? null
}
