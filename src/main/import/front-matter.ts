/**
 * Read the YAML front matter at the top of a Markdown file.
 *
 * Why: articles clipped to Markdown by browser extensions and note apps
 * carry their title, site, URL, date and author there. A full YAML parser
 * is not needed for flat `key: value` lines, and a small one cannot be made
 * to build objects, follow aliases or read other files.
 */

export interface FrontMatter {
  /** Lower-cased keys with their string values. */
  readonly fields: ReadonlyMap<string, string>
  /** The Markdown after the front matter. */
  readonly body: string
}

/** Split front matter from the body; a file without any has empty fields. */
export function splitFrontMatter(text: string): FrontMatter {
  const lines = text.split('\n')
  if (!/^---[ \t]*$/.test(lines[0] ?? '')) return { fields: new Map(), body: text }
  const end = lines.findIndex((line, index) => index > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(line))
  // Without a closing line the dashes are a horizontal rule, not front matter.
  if (end < 0) return { fields: new Map(), body: text }
  return { fields: parseFields(lines.slice(1, end)), body: lines.slice(end + 1).join('\n') }
}

function parseFields(lines: readonly string[]): Map<string, string> {
  const fields = new Map<string, string>()
  for (let i = 0; i < lines.length; i++) {
    const match = /^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/.exec(lines[i] ?? '')
    if (!match?.[1]) continue
    const key = match[1].toLowerCase()
    let value = parseScalar(match[2] ?? '')
    if (value === '') {
      // A block list (`author:` then `  - Name` lines) is joined into one line.
      const items: string[] = []
      while (i + 1 < lines.length && /^[ \t]+-[ \t]+/.test(lines[i + 1] ?? '')) {
        i++
        items.push(parseScalar((lines[i] ?? '').replace(/^[ \t]+-[ \t]+/, '')))
      }
      value = items.filter((item) => item !== '').join(', ')
    }
    // Multi-line scalars (`|`, `>`) are not worth supporting for metadata.
    if (value !== '' && value !== '|' && value !== '>' && !fields.has(key)) fields.set(key, value)
  }
  return fields
}

function parseScalar(raw: string): string {
  const value = raw.trim()
  if (value.startsWith('"')) {
    const rest = value.slice(1)
    const end = rest.search(/(?<!\\)"(?=[ \t]*(?:#.*)?$)/)
    const inner = end >= 0 ? rest.slice(0, end) : rest
    return inner
      .replace(/\\(["\\/])/g, '$1')
      .replace(/\\n/g, ' ')
      .replace(/\\t/g, ' ')
  }
  if (value.startsWith("'")) {
    const rest = value.slice(1)
    const end = rest.search(/'(?=[ \t]*(?:#.*)?$)/)
    const inner = end >= 0 ? rest.slice(0, end) : rest
    return inner.replace(/''/g, "'")
  }
  if (value.startsWith('[') && value.endsWith(']')) {
    return value
      .slice(1, -1)
      .split(',')
      .map((item) => parseScalar(item))
      .filter((item) => item !== '')
      .join(', ')
  }
  // In plain YAML scalars a comment starts at " #".
  return value.replace(/[ \t]+#.*$/, '').trim()
}
