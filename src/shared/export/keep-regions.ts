/**
 * Keep regions and the checksum of an exported briefing.
 *
 * Why: analysts open an exported briefing in their editor and add their own
 * prose. Re-exporting after more reading must not wipe that work, and must
 * not silently overwrite edits made elsewhere in the file either. Text
 * between `<!-- workbench:keep -->` and `<!-- /workbench:keep -->` marker
 * lines is carried into the fresh export; a checksum of the generated text
 * (everything outside those regions), written at the end of the file, tells a
 * re-export whether the user changed the generated part so the caller can
 * warn before replacing it.
 *
 * The user may add regions of their own anywhere, as the README invites: the
 * checksum leaves every region out, markers included, so an added region is
 * not an edit, and the merge puts it back after the same generated line (see
 * `mergeKeepRegions`). What an editor changes without the user meaning to is
 * not an edit either: a byte order mark, CRLF line endings, blank lines,
 * trailing spaces, and front matter re-quoted to the same YAML values.
 *
 * Markers are whole lines starting at column 0. The exporter escapes `<` in
 * all the text it writes, so only it (or the user) can put markers there.
 */
import { parse as parseYaml } from 'yaml'
import { fnv1a64 } from './fnv1a'

/** A region of user text that survives re-export. */
export interface KeepRegion {
  /** The id from `<!-- workbench:keep id=… -->`, or null for an anonymous region. */
  readonly id: string | null
  /** The lines between the markers, joined with `\n`; '' for an empty region. */
  readonly body: string
  /** False when the file ended before the closing marker. */
  readonly closed: boolean
}

/** A parsed document: generated text interleaved with keep regions. */
export type KeepSegment =
  | { readonly type: 'text'; readonly lines: readonly string[] }
  | { readonly type: 'region'; readonly region: KeepRegion }

export interface MergeResult {
  /** The fresh document with kept text filled in and a new checksum. */
  readonly text: string
  /** How many non-empty keep regions of the existing file were carried over. */
  readonly keptRegions: number
  /** True when the existing file was edited outside keep regions, or has no valid checksum. */
  readonly outsideEdits: boolean
}

const OPEN_MARKER = /^<!-- workbench:keep(?: id=([A-Za-z0-9_-]+))? -->$/u
const CLOSE_MARKER = /^<!-- \/workbench:keep -->$/u
const CHECKSUM_LINE = /^<!-- workbench:checksum fnv1a64:([0-9a-f]{16}) -->$/u

/** Heading above regions whose place the fresh document no longer has. */
export const ORPHAN_HEADING = '## Kept from an earlier export'

/** The opening marker line for a keep region, with an optional id. */
export function keepOpenMarker(id: string | null = null): string {
  if (id !== null && !/^[A-Za-z0-9_-]+$/u.test(id)) {
    throw new Error(`keep region id must match [A-Za-z0-9_-]+: ${JSON.stringify(id)}`)
  }
  return id === null ? '<!-- workbench:keep -->' : `<!-- workbench:keep id=${id} -->`
}

/** The closing marker line for a keep region. */
export const KEEP_CLOSE_MARKER = '<!-- /workbench:keep -->'

/** Text as the exporter writes it: no byte order mark, `\n` line endings. */
function normaliseText(text: string): string {
  return text.replace(/^\uFEFF/u, '').replace(/\r\n?/gu, '\n')
}

/**
 * Split a document into generated text and keep regions.
 *
 * An opening marker inside a region is part of that region's body; a closing
 * marker outside any region is plain text. A region left open runs to the end
 * of the document so no user text is lost. A byte order mark and CRLF line
 * endings are read as if absent.
 */
