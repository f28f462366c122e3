/**
 * Turn what a page says about its author into a byline: names only.
 *
 * Why: bylines arrive with the page's layout around them ("/ Cory Doctorow /
 * 10:08 am Fri Jul 19, 2013", "By JEFFREY GETTLEMAN JAN. 13, 2017"), or name
 * the publisher rather than a person ("BBC News" on a BBC page). The
 * analyst cites the author, so the byline keeps the names, a date found in
 * it goes to the publication date, and a byline that only repeats the
 * publisher is no byline.
 */
import { findDate } from './published-date'
import { isKnownName } from './title'

/** A cleaned byline and the date that was written in it, if any. */
export interface CleanByline {
  readonly byline: string | null
  readonly date: string | null
}

/** What the byline must not be: the publisher's or site's names, the host. */
export interface BylineContext {
  readonly publisherNames?: readonly (string | null | undefined)[]
}

const LONGEST_BYLINE = 120
const MOST_WORDS_PER_NAME = 6

/** "By", "Written by", "Автор:" and the like, before the names. */
const LEAD_IN =
  /^(?:(?:written|posted|reported|words|text|story|analysis|opinion|commentary|review|interview|photos?)\s+)?(?:by|from|von|por|par|door|di|автор|авторы|текст)\s*[:\-–—]?\s+/iu

/** Words around a date that are not names; removed only when the byline held a date. */
const DATE_WORDS =
  /(?<![\p{L}\p{N}])(?:updated|published|posted|last\s+modified|modified|on|at|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun|\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?|[ap]\.?m\.?)(?![\p{L}\p{N}])\.?/giu

/** Time zones after a time: case-sensitive, so "Matt" stays. */
const TIME_ZONE = /\b(?:[ECMP][SD]T|GMT|UTC|BST|CES?T|MSK|IST)(?:[+-]\d{1,2})?\b/g

/**
 * Clean a byline as a page gave it. Returns the names (or null when none are
 * left or they only name the publisher) and the date it held.
 */
export function cleanByline(
  raw: string | null | undefined,
  context: BylineContext = {},
): CleanByline {
  let text = unglue((raw ?? '').replace(/\s+/g, ' ').trim())
  if (text === '' || /^https?:\/\//i.test(text)) return { byline: null, date: null }

  const found = findDate(text)
  let date: string | null = null
  if (found !== null) {
    date = found.date
    text = `${text.slice(0, found.index)} ${text.slice(found.index + found.length)}`
  }
  if (date !== null) text = text.replace(DATE_WORDS, ' ').replace(TIME_ZONE, ' ')

  const names = text
    .split(/\s+(?:[/|•·]|--)\s+|\s*[/|•·]\s*(?=\S)|\n|;|,/)
    .map((part) => tidyName(part))
    .filter((part): part is string => part !== null)

  const people = names.filter(
    (name, index) =>
      !namesPublisher(name, context) && !isAccount(name) && !(index > 0 && isCredential(name)),
  )
  // "TOM KRISHER, AP Auto Writer": the job title goes when a name is left.
  const kept = people.some((name) => !ROLE.test(name))
    ? people.filter((name) => !ROLE.test(name))
    : people
  if (kept.length === 0) return { byline: null, date }
  const byline = kept.join(', ')
  return { byline: byline.length > LONGEST_BYLINE ? null : byline, date }
}

/** One part of a byline as a name, or null when it is not one. */
function tidyName(part: string): string | null {
  let text = part.trim().replace(LEAD_IN, '')
  text = text.replace(/^[\s,.:;/|–—-]+|[\s,:;/|–—-]+$/g, '').replace(/\s+/g, ' ')
  if (text === '' || !/\p{L}/u.test(text)) return null
  // Names hold no digits or addresses; a time or a handle left over is not a name.
  if (/^https?:|www\.|@|\d/i.test(text)) return null
  if (text.replace(/[^\p{L}]/gu, '').length < 2) return null
  const words = text.split(' ')
  // A sentence, not a name; several names stay ("Anna Belova and Oleg Smirnov").
  if (words.length > MOST_WORDS_PER_NAME * 3) return null
  if (words.length > MOST_WORDS_PER_NAME && !/\b(?:and|und|et|y|и)\b|,/.test(text)) return null
  return isShouting(text) ? titleCase(text) : text
}

/** A job title standing where a name would ("AP National Political Writer"). */
const ROLE =
  /\b(?:writer|correspondent|editor|reporter|contributor|columnist|journalist|bureau|staff|special to)\b/i

/** "MS", "RDN", "PhD" after a name: letters after it, not another person. */
function isCredential(part: string): boolean {
  return /^(?:\p{Lu}{2,4}|Ph\.?D\.?|M\.?D\.?)$/u.test(part)
}

/** A CMS account rather than a person: "admin", "jdadmin", "kei_eno". */
function isAccount(name: string): boolean {
  return /admin|webmaster|_/i.test(name)
}

const GLUED_MONTH_OR_DAY =
  /(\p{Ll})(?=(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)/gu

/**
 * Undo the joins a page's layout leaves when its text is read without it:
 * "Carrie ArnoldNovember 15, 2019", "ERIC TUCKERAssociated Press".
 */
function unglue(text: string): string {
  return text
    .replace(GLUED_MONTH_OR_DAY, '$1 ')
    .replace(/(\p{Lu}{3,})(?=\p{Lu}\p{Ll}{2,})/gu, '$1, ')
}

/** A name written in capitals, as newspapers set bylines. */
function isShouting(text: string): boolean {
  const letters = text
    .replace(/(?<![\p{L}])(?:and|und|et|y)(?![\p{L}])/gu, '')
    .replace(/[^\p{L}]/gu, '')
  return (
    letters.length > 3 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()
  )
}

/** "JEFFREY GETTLEMAN" → "Jeffrey Gettleman"; "O'BRIEN-SMITH" → "O'Brien-Smith". */
function titleCase(text: string): string {
  return text
    .toLowerCase()
    .replace(
      /(^|[\s'’\-.])(\p{Ll})/gu,
      (_all, before: string, letter: string) => before + letter.toUpperCase(),
    )
    .replace(/\b(And|Und|Et|Y)\b/g, (word) => word.toLowerCase())
}

/** Whether a name is only the publisher's (or site's, or host's) name. */
function namesPublisher(name: string, context: BylineContext): boolean {
  const publishers = (context.publisherNames ?? []).filter(
    (publisher): publisher is string => typeof publisher === 'string',
  )
  return isKnownName(name, publishers)
}
