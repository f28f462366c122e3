/**
 * The article's text as the reader draws it: blocks with their text
 * offsets, the analyst's highlights and claims over them, margin markers,
 * and the keys that move through paragraphs and select sentences.
 *
 * Why apart from the reader pane: the pane decides what to show (the
 * current text, an earlier version, an empty state); this draws one text
 * and owns its keyboard.
 */
import {
  Fragment,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type JSX,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react'
import { blockRanges, type Block } from '../../../../shared/domain/article'
import type { AnchoredAnnotation, CodebookTag } from '../../../../shared/ipc/contract'
import { tagKey } from '../../../../shared/domain/tag'
import { useWorkbench } from '../../state/workbench-store'
import { selectAnnotation } from '../annotations/annotation-actions'
import { ARTICLE_BODY_ATTRIBUTE } from './highlight-selection'
import { segmentBlock, type HighlightSpan } from './highlight-segments'
import {
  blockElements,
  extendSelection,
  nextSentence,
  selectInBlock,
  selectionInBlock,
} from './keyboard-selection'
import { BLOCK_START_ATTRIBUTE } from './selection-offsets'

/**
 * The element each kind of block is drawn as; list items are grouped into a
 * `<ul>`. A caption is a paragraph styled apart (`block-caption`): the
 * picture it described is not shown, so a `<figcaption>` would have no
 * `<figure>` to belong to.
 */
export const BLOCK_ELEMENTS = {
  heading: 'h2',
  paragraph: 'p',
  quote: 'blockquote',
  'list-item': 'li',
  caption: 'p',
} as const satisfies Record<Block['type'], keyof JSX.IntrinsicElements>

/** Highlight colour for annotations without a tag. */
const UNTAGGED_COLOR = '#d4a72c'

interface ArticleBodyProps {
  readonly blocks: readonly Block[]
  readonly annotations: readonly AnchoredAnnotation[]
}

/** The blocks, list items grouped into lists; every block element carries its text offset. */
export function ArticleBody({ blocks, annotations }: ArticleBodyProps) {
  const selectedId = useWorkbench((s) => s.selectedAnnotationId)
  const codebook = useWorkbench((s) => s.codebook)
  const colors = useMemo(() => tagColors(codebook), [codebook])
  const ranges = useMemo(() => blockRanges(blocks), [blocks])
  const spans = useMemo(
    () =>
      annotations.flatMap((a): HighlightSpan[] =>
        a.anchor.start !== null && a.anchor.end !== null
          ? [{ id: a.id, start: a.anchor.start, end: a.anchor.end }]
          : [],
      ),
    [annotations],
  )
  const colorOf = useMemo(() => {
    const byId = new Map(annotations.map((a) => [a.id, highlightColor(a, colors)]))
    return (id: string) => byId.get(id) ?? UNTAGGED_COLOR
  }, [annotations, colors])
  const byId = useMemo(() => new Map(annotations.map((a) => [a.id, a])), [annotations])
  const bodyRef = useRef<HTMLDivElement>(null)
  const hintId = useId()
  const [announcement, setAnnouncement] = useState('')
  const onBodyKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const root = bodyRef.current
    if (root) handleReaderKey(event, root, setAnnouncement)
  }

  const onMarkClick = (event: MouseEvent<HTMLElement>) => {
    // A drag that ends on a highlight is a new selection, not a click on it.
    if (window.getSelection()?.isCollapsed === false) return
    const id = event.currentTarget.dataset.annotationId
    if (id) selectAnnotation(id)
  }

  const rendered: ReactNode[] = []
  let listItems: ReactNode[] = []
  const flushList = (key: number) => {
    if (listItems.length === 0) return
    rendered.push(<ul key={`list-${key}`}>{listItems}</ul>)
    listItems = []
  }
  blocks.forEach((block, i) => {
    const start = ranges[i]?.start ?? 0
    const content = segmentBlock(block.text, start, spans).map((segment) => {
      const top = segment.highlightIds[0]
      if (top === undefined)
        return <span key={segment.start}>{withCitationMarkers(segment.text)}</span>
      const covering = segment.highlightIds.map((id) => byId.get(id))
      const topAnnotation = covering[0]
      const claimStart = covering.some(
        (a) => a?.kind === 'claim' && a.anchor.start === segment.start,
      )
      // A mark in the left margin where each annotation begins; claims and highlights differ in shape.
      const starting = covering.filter((a) => a?.anchor.start === segment.start)
      const markers = starting.map((a) =>
        a ? (
          <span
            key={`marker-${a.id}`}
            className={`margin-marker margin-marker-${a.kind}`}
            data-marker-for={a.id}
            style={{ '--highlight': colorOf(a.id) } as CSSProperties}
            aria-hidden="true"
          />
        ) : null,
      )
      const classes = ['highlight']
      if (topAnnotation?.kind === 'claim') classes.push('claim')
      if (covering.some((a) => a?.anchor.status === 'drifted')) classes.push('drifted')
      if (segment.highlightIds.length > 1) classes.push('overlap')
      if (segment.highlightIds.includes(selectedId ?? '')) classes.push('selected')
      // The markers sit beside the mark, not in it, so the mark's boxes are only its text.
      return (
        <Fragment key={segment.start}>
          {markers}
          <mark
            data-annotation-id={top}
            data-kind={topAnnotation?.kind}
            data-claim-start={claimStart ? '' : undefined}
            className={classes.join(' ')}
            title={markTitle(covering)}
            style={{ '--highlight': colorOf(top) } as CSSProperties}
            onClick={onMarkClick}
          >
            {withCitationMarkers(segment.text)}
          </mark>
        </Fragment>
      )
    })
    // Blocks take focus one at a time from the keyboard (see handleReaderKey), never by Tab.
    const attrs = {
      [BLOCK_START_ATTRIBUTE]: start,
      className: `block block-${block.type}`,
      tabIndex: -1,
    }
    if (block.type === 'list-item') {
      listItems.push(
        <li key={i} {...attrs}>
          {content}
        </li>,
      )
      return
    }
    flushList(i)
    const Element = BLOCK_ELEMENTS[block.type]
    rendered.push(
      <Element key={i} {...attrs}>
        {content}
      </Element>,
    )
  })
  flushList(blocks.length)

  return (
    <>
      <div
        ref={bodyRef}
        className="article-body"
        role="group"
        aria-label="Article text"
        aria-describedby={hintId}
        // One tab stop for the whole text; arrows move between its blocks.
        tabIndex={0}
        onKeyDown={onBodyKeyDown}
        {...{ [ARTICLE_BODY_ATTRIBUTE]: '' }}
      >
        {rendered}
      </div>
      <p id={hintId} className="visually-hidden">
        Up and down arrows move between paragraphs. S selects a sentence; Shift with the arrows
        moves the end of the selection by a word, Shift and Alt its start. H highlights, C makes a
        claim, Escape clears the selection.
      </p>
      <p className="visually-hidden" role="status" data-testid="reader-announcement">
        {announcement}
      </p>
    </>
  )
}