export function parseKeepRegions(text: string): KeepSegment[] {
  const segments: KeepSegment[] = []
  let lines: string[] = []
  let open: { id: string | null; body: string[] } | null = null
  for (const line of normaliseText(text).split('\n')) {
    const marker = line.trimEnd()
    if (open === null) {
      const match = OPEN_MARKER.exec(marker)
      if (match === null) {
        lines.push(line)
        continue
      }
      segments.push({ type: 'text', lines })
      lines = []
      open = { id: match[1] ?? null, body: [] }
    } else if (CLOSE_MARKER.test(marker)) {
      segments.push({
        type: 'region',
        region: { id: open.id, body: open.body.join('\n'), closed: true },
      })
      open = null
    } else {
      open.body.push(line)
    }
  }
  if (open !== null) {
    // The blank lines before where the closing marker should have been are not user text.
    const body = open.body.join('\n').trimEnd()
    segments.push({ type: 'region', region: { id: open.id, body, closed: false } })
  } else {
    segments.push({ type: 'text', lines })
  }
  return segments
}

/** Split off the checksum line, which the exporter writes as the last non-blank line. */
function splitChecksum(text: string): { body: string; checksum: string | null } {
  const lines = normaliseText(text).split('\n')
  let last = lines.length - 1
  while (last >= 0 && (lines[last] ?? '').trim() === '') last -= 1
  const match = CHECKSUM_LINE.exec((lines[last] ?? '').trim())
  if (match === null) return { body: lines.join('\n'), checksum: null }
  return { body: lines.slice(0, last).join('\n'), checksum: match[1] ?? null }
}

/** The lines of a region as written: markers around its body. */
function regionLines({ id, body, closed }: KeepRegion, withBody = true): string[] {
  return [
    keepOpenMarker(id),
    ...(withBody && body.length > 0 ? [body] : []),
    ...(closed ? [KEEP_CLOSE_MARKER] : []),
  ]
}

/** Render segments back to text, optionally with every region body left out. */
function render(segments: readonly KeepSegment[], withBodies: boolean): string {
  return segments
    .flatMap((s) => (s.type === 'text' ? s.lines : regionLines(s.region, withBodies)))
    .join('\n')
}

/** JSON with object keys sorted, so two mappings with the same values compare equal. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    )
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * What the checksum covers: the generated lines, every keep region left out.
 *
 * Leading YAML front matter counts by its values (an editor that re-quotes
 * `title: "x"` as `title: 'x'` changed nothing; front matter that does not
 * parse counts by its lines). The rest counts by its non-blank lines with
 * trailing spaces trimmed: blank lines and trailing spaces are what editors
 * and added regions change without any text being written, and re-exporting
 * over them loses nothing.
 */
function generatedFingerprint(segments: readonly KeepSegment[]): string {
  const lines = segments.flatMap((s) => (s.type === 'text' ? s.lines : [])).map((l) => l.trimEnd())
  let start = 0
  while (start < lines.length && lines[start] === '') start += 1
  let frontMatter = ''
  if (lines[start] === '---') {
    const end = lines.indexOf('---', start + 1)
    if (end > start) {
      const yaml = lines.slice(start + 1, end).join('\n')
      try {
        frontMatter = `front matter ${canonicalJson(parseYaml(yaml))}`
        start = end + 1
      } catch {
        // Not YAML: the lines count as they are, like any other generated text.
      }
    }
  }
  return [frontMatter, ...lines.slice(start).filter((l) => l !== '')].join('\n')
}

/** The hash of a document's generated part, as `withChecksum` writes it. */
function checksumOf(segments: readonly KeepSegment[]): string {
  return fnv1a64(generatedFingerprint(segments))
}

/** The checksum exports made before added regions were allowed: marker lines counted, blank lines too. */
function legacyChecksumOf(segments: readonly KeepSegment[]): string {
  return fnv1a64(render(segments, false).trimEnd())
}

/**
 * Append (or replace) the checksum line of a generated document.
 *
 * The checksum covers everything outside keep regions, so the user may write
 * inside them, and add regions of their own, without the re-export
 * reporting an edit.
 */
export function withChecksum(text: string): string {
  const body = splitChecksum(text).body.trimEnd()
  return `${body}\n\n<!-- workbench:checksum fnv1a64:${checksumOf(parseKeepRegions(body))} -->\n`
}

/**
 * Whether a document's generated part is unchanged since export: 'missing' when it has no checksum.
 *
 * A region left open is a 'mismatch': its closing marker was deleted, or the
 * user's text swallows generated text after it. Checksums written by earlier
 * versions of the exporter still verify.
 */
