/**
 * The two article finders a web page can be read with.
 *
 * Why: the importer picks one automatically (Readability first, defuddle when
 * Readability's text looks wrong), and the analyst can ask for the other one
 * on an import that came out wrong. The contract, the importer, the stored
 * version, the command line and the reader's banner name them from here.
 */

/** The extractors, in the order the importer tries them. */
export const EXTRACTOR_NAMES = ['readability', 'defuddle'] as const

export type ExtractorName = (typeof EXTRACTOR_NAMES)[number]

/** Whether a string names an extractor (as typed on the command line). */
export function isExtractorName(name: string): name is ExtractorName {
  return (EXTRACTOR_NAMES as readonly string[]).includes(name)
}

/** What the analyst sees for each extractor. */
export const EXTRACTOR_LABELS: Readonly<Record<ExtractorName, string>> = {
  readability: 'Readability',
  defuddle: 'Defuddle',
}

/** The extractor that is not `name`: what "try the other extractor" uses. */
export function otherExtractor(name: ExtractorName | null | undefined): ExtractorName {
  return name === 'defuddle' ? 'readability' : 'defuddle'
}

/** What the analyst is told when an extractor found the article's current text again. */
export function sameTextMessage(name: ExtractorName): string {
  return `${EXTRACTOR_LABELS[name]} found the same text; nothing changed.`
}
