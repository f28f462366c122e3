/**
 * Lines of page furniture that survive article extraction, as one table.
 *
 * Why: Readability keeps the story's container, and with it the short lines
 * sites put between paragraphs: "Read more: …", "Advertisement", share
 * buttons, newsletter prompts, copyright lines, photo credits. Each rule
 * matches a whole short block, never a sentence that merely contains the
 * words, so a story that says "read more about the strike" keeps it. Rules
 * are data so that adding a language is adding a row (and its test row).
 */
import type { DraftBlock } from './article-draft'

export interface ClutterRule {
  /** What the rule removes, in the test table's words. */
  readonly name: string
  /** Matched against the whole block text, trimmed, whitespace collapsed. */
  readonly pattern: RegExp
  /** Longest block the rule may remove, in characters. */
  readonly maxChars: number
}

const rule = (name: string, pattern: RegExp, maxChars = 120): ClutterRule => ({
  name,
  pattern,
  maxChars,
})

export const CLUTTER_RULES: readonly ClutterRule[] = [
  rule(
    'read-more link line',
    /^(?:read (?:more|also|next)|see (?:more|also)|related|more on this|recommended|you may also like|don'?t miss|lea (?:también|mas|más)|le puede interesar|te puede interesar|ver también|ler (?:mais|também)|leia (?:mais|também)|veja também|lire aussi|à lire aussi|lesen sie (?:auch|mehr)|mehr zum thema|leggi anche|читайте также|смотрите также|по теме)(?:\s*[:\-–—|»…].{0,110})?$/iu,
    140,
  ),
  rule(
    'advertisement label',
    /^(?:advertisement|advertising|ad|anzeige|publicidad|publicité|реклама|iklan|sponsored(?: content)?|patrocinado|paid content)$/iu,
    30,
  ),
  rule('continue reading', /^continue reading(?: the main story| below)?\W*$/iu, 40),
  rule(
    'newsletter or subscribe prompt',
    /^(?:sign up|subscribe|join)\b.{0,80}\b(?:newsletters?|our (?:\w+ )?(?:emails?|e-mails?|alerts|updates)|inbox)\b.{0,40}$|^subscribe to .{1,60}newsletters?\W*$|^(?:sign in|log in|register|subscribe)(?: \/ (?:sign in|register|log in))?$/iu,
    160,
  ),
  rule('cookie prompt', /^(?:we use cookies|this (?:web)?site uses cookies)\b.{0,200}$/iu, 260),
  rule(
    'share button',
    /^(?:(?:share|compartir|partager|teilen|compartilhar|поделиться)(?: (?:on|via|en|sur|auf|no|em) \w+| this (?:article|story))?|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit|comments?)(?:[\s|/·•]+(?:share|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit|baixar|comments?))*$/iu,
    80,
  ),
  rule(
    'copyright line',
    /^(?:©|\(c\)|copyright\b).{0,150}$|^all rights reserved\.?$|^.{0,100}all rights reserved\.?$/iu,
    160,
  ),
  rule(
    'photo credit',
    /^(?:(?:photo|photograph|image|picture|foto|imagem|credit|photo credit)s?\s*(?::|by)\s*.{1,80}|\((?:ap|afp|reuters|getty|image|photo)\b[^)]{0,80}\)|(?:getty images|shutterstock|reuters|ap photo|afp)(?:\s*\/\s*.{1,40})?|.{0,60}\/\s*(?:getty images|shutterstock|reuters|afp|ap)|\(image: [^)]{1,40}\))$/iu,
    120,
  ),
  rule('slideshow counter', /^(?:image |photo |slide )?\d{1,3} (?:of|de|von|из) \d{1,3}$/iu, 20),
  rule(
    'date-only dateline',
    /^(?:(?:published|updated|posted|publicado|atualizado)\s*:?\s*)?(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?(?:\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?$/iu,
    60,
  ),
]

/** The first rule that removes a block of this text, if any. */
export function clutterRuleFor(text: string): ClutterRule | null {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return null
  for (const candidate of CLUTTER_RULES) {
    if (line.length <= candidate.maxChars && candidate.pattern.test(line)) return candidate
  }
  return null
}

/**
 * Blocks without the furniture lines. Headings and paragraphs alike: sites
 * mark "Advertisement" and "Read more" up as either.
 */
export function removeClutter(blocks: readonly DraftBlock[]): DraftBlock[] {
  const kept = blocks.filter((block) => clutterRuleFor(block.text) === null)
  // Never let the rules empty an article: a page that is only such lines is
  // better imported as it is and flagged by the extraction check.
  return kept.length === 0 ? [...blocks] : kept
}
