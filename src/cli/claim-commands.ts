/**
 * The command line's annotating commands: annotate, claim, link, unlink,
 * article-note and tag.
 *
 * Why: a script must be able to do with claims everything the window does —
 * make a claim, record its statement, claimant, attribution, date, status
 * and confidence, link claims, and keep an article's note and tags — or the
 * analyst goes back to the window for the last step. Every change goes
 * through the window's own channels (`annotation:create`, `claim:update`,
 * `claim:link`, `claim:unlink`, `article:update`), so a script and the
 * window cannot drift apart. The claim options, their help lines and their
 * checks are derived from `CLAIM_FIELDS` (`shared/domain/claim-fields.ts`):
 * a claim field added there becomes an option here with no code of its own.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { ParseArgsConfig } from 'node:util'
import { articleText } from '../shared/domain/article'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  CLAIM_RELATIONS,
  EDITABLE_CLAIM_FIELDS,
  claimFieldText,
  type ClaimFieldSpec,
  type ClaimPatch,
  type ClaimRelation,
  type EditableClaimFieldName,
} from '../shared/domain/claim-fields'
import type { Annotation } from '../shared/domain/annotation'
import { normaliseTagList, tagKey } from '../shared/domain/tag'
import { WorkbenchError } from '../shared/ipc/result'
import type { ChannelCaller } from '../main/handlers'
import { findQuoteOccurrences } from '../main/search/quote-occurrences'
import type { LibraryStore } from '../main/store/library-store'
import { parse, single, UsageError } from './cli-kit'

/** What a command writes to and where it reads relative paths from. */
export interface CommandIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly cwd: string
}

/** Open the library for the command's body: `read` without the lock, `write` with it. */
export type OpenStore = (
  mode: 'read' | 'write',
  body: (store: LibraryStore, call: ChannelCaller) => Promise<number>,
) => Promise<number>

export type ClaimCommand = (
  args: readonly string[],
  io: CommandIo,
  open: OpenStore,
) => Promise<number>

// ---------------------------------------------------------------------------
// Claim options, from the claim field table.

interface CliClaimField {
  readonly name: EditableClaimFieldName
  readonly option: string
  readonly spec: ClaimFieldSpec<unknown>
  /** The field can be unset: an empty value clears it. */
  readonly clearable: boolean
}

/** The claim fields the command line sets with an option of their own, in display order. */
const CLI_CLAIM_FIELDS: readonly CliClaimField[] = EDITABLE_CLAIM_FIELDS.flatMap((name) => {
  const spec = CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>
  if (spec.cliOption === null || spec.input === null) return []
  return [{ name, option: spec.cliOption, spec, clearable: spec.input.safeParse(null).success }]
})

/** The `parseArgs` options of the claim fields. */
const CLAIM_OPTION_CONFIG: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  CLI_CLAIM_FIELDS.map((f) => [f.option, { type: 'string' as const }]),
)

/** What an option's value looks like in the help. */
function placeholder(spec: ClaimFieldSpec<unknown>): string {
  const control = spec.control
  switch (control.kind) {
    case 'choice':
    case 'segmented':
      return control.options.join('|')
    case 'date':
      return 'YYYY[-MM[-DD]]'
    case 'status':
      return 'status'
    default:
      return 'text'
  }
}

/** Words of `text` in lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  return line ? [...lines, line] : lines
}

/**
 * The claim options as the help lists them, one per field of `CLAIM_FIELDS`
 * that has a `cliOption`: the option, then its label and hint from the table.
 */
export function claimOptionsHelp(indent = 35, width = 90): string {
  return CLI_CLAIM_FIELDS.map((f) => {
    const head = `  --${f.option} <${placeholder(f.spec)}>`
    const hint = f.spec.hint
      ? ` (${f.spec.hint.charAt(0).toLowerCase()}${f.spec.hint.slice(1)})`
      : ''
    const what = [
      `${f.spec.label}${hint.replace(/[“”]/g, '"')}`,
      f.spec.control.kind === 'status' ? '; one of the configured claim statuses' : '',
      f.clearable ? '; an empty value clears it' : '',
    ].join('')
    const body = wrap(what, width - indent).map((l) => `${' '.repeat(indent)}${l}`)
    if (head.length < indent && body[0] !== undefined)
      body[0] = `${head.padEnd(indent)}${body[0].slice(indent)}`
    else body.unshift(head)
    return body.join('\n')
  }).join('\n')
}

/**
 * The claim patch the options give, each value checked by its field's input
 * schema; a value the schema refuses is a usage mistake naming the option.
 */
function claimPatchFrom(values: Readonly<Record<string, unknown>>): ClaimPatch {
  const patch: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const field of CLI_CLAIM_FIELDS) {
    const raw = values[field.option]
    if (typeof raw !== 'string') continue
    const value = field.clearable && raw.trim() === '' ? null : raw
    const parsed = field.spec.input?.safeParse(value)
    if (!parsed?.success) {
      const control = field.spec.control
      const reason =
        control.kind === 'choice' || control.kind === 'segmented'
          ? `expected one of ${control.options.join(', ')}${field.clearable ? ', or empty to clear it' : ''}`
          : (parsed?.error.issues[0]?.message ?? 'not a valid value')
      throw new UsageError(`--${field.option}: ${reason}`)
    }
    patch[field.name] = parsed.data
  }
  return { ...patch } as ClaimPatch
}

