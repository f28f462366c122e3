/**
 * Hypothesis annotations as W3C Web Annotations.
 *
 * Why: Hypothesis is the annotation tool analysts most often already use,
 * and what it hands out is not W3C JSON-LD: its client's "Export" writes an
 * object with `export_date`, `export_userid`, `client_version` and
 * `annotations`, and its API's search answers `{ total, rows }`. Each
 * annotation there has the W3C target (`target: [{ source, selector }]`,
 * with the same selector types) but keeps its note in `text` (Markdown), its
 * tags in `tags`, the page's title in `document.title` and marks replies with
 * `references`. This module rewrites such an annotation into the W3C shape
 * the parser reads, so one parser handles every tool.
 */

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The annotations of a Hypothesis document (an export or an API search
 * response), or null when `document` is not one.
 */
export function isHypothesisDocument(document: Json): unknown[] | null {
  if ('type' in document) return null
  const list = Array.isArray(document['annotations'])
    ? document['annotations']
    : Array.isArray(document['rows'])
      ? document['rows']
      : null
  if (list === null) return null
  // An export names its client; a search response has a total. Either way
  // its annotations have Hypothesis's own fields rather than a W3C `type`.
  const marked = 'export_date' in document || 'client_version' in document || 'total' in document
  const looksHypothesis = list.every(
    (a) => isObject(a) && !('type' in a) && ('uri' in a || 'target' in a),
  )
  return marked || (list.length > 0 && looksHypothesis) ? list : null
}

/** The first non-empty string of a value that is a string or a list of them. */
function firstString(value: unknown): string | null {
  const list: unknown[] = Array.isArray(value) ? value : [value]
  for (const item of list) {
    if (typeof item === 'string' && item.trim().length > 0) return item
  }
  return null
}

/**
 * One Hypothesis annotation as a W3C annotation; anything that is not one
 * (already W3C, or not an object) is passed through for the parser to judge.
 */
export function fromHypothesis(item: unknown): unknown {
  if (!isObject(item) || 'type' in item) return item
  const uri = typeof item['uri'] === 'string' ? item['uri'] : null
  const document = isObject(item['document']) ? item['document'] : {}
  const title = firstString(document['title'])
  const source = (address: string) => ({ id: address, ...(title === null ? {} : { title }) })

  const targets = (Array.isArray(item['target']) ? item['target'] : [])
    .filter(isObject)
    .map((target) => {
      const address = firstString(target['source']) ?? uri
      return {
        ...(address === null ? {} : { source: source(address) }),
        ...(target['selector'] === undefined ? {} : { selector: target['selector'] }),
      }
    })
    .filter((target) => 'source' in target)
  if (targets.length === 0 && uri !== null) targets.push({ source: source(uri) })

  const body: Json[] = []
  if (typeof item['text'] === 'string' && item['text'].trim().length > 0) {
    body.push({
      type: 'TextualBody',
      purpose: 'commenting',
      value: item['text'],
      format: 'text/markdown',
    })
  }
  for (const tag of Array.isArray(item['tags']) ? item['tags'] : []) {
    if (typeof tag === 'string') body.push({ type: 'TextualBody', purpose: 'tagging', value: tag })
  }
  const references = item['references']
  const reply = Array.isArray(references) && references.length > 0

  return {
    type: 'Annotation',
    ...(typeof item['id'] === 'string' ? { id: item['id'] } : {}),
    motivation: reply ? 'replying' : body.length > 0 ? 'commenting' : 'highlighting',
    ...(typeof item['created'] === 'string' ? { created: item['created'] } : {}),
    ...(typeof item['updated'] === 'string' ? { modified: item['updated'] } : {}),
    ...(body.length > 0 ? { body } : {}),
    target: targets,
  }
}
