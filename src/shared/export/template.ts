/**
 * Render a briefing template (Liquid) against the briefing model.
 *
 * Why Liquid, and why this configuration: analysts customise their
 * exports, and a template is text from the user (or from a colleague's
 * shared file) that must never run code, read files or hang the app. Liquid
 * is logic-light and LiquidJS interprets it without `eval`; here it gets no
 * file system (include, render and layout are refused), sees only the
 * model's own properties (no `constructor`, no `__proto__`), and runs under
 * parse, render-time and memory limits. Output is Markdown-escaped by
 * default, with the same escaping helpers as the built-in briefing, so
 * hostile article text cannot break the document; `| raw` opts out, and the
 * Markdown filters (`quote`, `note`, `md_block`, `cell`, ...) emit
 * structure that is safe by construction. Errors come back as values with
 * the line and column in the template, never thrown, so they can cross IPC
 * and be shown as editor markers.
 */
import { Liquid, type FilterImplOptions } from 'liquidjs'
import { MAX_TEMPLATE_SOURCE_CHARS } from '../ipc/contract'
import { humanDate, type BriefingModel } from './briefing-model'
import {
  blockquote,
  escapeBlockLine,
  escapeInline,
  escapeTableCell,
  markdownLink,
  neutraliseNote,
  normaliseNewlines,
  obsidianTag,
  yamlString,
} from './markdown-escape'

/** A template problem, where it is (1-based line and column; null when the template as a whole failed). */
export interface TemplateError {
  readonly message: string
  readonly line: number | null
  readonly column: number | null
}

export type TemplateRender =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly error: TemplateError }

export interface TemplateLimits {
  /** Longest template source, in characters. */
  readonly maxSourceChars: number
  /** Longest a render may take, in milliseconds (checked between template nodes). */
  readonly renderMs: number
  /** LiquidJS's count of memory-sensitive allocations (strings and arrays built by filters). */
  readonly memory: number
  /** Longest output, in characters. */
  readonly maxOutputChars: number
}

/** The limits a template renders under unless told otherwise. */
export const DEFAULT_TEMPLATE_LIMITS: TemplateLimits = {
  maxSourceChars: MAX_TEMPLATE_SOURCE_CHARS,
  renderMs: 2_000,
  memory: 50_000_000,
  maxOutputChars: 20_000_000,
}

/** The Markdown-aware filters a template can use, for the docs and the editor. */
export const TEMPLATE_FILTERS = [
  'md',
  'md_block',
  'quote',
  'note',
  'cell',
  'link',
  'human_date',
  'obsidian_tag',
  'yaml',
] as const

/** Any model value as text: nil is empty, a list reads as its items joined by commas. */
function toText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    return value
      .map(toText)
      .filter((s) => s.length > 0)
      .join(', ')
  }
  // An object (an article, a claim) has no text of its own; "[object Object]" helps nobody.
  return ''
}

/** A filter whose output is Markdown already: the default escaping leaves it alone. */
function safe(handler: (value: unknown, ...args: unknown[]) => string): FilterImplOptions {
  return { raw: true, handler: (value: unknown, ...args: unknown[]) => handler(value, ...args) }
}

/** Untrusted text as Markdown block lines: structure escaped, line breaks kept. */
function markdownBlock(text: string): string {
  return normaliseNewlines(text)
    .split('\n')
    .map((line) => escapeBlockLine(line))
    .join('\n')
}

const LIMIT_MESSAGES: readonly (readonly [RegExp, (limits: TemplateLimits) => string])[] = [
  [
    /render limit exceeded/iu,
    (l) =>
      `The template took longer than ${l.renderMs / 1000} s to render and was stopped; look for a loop over a very large range.`,
  ],
  [
    /memory alloc limit exceeded/iu,
    () =>
      'The template built too much in memory and was stopped; look for a very large range, or a loop that keeps growing a string or list.',
  ],
  [
    /parse length limit exceeded/iu,
    (l) => `The template is longer than ${l.maxSourceChars.toLocaleString('en-GB')} characters.`,
  ],
]