/**
 * Check a patch against the library's codebook (a status must be one of the
 * configured ones) before anything is written, with the field's own rule.
 */
function checkAgainstCodebook(store: LibraryStore, patch: ClaimPatch): void {
  const context = { claimStatuses: store.readCodebook().claimStatuses }
  for (const field of CLI_CLAIM_FIELDS) {
    const value = (patch as Record<string, unknown>)[field.name]
    if (value !== undefined) field.spec.apply(value, context)
  }
}

/** A claim's fields, one `  Label: value` line each. */
function describeClaim(annotation: Annotation): string {
  const claim = annotation.claim
  if (claim === null) return ''
  return CLAIM_FIELD_NAMES.map(
    (name) => `  ${CLAIM_FIELDS[name].label}: ${claimFieldText(claim, name) || '-'}\n`,
  ).join('')
}

// ---------------------------------------------------------------------------
// Addressing annotations.

interface AnnotationRef {
  readonly articleId: string
  readonly annotationId: string
}

/**
 * Find an annotation named by `<annotation-id>` or `<article-id>/<annotation-id>`.
 *
 * Annotation ids are random and unique in a library, so the id alone is
 * looked up in every article's annotations (trashed ones too, so that the
 * service can say the article is in the trash).
 */
async function resolveAnnotation(store: LibraryStore, name: string): Promise<AnnotationRef> {
  const slash = name.lastIndexOf('/')
  if (slash > 0) {
    return { articleId: name.slice(0, slash), annotationId: name.slice(slash + 1) }
  }
  const found: string[] = []
  for (const entry of store.listAllArticles()) {
    if (entry.annotationCount === 0) continue
    const { annotations } = await store.peekArticle(entry.id)
    if (annotations.some((a) => a.id === name)) found.push(entry.id)
  }
  if (found.length === 0) throw new WorkbenchError('not-found', `no annotation with id ${name}`)
  if (found.length > 1) {
    throw new WorkbenchError(
      'invalid-input',
      `annotation id ${name} is in several articles (${found.join(', ')}); name it as <article-id>/${name}`,
    )
  }
  return { articleId: found[0] ?? '', annotationId: name }
}

/** The annotation itself, read through `article:get` as the window reads it. */
async function annotationOf(call: ChannelCaller, ref: AnnotationRef): Promise<Annotation> {
  const { annotations } = await call('article:get', { id: ref.articleId })
  const annotation = annotations.find((a) => a.id === ref.annotationId)
  if (!annotation) {
    throw new WorkbenchError(
      'not-found',
      `no annotation with id ${ref.annotationId} in article ${ref.articleId}`,
    )
  }
  return annotation
}

// ---------------------------------------------------------------------------
// The commands.

function relationOf(value: unknown): ClaimRelation {
  const relation = CLAIM_RELATIONS.find((r) => r === value)
  if (relation === undefined)
    throw new UsageError(`--relation must be one of ${CLAIM_RELATIONS.join(', ')}`)
  return relation
}

/** Whole number from 1, or a usage mistake. */
function occurrenceOf(value: string | undefined): number | null {
  if (value === undefined) return null
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1)
    throw new UsageError('--occurrence must be a whole number from 1')
  return n
}