/** The block the keyboard was last on, per article body. */
const lastBlock = new WeakMap<Element, number>()

/**
 * The reader's own keys, while focus is in the article text: ↑/↓ and `[`/`]`
 * move the focused block, `s` selects a sentence of it, Shift+←/→ move the
 * selection's end by a word and Shift+Alt+←/→ its start, Escape clears it.
 */
function handleReaderKey(
  event: KeyboardEvent<HTMLElement>,
  root: HTMLElement,
  announce: (text: string) => void,
): void {
  if (event.ctrlKey || event.metaKey) return
  const blocks = blockElements(root)
  const active = document.activeElement
  const index = blocks.findIndex((b) => b === active)
  const block = blocks[index]
  const plain = !event.altKey && !event.shiftKey
  const step =
    plain && (event.key === 'ArrowDown' || event.key === ']')
      ? 1
      : plain && (event.key === 'ArrowUp' || event.key === '[')
        ? -1
        : 0
  if (step !== 0) {
    // Coming back to the text (e.g. Shift+Tab from the tags) resumes at the last block.
    const resume = lastBlock.get(root)
    const target =
      index >= 0
        ? blocks[index + step]
        : resume !== undefined && blocks[resume]
          ? blocks[resume]
          : step === 1
            ? blocks[0]
            : blocks.at(-1)
    event.preventDefault()
    if (!target) return
    lastBlock.set(root, blocks.indexOf(target))
    window.getSelection()?.removeAllRanges()
    target.focus()
    announce('')
    return
  }
  if (event.key === 'Escape' && plain) {
    const selection = window.getSelection()
    if (selection && !selection.isCollapsed) {
      event.preventDefault()
      selection.removeAllRanges()
      announce('Selection cleared')
    }
    return
  }
  if (!block) return
  const text = block.textContent ?? ''
  const current = selectionInBlock(root, block)
  const sentenceKey = plain && event.key.toLowerCase() === 's'
  const wordKey = event.shiftKey && (event.key === 'ArrowRight' || event.key === 'ArrowLeft')
  if (!sentenceKey && !wordKey) return
  const next = sentenceKey
    ? nextSentence(text, current)
    : extendSelection(
        text,
        current,
        event.altKey ? 'start' : 'end',
        event.key === 'ArrowRight' ? 1 : -1,
      )
  event.preventDefault()
  if (!next) return
  selectInBlock(block, next)
  announce(`Selected: ${text.slice(next.start, next.end)}`)
}

const CITATION_MARKER = /\[citation:[^\]]*\]/giu

/**
 * Set inline `[citation: …]` markers apart so the prose reads cleanly.
 *
 * The markers stay in the text (offsets count them); they are only wrapped.
 */
export function withCitationMarkers(text: string): ReactNode {
  const parts: ReactNode[] = []
  let last = 0
  for (const match of text.matchAll(CITATION_MARKER)) {
    if (match.index > last) parts.push(text.slice(last, match.index))
    parts.push(
      <span key={match.index} className="citation-marker">
        {match[0]}
      </span>,
    )
    last = match.index + match[0].length
  }
  if (last === 0) return text
  if (last < text.length) parts.push(text.slice(last))
  return parts
}

function tagColors(codebook: readonly CodebookTag[]): Map<string, string> {
  return new Map(codebook.map((t) => [tagKey(t.name), t.color]))
}

/** An annotation's highlight colour: its first tag's codebook colour. */
function highlightColor(
  annotation: AnchoredAnnotation,
  colors: ReadonlyMap<string, string>,
): string {
  const first = annotation.tags[0]
  return (first !== undefined ? colors.get(tagKey(first)) : undefined) ?? UNTAGGED_COLOR
}

/** The tooltip of a highlighted run: what covers it, for readers who cannot tell colours apart. */
function markTitle(covering: readonly (AnchoredAnnotation | undefined)[]): string {
  return covering
    .flatMap((a) => {
      if (!a) return []
      const kind = a.kind === 'claim' ? `Claim (${a.claim?.status ?? 'unverified'})` : 'Highlight'
      const tags = a.tags.length > 0 ? `: ${a.tags.join(', ')}` : ''
      const drift = a.anchor.status === 'drifted' ? ' (text changed)' : ''
      return [`${kind}${tags}${drift}`]
    })
    .join('\n')
}