function createEngine(limits: TemplateLimits): Liquid {
  const engine = new Liquid({
    // An empty in-memory file system: nothing on disk can be named, whatever the tag.
    templates: {},
    ownPropertyOnly: true,
    strictFilters: true,
    strictVariables: false,
    parseLimit: limits.maxSourceChars,
    renderLimit: limits.renderMs,
    memoryLimit: limits.memory,
    outputEscape: (value: unknown) => escapeInline(toText(value)),
    cache: false,
  })
  // Templates are one file: say so, rather than "file not found".
  for (const tag of ['include', 'render', 'layout']) {
    engine.registerTag(tag, {
      parse() {
        throw new Error(
          `{% ${tag} %} is not available in briefing templates: a template is one file`,
        )
      },
      render() {
        return ''
      },
    })
  }
  engine.registerFilter(
    'md',
    safe((v) => escapeInline(toText(v))),
  )
  engine.registerFilter(
    'md_block',
    safe((v) => markdownBlock(toText(v))),
  )
  engine.registerFilter(
    'quote',
    safe((v) => blockquote(toText(v))),
  )
  engine.registerFilter(
    'note',
    safe((v) => neutraliseNote(toText(v).trim())),
  )
  engine.registerFilter(
    'cell',
    safe((v) => escapeTableCell(toText(v))),
  )
  engine.registerFilter(
    'link',
    safe((label, url) => {
      const target = toText(url)
      return target.trim().length > 0
        ? markdownLink(toText(label), target)
        : escapeInline(toText(label))
    }),
  )
  engine.registerFilter(
    'yaml',
    safe((v) => yamlString(toText(v))),
  )
  engine.registerFilter('human_date', (v: unknown) => humanDate(toText(v)) ?? '')
  engine.registerFilter(
    'obsidian_tag',
    safe((v) =>
      (Array.isArray(v) ? v : [v])
        .map((name) => obsidianTag(toText(name)))
        .filter((tag): tag is string => tag !== null)
        .map((tag) => `#${tag}`)
        .join(' '),
    ),
  )
  return engine
}

interface PositionedError {
  readonly token?: { getPosition?: () => [number, number] }
  readonly originalError?: unknown
  readonly message?: unknown
}

/** A LiquidJS error as a `TemplateError`: its own words (without the position suffix) and where. */
function describeError(error: unknown, limits: TemplateLimits): TemplateError {
  const e = (error ?? {}) as PositionedError
  const position = ((): [number, number] | null => {
    try {
      return e.token?.getPosition?.() ?? null
    } catch {
      return null
    }
  })()
  const original = e.originalError as { message?: unknown } | undefined
  const raw =
    typeof original?.message === 'string'
      ? original.message
      : typeof e.message === 'string'
        ? e.message
        : String(error)
  let message = raw.replace(/,\s*(?:file:[^,]*,\s*)?line:\d+,\s*col:\d+\s*$/u, '').trim()
  for (const [pattern, explain] of LIMIT_MESSAGES) {
    if (pattern.test(message)) message = explain(limits)
  }
  return {
    message: message.length > 0 ? message : 'The template could not be rendered',
    line: position?.[0] ?? null,
    column: position?.[1] ?? null,
  }
}

/**
 * Render a template source against a briefing model.
 *
 * Never throws for anything the template does: a syntax error, an unknown
 * filter, an exceeded limit or a failing filter comes back as `{ ok: false,
 * error }` with the line and column when LiquidJS knows them.
 */
export function renderTemplate(
  source: string,
  model: BriefingModel,
  limits: TemplateLimits = DEFAULT_TEMPLATE_LIMITS,
): TemplateRender {
  if (source.length > limits.maxSourceChars) {
    return {
      ok: false,
      error: { message: LIMIT_MESSAGES[2]![1](limits), line: null, column: null },
    }
  }
  try {
    const engine = createEngine(limits)
    const output: unknown = engine.parseAndRenderSync(source, model)
    const text = typeof output === 'string' ? output : toText(output)
    if (text.length > limits.maxOutputChars) {
      return {
        ok: false,
        error: {
          message: `The template produced more than ${limits.maxOutputChars.toLocaleString('en-GB')} characters and was stopped.`,
          line: null,
          column: null,
        },
      }
    }
    return { ok: true, text }
  } catch (error) {
    return { ok: false, error: describeError(error, limits) }
  }
}

/** A template error in one line: `line:column: message` (or just the message). */
export function formatTemplateError(error: TemplateError, file?: string): string {
  const where = [file, error.line, error.line === null ? null : error.column]
    .filter((part) => part !== null && part !== undefined)
    .join(':')
  return where.length > 0 ? `${where}: ${error.message}` : error.message
}