export const CLAIM_COMMANDS: Readonly<Record<string, ClaimCommand>> = {
  annotate: async (args, io, open) => {
    const { values, positionals } = parse(
      args,
      {
        quote: { type: 'string' },
        occurrence: { type: 'string' },
        tag: { type: 'string', multiple: true },
        note: { type: 'string' },
        claim: { type: 'boolean' },
        ...CLAIM_OPTION_CONFIG,
      },
      true,
    )
    const id = single(positionals, 'annotate needs one article id')
    if (!values.quote) throw new UsageError('annotate needs --quote <text>')
    const quote = values.quote
    const occurrence = occurrenceOf(values.occurrence)
    const patch = claimPatchFrom(values)
    const isClaim = values.claim === true || Object.keys(patch).length > 0
    return open('write', async (store, call) => {
      const { article } = await call('article:get', { id })
      const found = findQuoteOccurrences(articleText(article.blocks), quote)
      if (found.length === 0)
        throw new WorkbenchError('not-found', `the quote is not in article ${id}`)
      const span = found[(occurrence ?? 1) - 1]
      if (span === undefined) {
        throw new WorkbenchError(
          'not-found',
          `the quote occurs ${found.length} time(s) in article ${id}; there is no occurrence ${occurrence}`,
        )
      }
      checkAgainstCodebook(store, patch)
      let annotation = await call('annotation:create', {
        articleId: id,
        start: span.start,
        end: span.end,
        kind: isClaim ? 'claim' : 'highlight',
        tags: values.tag ?? [],
        note: values.note ?? '',
      })
      if (Object.keys(patch).length > 0) {
        annotation = await call('claim:update', {
          articleId: id,
          annotationId: annotation.id,
          patch,
        })
      }
      io.out(`annotated ${annotation.id} ${id}\n`)
      if (found.length > 1 && occurrence === null) {
        io.err(
          `workbench: the quote occurs ${found.length} times; annotated the first (--occurrence N to choose another)\n`,
        )
      }
      return 0
    })
  },

  claim: async (args, io, open) => {
    const { values, positionals } = parse(args, CLAIM_OPTION_CONFIG, true)
    if (positionals.length < 1 || positionals.length > 2 || positionals.some((p) => !p)) {
      throw new UsageError('claim needs an annotation id, or an article id and an annotation id')
    }
    const patch = claimPatchFrom(values)
    return open('write', async (store, call) => {
      const ref =
        positionals.length === 2
          ? { articleId: positionals[0] ?? '', annotationId: positionals[1] ?? '' }
          : await resolveAnnotation(store, positionals[0] ?? '')
      let annotation = await annotationOf(call, ref)
      checkAgainstCodebook(store, patch)
      if (annotation.kind !== 'claim') {
        // What the window's "make it a claim" does: the highlight keeps its passage, tags and note.
        annotation = await call('annotation:update', { ...ref, patch: { kind: 'claim' } })
        io.out(`made ${ref.annotationId} a claim\n`)
      }
      if (Object.keys(patch).length > 0) {
        annotation = await call('claim:update', { ...ref, patch })
        io.out(`updated claim ${ref.annotationId} ${ref.articleId}\n`)
      } else io.out(`claim ${ref.annotationId} ${ref.articleId}\n`)
      io.out(describeClaim(annotation))
      return 0
    })
  },

  link: async (args, io, open) => {
    const { values, positionals } = parse(args, { relation: { type: 'string' } }, true)
    if (positionals.length !== 2) throw new UsageError('link needs two claim ids and --relation')
    const relation = relationOf(values.relation)
    return open('write', async (store, call) => {
      const from = await resolveAnnotation(store, positionals[0] ?? '')
      const to = await resolveAnnotation(store, positionals[1] ?? '')
      await call('claim:link', { from, to, relation })
      io.out(`linked ${from.annotationId} ${relation} ${to.annotationId}\n`)
      return 0
    })
  },

  unlink: async (args, io, open) => {
    const { positionals } = parse(args, {}, true)
    if (positionals.length !== 2) throw new UsageError('unlink needs two claim ids')
    return open('write', async (store, call) => {
      const from = await resolveAnnotation(store, positionals[0] ?? '')
      const to = await resolveAnnotation(store, positionals[1] ?? '')
      await call('claim:unlink', { from, to })
      io.out(`unlinked ${from.annotationId} from ${to.annotationId}\n`)
      return 0
    })
  },

  'article-note': async (args, io, open) => {
    const { values, positionals } = parse(
      args,
      { set: { type: 'string' }, append: { type: 'string' }, file: { type: 'string' } },
      true,
    )
    const id = single(positionals, 'article-note needs one article id')
    const given = [values.set, values.append, values.file].filter((v) => v !== undefined)
    if (given.length !== 1) {
      throw new UsageError('article-note needs one of --set <md>, --append <md> or --file <path>')
    }
    let text = values.set ?? values.append ?? ''
    if (values.file !== undefined) {
      try {
        text = await readFile(resolve(io.cwd, values.file), 'utf8')
      } catch (error) {
        throw new WorkbenchError(
          'not-found',
          `cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`,
        )
      }
    }
    return open('write', async (_store, call) => {
      let note = text
      if (values.append !== undefined) {
        const { note: current } = await call('article:get', { id })
        note = current.trim() === '' ? text : `${current.replace(/\s+$/u, '')}\n\n${text}`
      }
      const state = await call('article:update', { id, patch: { note } })
      io.out(`note of ${id}: ${state.note.length} characters\n`)
      return 0
    })
  },

  tag: async (args, io, open) => {
    const { values, positionals } = parse(
      args,
      { add: { type: 'string', multiple: true }, remove: { type: 'string', multiple: true } },
      true,
    )
    const id = single(positionals, 'tag needs one article id')
    const add = values.add ?? []
    const remove = values.remove ?? []
    if (add.length === 0 && remove.length === 0) {
      throw new UsageError('tag needs --add <tag> or --remove <tag>')
    }
    return open('write', async (_store, call) => {
      const { article } = await call('article:get', { id })
      const removed = new Set(remove.map(tagKey))
      const missing = remove.filter((t) => !article.tags.some((have) => tagKey(have) === tagKey(t)))
      const tags = normaliseTagList([
        ...article.tags.filter((t) => !removed.has(tagKey(t))),
        ...add,
      ])
      const state = await call('article:update', { id, patch: { tags } })
      for (const t of missing) io.err(`workbench: ${id} did not carry the tag ${t}\n`)
      io.out(`tags of ${id}: ${state.tags.length > 0 ? state.tags.join(', ') : '(none)'}\n`)
      return 0
    })
  },
}