export function verifyChecksum(text: string): 'valid' | 'mismatch' | 'missing' {
  const { body, checksum } = splitChecksum(text)
  if (checksum === null) return 'missing'
  const segments = parseKeepRegions(body)
  if (segments.some((s) => s.type === 'region' && !s.region.closed)) return 'mismatch'
  return checksumOf(segments) === checksum || legacyChecksumOf(segments) === checksum
    ? 'valid'
    : 'mismatch'
}

const isBlank = (text: string): boolean => text.trim().length === 0

/** A document as a list of lines and regions, the unit anchors point at. */
type Item =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'region'; readonly region: KeepRegion }

function toItems(segments: readonly KeepSegment[]): Item[] {
  return segments.flatMap((s): Item[] =>
    s.type === 'text'
      ? s.lines.map((text) => ({ kind: 'line', text }))
      : [{ kind: 'region', region: s.region }],
  )
}

/**
 * What an added region can be anchored to: a non-blank generated line (by
 * its text) or a region the exporter writes (by its id); null for blank lines
 * and anonymous regions, which move with the user's own text.
 */
function anchorKey(item: Item | undefined): string | null {
  if (item === undefined) return null
  if (item.kind === 'region') return item.region.id === null ? null : `region ${item.region.id}`
  const text = item.text.trimEnd()
  return text === '' ? null : `line ${text}`
}

/** The index of the nearest item with an anchor key from `from` stepping by `step`, or -1. */
function nearestKeyed(items: readonly Item[], from: number, step: 1 | -1): number {
  for (let i = from; i >= 0 && i < items.length; i += step) {
    if (anchorKey(items[i]) !== null) return i
  }
  return -1
}

/** A generated item of the existing file, with enough context to find it in the fresh one. */
interface Anchor {
  readonly key: string
  /** How many items with the same key came before it (0 for the first). */
  readonly occurrence: number
  /** Keys of the nearest keyed items before and after it. */
  readonly previous: string | null
  readonly next: string | null
}

function anchorAt(items: readonly Item[], index: number): Anchor | null {
  const key = anchorKey(items[index])
  if (key === null) return null
  let occurrence = 0
  for (let i = 0; i < index; i += 1) if (anchorKey(items[i]) === key) occurrence += 1
  return {
    key,
    occurrence,
    previous: anchorKey(items[nearestKeyed(items, index - 1, -1)]),
    next: anchorKey(items[nearestKeyed(items, index + 1, 1)]),
  }
}

/**
 * Find an anchor in the fresh document's items; -1 when it is gone.
 *
 * Of the items with the same text, the one with the same neighbours wins
 * (so a region follows its article when another article is added before it),
 * then the one at the same occurrence (the third "| --- |" stays the third).
 */
function findAnchor(items: readonly Item[], anchor: Anchor): number {
  let best = -1
  let bestScore = -Infinity
  let occurrence = 0
  items.forEach((item, i) => {
    if (anchorKey(item) !== anchor.key) return
    const context =
      Number(anchorKey(items[nearestKeyed(items, i - 1, -1)]) === anchor.previous) +
      Number(anchorKey(items[nearestKeyed(items, i + 1, 1)]) === anchor.next)
    const score = context * items.length - Math.abs(occurrence - anchor.occurrence)
    if (score > bestScore) {
      best = i
      bestScore = score
    }
    occurrence += 1
  })
  return best
}

/** How many blank lines lie directly next to `index`, stepping by `step`. */
function blankRun(items: readonly Item[], index: number, step: 1 | -1): number {
  let count = 0
  for (let i = index + step; i >= 0 && i < items.length; i += step) {
    const item = items[i]
    if (item?.kind !== 'line' || item.text.trim() !== '') break
    count += 1
  }
  return count
}

/** An added region and where it goes in the fresh document. */
interface Placement {
  readonly region: KeepRegion
  /** Blank lines the user left before / after the region. */
  readonly blanksBefore: number
  readonly blanksAfter: number
}

