/**
 * Keep regions and the checksum of an exported briefing.
 *
 * Why: analysts open an exported briefing in their editor and add their own
 * prose. Re-exporting after more reading must not wipe that work, and must
 * not silently overwrite edits made elsewhere in the file either. Text
 * between `<!-- workbench:keep -->` and `<!-- /workbench:keep -->` marker
 * lines is carried into the fresh export; a checksum of everything outside
 * those regions, written at the end of the file, tells a re-export whether
 * the user changed the generated part so the caller can warn before
 * replacing it.
 *
 * Markers are whole lines starting at column 0. The exporter escapes `<` in
 * all the text it writes, so only it (or the user) can put markers there.
 */
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

/**
 * Split a document into generated text and keep regions.
 *
 * An opening marker inside a region is part of that region's body; a closing
 * marker outside any region is plain text. A region left open runs to the end
 * of the document so no user text is lost.
 */
export function parseKeepRegions(text: string): KeepSegment[] {
  const segments: KeepSegment[] = []
  let lines: string[] = []
  let open: { id: string | null; body: string[] } | null = null
  for (const line of text.replace(/\r\n?/gu, '\n').split('\n')) {
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
  const lines = text.replace(/\r\n?/gu, '\n').split('\n')
  let last = lines.length - 1
  while (last >= 0 && (lines[last] ?? '').trim() === '') last -= 1
  const match = CHECKSUM_LINE.exec((lines[last] ?? '').trim())
  if (match === null) return { body: lines.join('\n'), checksum: null }
  return { body: lines.slice(0, last).join('\n'), checksum: match[1] ?? null }
}

/** Render segments back to text, optionally with every region body left out. */
function render(segments: readonly KeepSegment[], withBodies: boolean): string {
  const out: string[] = []
  for (const segment of segments) {
    if (segment.type === 'text') {
      out.push(...segment.lines)
      continue
    }
    const { id, body, closed } = segment.region
    out.push(keepOpenMarker(id))
    if (withBodies && body.length > 0) out.push(body)
    if (closed) out.push(KEEP_CLOSE_MARKER)
  }
  return out.join('\n')
}

/** The hash of a document's generated part: keep region bodies removed, trailing blanks ignored. */
function checksumOf(body: string): string {
  return fnv1a64(render(parseKeepRegions(body), false).trimEnd())
}

/**
 * Append (or replace) the checksum line of a generated document.
 *
 * The checksum covers everything outside keep regions, so the user may write
 * inside them without the re-export reporting an edit.
 */
export function withChecksum(text: string): string {
  const body = splitChecksum(text).body.trimEnd()
  return `${body}\n\n<!-- workbench:checksum fnv1a64:${checksumOf(body)} -->\n`
}

/** Whether a document's generated part is unchanged since export: 'missing' when it has no checksum. */
export function verifyChecksum(text: string): 'valid' | 'mismatch' | 'missing' {
  const { body, checksum } = splitChecksum(text)
  if (checksum === null) return 'missing'
  return checksumOf(body) === checksum ? 'valid' : 'mismatch'
}

const isBlank = (text: string): boolean => text.trim().length === 0

/**
 * Carry the keep regions of an existing export into a fresh one.
 *
 * Regions with an id match the fresh region with the same id; anonymous
 * regions match the fresh anonymous regions in order. Non-empty regions the
 * fresh document has no place for are appended at the end under
 * `ORPHAN_HEADING`, markers and ids included, so nothing is lost and a later
 * export can still match them. The result gets a new checksum.
 */
export function mergeKeepRegions(existing: string, fresh: string): MergeResult {
  const old = parseKeepRegions(splitChecksum(existing).body)
  const oldRegions = old.flatMap((s) => (s.type === 'region' ? [s.region] : []))
  const used = new Set<KeepRegion>()
  const take = (id: string | null): KeepRegion | undefined => {
    const match = oldRegions.find((r) => r.id === id && !used.has(r))
    if (match !== undefined) used.add(match)
    return match
  }

  const merged = parseKeepRegions(splitChecksum(fresh).body).map((segment): KeepSegment => {
    if (segment.type === 'text') return segment
    const kept = take(segment.region.id)
    if (kept === undefined) return segment
    return { type: 'region', region: { ...segment.region, body: kept.body } }
  })

  const orphans = oldRegions.filter((r) => !used.has(r) && !isBlank(r.body))
  let text = render(merged, true).trimEnd()
  if (orphans.length > 0) {
    const appended = orphans.map((r) =>
      render([{ type: 'region', region: { ...r, closed: true } }], true),
    )
    text += `\n\n${ORPHAN_HEADING}\n\n${appended.join('\n\n')}`
  }

  const keptRegions = [...used].filter((r) => !isBlank(r.body)).length + orphans.length
  return {
    text: withChecksum(text),
    keptRegions,
    outsideEdits: verifyChecksum(existing) !== 'valid',
  }
}
