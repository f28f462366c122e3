/**
 * Find the sources an article names: its inline `[citation: …]` markers and
 * the site it was written for.
 *
 * Why: an analyst judging a claim first asks "who says so, and where did it
 * appear". The markers stay in the text (annotations may quote them); their
 * contents are also listed so briefings can show the cited sources without
 * re-reading the article.
 */

/**
 * The inner text is bounded: an unclosed marker would otherwise make every
 * later "[citation:" scan to the end of the text.
 */
const CITATION_MARKER = /\[citation:\s*([^\]\n]{0,500}?)\s*\]/gi

/** The inner text of every `[citation: …]` marker, deduplicated, in order of appearance. */
export function extractCitations(texts: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const text of texts) {
    for (const match of text.matchAll(CITATION_MARKER)) {
      const inner = (match[1] ?? '').replace(/\s+/g, ' ').trim()
      if (inner !== '') seen.add(inner)
    }
  }
  return [...seen]
}

/** A site name written as a domain, e.g. "socialbites.ca" or "ria.ru". */
// Lowercase only: "reporters.Then" is a missing space, not a site.
const DOMAIN = String.raw`(?<![\w.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|рф))(?![\w.-]*[\w-])`

/**
 * Phrases in which a rewritten news item names the site it was written for:
 * "confirmed to socialbites.ca", "told socialbites.ca", "socialbites.ca
 * previously reported". "According to X" is deliberately absent: that names
 * someone else's report.
 */
const SELF_REFERENCE = [
  String.raw`\b(?:confirmed|said|told|explained|stated|revealed|noted|reported|wrote|commented|admitted|added)\s+(?:this\s+|it\s+)?to\s+${DOMAIN}`,
  String.raw`\btold\s+${DOMAIN}`,
  String.raw`\b(?:in\s+an?\s+)?(?:interview|conversation)\s+with\s+${DOMAIN}`,
  String.raw`${DOMAIN}\s+(?:(?:previously|earlier|has(?:\s+previously)?|had)\s+)?(?:reported|wrote|learned|found\s+out)\b`,
  String.raw`(?:сообщил[аи]?|рассказал[аи]?|заявил[аи]?|подтвердил[аи]?|пояснил[аи]?)\s+${DOMAIN}`,
  String.raw`(?:в\s+беседе\s+с|в\s+интервью)\s+${DOMAIN}`,
  String.raw`${DOMAIN}\s+(?:ранее\s+)?(?:сообщал[аио]?|писал[аио]?|узнал[аио]?)`,
].map((pattern) => new RegExp(pattern, 'gu'))

/** Guess the site an article was written for from how its text refers to it, or null. */
export function detectSource(texts: readonly string[]): string | null {
  const text = texts.join('\n').replace(CITATION_MARKER, ' ')
  let best: { domain: string; index: number } | null = null
  for (const pattern of SELF_REFERENCE) {
    for (const match of text.matchAll(pattern)) {
      const domain = match[1]
      if (!domain || !domain.includes('.')) continue
      if (best === null || match.index < best.index) {
        best = { domain, index: match.index }
      }
    }
  }
  return best?.domain ?? null
}