/**
 * Carry the keep regions of an existing export into a fresh one.
 *
 * Regions with an id match the fresh region with the same id; anonymous
 * regions first fill the fresh document's anonymous regions in order (the
 * Markdown briefing has none). Every other anonymous region is one the user
 * added: it goes back after the same generated line it followed (a heading,
 * a block id, a line of text, or a region the exporter writes), found by its
 * text, its neighbours and which occurrence it was; if that line is gone,
 * before the generated line it preceded. Non-empty regions with no place left
 * are appended at the end under `ORPHAN_HEADING`, markers and ids included,
 * so nothing is lost and a later export can still match them. The result
 * gets a new checksum, and keeps the existing file's byte order mark and CRLF
 * line endings.
 */
export function mergeKeepRegions(existing: string, fresh: string): MergeResult {
  const oldItems = toItems(parseKeepRegions(splitChecksum(existing).body))
  const freshItems = toItems(parseKeepRegions(splitChecksum(fresh).body))
  const oldRegions = oldItems.flatMap((item, index) =>
    item.kind === 'region' ? [{ region: item.region, index }] : [],
  )
  const used = new Set<KeepRegion>()
  const take = (id: string | null): KeepRegion | undefined => {
    const match = oldRegions.find((r) => r.region.id === id && !used.has(r.region))?.region
    if (match !== undefined) used.add(match)
    return match
  }

  const filled = freshItems.map((item): Item => {
    if (item.kind === 'line') return item
    const kept = take(item.region.id)
    return kept === undefined
      ? item
      : { kind: 'region', region: { ...item.region, body: kept.body } }
  })

  const start: Placement[] = []
  const after = new Map<number, Placement[]>()
  const before = new Map<number, Placement[]>()
  const place = (map: Map<number, Placement[]>, at: number, placement: Placement): void => {
    map.set(at, [...(map.get(at) ?? []), placement])
  }
  const orphans: KeepRegion[] = []
  for (const { region, index } of oldRegions) {
    if (used.has(region)) continue
    if (region.id !== null) {
      if (isBlank(region.body)) continue
      orphans.push(region)
      used.add(region)
      continue
    }
    const placement: Placement = {
      region: { ...region, closed: true },
      blanksBefore: blankRun(oldItems, index, -1),
      blanksAfter: blankRun(oldItems, index, 1),
    }
    const previous = nearestKeyed(oldItems, index - 1, -1)
    const following = nearestKeyed(oldItems, index + 1, 1)
    const afterAnchor = previous < 0 ? null : anchorAt(oldItems, previous)
    const beforeAnchor = following < 0 ? null : anchorAt(oldItems, following)
    const afterAt = afterAnchor === null ? -1 : findAnchor(freshItems, afterAnchor)
    const beforeAt = beforeAnchor === null ? -1 : findAnchor(freshItems, beforeAnchor)
    if (previous < 0) start.push(placement)
    else if (afterAt >= 0) place(after, afterAt, placement)
    else if (beforeAt >= 0) place(before, beforeAt, placement)
    else if (!isBlank(region.body)) orphans.push(region)
    else continue
    used.add(region)
  }

  const blanks = (n: number): string[] => Array.from({ length: n }, () => '')
  const lines: string[] = start.flatMap((p) => [...regionLines(p.region), ...blanks(p.blanksAfter)])
  filled.forEach((item, i) => {
    for (const p of before.get(i) ?? [])
      lines.push(...regionLines(p.region), ...blanks(p.blanksAfter))
    lines.push(...(item.kind === 'line' ? [item.text] : regionLines(item.region)))
    for (const p of after.get(i) ?? [])
      lines.push(...blanks(p.blanksBefore), ...regionLines(p.region))
  })

  let text = lines.join('\n').trimEnd()
  if (orphans.length > 0) {
    const appended = orphans.map((r) => regionLines({ ...r, closed: true }).join('\n'))
    text += `\n\n${ORPHAN_HEADING}\n\n${appended.join('\n\n')}`
  }

  const keptRegions = [...used].filter((r) => !isBlank(r.body)).length
  const bom = existing.startsWith('\uFEFF') ? '\uFEFF' : ''
  const merged = withChecksum(text)
  return {
    text: bom + (existing.includes('\r\n') ? merged.replace(/\n/gu, '\r\n') : merged),
    keptRegions,
    outsideEdits: verifyChecksum(existing) !== 'valid',
  }
}
