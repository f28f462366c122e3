/**
 * The claim fields, each declared once.
 *
 * Why: a claim field used to live in ten files (stored schema, IPC patch,
 * service patch type, form, CSV, Markdown, W3C, ClaimReview, search, CLI)
 * and those copies drifted: the CSV had no statement or claim date, and a
 * field added to the contract but not to the service's patch type was
 * silently dropped. Here each field says its stored schema, what an edit
 * accepts, its starting value, its label, how it reads as text, its CSV
 * column, its W3C property, where ClaimReview puts it and whether search
 * reads it; the contract, the services, the claim form, every exporter and
 * the command line derive from this table. A format that leaves a field
 * out says so here, with the reason, and a test holds every format to it.
 *
 * Links are a field too (stored on the claim, exported everywhere) but are
 * edited through `claim:link`/`claim:unlink`, not the claim patch.
 */
import { z } from 'zod'
import { WorkbenchError } from '../ipc/result'
import { nameKey } from '../search/fold'

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const
export type Confidence = (typeof CONFIDENCE_LEVELS)[number]

/** Whether the claimant is a person or an organisation; null while the analyst has not said. */
export const CLAIMANT_TYPES = ['person', 'organisation'] as const
export type ClaimantType = (typeof CLAIMANT_TYPES)[number]

export const CLAIM_RELATIONS = ['supports', 'contradicts', 'same-as', 'repeats'] as const
export type ClaimRelation = (typeof CLAIM_RELATIONS)[number]

/** The longest claim status name the codebook accepts. */
export const MAX_CLAIM_STATUS_LENGTH = 100

/** A claim date: a year, a month or a day, ISO 8601 (`2024`, `2024-03`, `2024-03-18`). */
export const CLAIM_DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/

/** Whether a string is a claim date that exists on the calendar (no 30 February). */
export function isClaimDate(value: string): boolean {
  if (!CLAIM_DATE_PATTERN.test(value)) return false
  const [year, month, day] = value.split('-').map(Number)
  if (day === undefined || month === undefined || year === undefined) return true
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export const claimLinkSchema = z.strictObject({
  relation: z.enum(CLAIM_RELATIONS),
  articleId: z.string().min(1),
  annotationId: z.string().min(1),
})
export type ClaimLink = z.infer<typeof claimLinkSchema>

/** What a field's starting value and its edits may depend on. */
export interface ClaimFieldContext {
  /** The configured claim statuses, in order; a new claim takes the first. */
  readonly claimStatuses: readonly string[]
}

/** How the claim form shows a field. */
export type ClaimFieldControl =
  | { readonly kind: 'text'; readonly multiline: boolean; readonly placeholder?: string }
  | { readonly kind: 'date'; readonly placeholder: string }
  | { readonly kind: 'status' }
  | { readonly kind: 'choice'; readonly options: readonly string[]; readonly none?: string }
  | { readonly kind: 'segmented'; readonly options: readonly string[] }
  | { readonly kind: 'links' }

/**
 * Where a format puts a field, or why it leaves it out.
 *
 * `{ omitted: reason }` is a deliberate choice, said once, which the format
 * tests accept; anything else is a promise they check.
 */
export type FormatPlacement<T> = T | { readonly omitted: string }

export interface ClaimFieldSpec<V> {
  /** Shown in the claim form. */
  readonly label: string
  /** Shown where space is short (the briefing's claim line); the label when absent. */
  readonly shortLabel?: string
  /** One line under the form field. */
  readonly hint?: string
  /** The value as kept in the library (and read back from a file). */
  readonly stored: z.ZodType<V>
  /** What `claim:update` accepts for the field; null when the patch cannot set it. */
  readonly input: z.ZodType<V> | null
  /** A new claim's value, from the passage's quote and the codebook. */
  readonly initial: (quote: string, context: ClaimFieldContext) => V
  /** The stored value from an accepted edit: trimmed, or the codebook's spelling. Throws `WorkbenchError`. */
  readonly apply: (value: V, context: ClaimFieldContext) => V
  /** The value as plain text for tables, spreadsheets and labels; '' when unset. */
  readonly text: (value: V) => string
  readonly control: ClaimFieldControl
  /** The CSV column(s) holding the field. */
  readonly csv: FormatPlacement<string>
  /** The property of the W3C claim body (see the W3C extension context). */
  readonly w3c: FormatPlacement<string>
  /** The schema.org ClaimReview property path that carries the field. */
  readonly claimReview: FormatPlacement<string>
  /** The Markdown briefing shows it on the claim line. */
  readonly markdown: FormatPlacement<'claim-line'>
  /** Search reads it as a field of its own (`SearchField`). */
  readonly searchable: boolean
  /** The command line option that sets it (`--<name>`); null when the CLI sets it otherwise. */
  readonly cliOption: string | null
}

const trimmed = (value: string): string => value.replace(/\s+/gu, ' ').trim()
const identity = <V>(value: V): V => value
const asText = (value: string | null): string => value ?? ''

/** The configured spelling of a claim status, matched case-insensitively, or `invalid-input`. */
export function requireClaimStatus(statuses: readonly string[], status: string): string {
  const wanted = nameKey(status.replace(/\s+/gu, ' ').trim())
  const found = statuses.find((s) => nameKey(s) === wanted)
  if (found === undefined) {
    throw new WorkbenchError(
      'invalid-input',
      `"${status}" is not a claim status; choose one of: ${statuses.join(', ')}`,
    )
  }
  return found
}

function spec<V>(field: ClaimFieldSpec<V>): ClaimFieldSpec<V> {
  return field
}

/**
 * The claim fields in the order the form, the CSV and the Markdown claim
 * line show them.
 */
export const CLAIM_FIELDS = {
  statement: spec<string>({
    label: 'Statement',
    hint: 'What is claimed, in your words',
    stored: z.string(),
    input: z.string().max(10_000),
    initial: (quote) => quote,
    apply: (value) => value.trim(),
    text: identity,
    control: { kind: 'text', multiline: true },
    csv: 'statement',
    w3c: 'statement',
    claimReview: 'claimReviewed',
    markdown: 'claim-line',
    searchable: true,
    cliOption: 'statement',
  }),
  claimant: spec<string>({
    label: 'Claimant',
    hint: 'Who claims it, with role or affiliation',
    stored: z.string(),
    input: z.string().max(2_000),
    initial: () => '',
    apply: (value) => value.trim(),
    text: identity,
    control: { kind: 'text', multiline: false },
    csv: 'claimant',
    w3c: 'claimant',
    claimReview: 'itemReviewed.author.name',
    markdown: 'claim-line',
    searchable: true,
    cliOption: 'claimant',
  }),
  claimantType: spec<ClaimantType | null>({
    label: 'Person or organisation',
    stored: z.enum(CLAIMANT_TYPES).nullable(),
    input: z.enum(CLAIMANT_TYPES).nullable(),
    initial: () => null,
    apply: identity,
    text: asText,
    control: { kind: 'choice', options: CLAIMANT_TYPES, none: 'not said' },
    csv: 'claimant_type',
    w3c: 'claimantType',
    claimReview: 'itemReviewed.author.@type',
    markdown: { omitted: 'the claimant line names the claimant; the type matters to machines' },
    searchable: false,
    cliOption: 'claimant-type',
  }),
  attributedVia: spec<string>({
    label: 'Attributed via',
    shortLabel: 'Via',
    hint: 'Through whom: “RIA Novosti citing the press service”',
    stored: z.string(),
    input: z.string().max(2_000),
    initial: () => '',
    apply: (value) => value.trim(),
    text: identity,
    control: { kind: 'text', multiline: false },
    csv: 'attributed_via',
    w3c: 'attributedVia',
    claimReview: {
      omitted: 'schema.org’s Claim has no property for the intermediary a claim came through',
    },
    markdown: 'claim-line',
    searchable: true,
    cliOption: 'via',
  }),
  claimDate: spec<string | null>({
    label: 'Claim date',
    shortLabel: 'Date',
    hint: 'A year, month or day',
    stored: z.string().nullable(),
    input: z
      .string()
      .refine(isClaimDate, 'expected a date like 2024, 2024-03 or 2024-03-18')
      .nullable(),
    initial: () => null,
    apply: identity,
    text: asText,
    control: { kind: 'date', placeholder: '2024-03-18' },
    csv: 'claim_date',
    w3c: 'claimDate',
    claimReview: 'itemReviewed.datePublished',
    markdown: 'claim-line',
    searchable: false,
    cliOption: 'claim-date',
  }),
  status: spec<string>({
    label: 'Status',
    stored: z.string().min(1),
    input: z.string().min(1).max(MAX_CLAIM_STATUS_LENGTH),
    initial: (_quote, context) => context.claimStatuses[0] ?? 'unverified',
    apply: (value, context) => requireClaimStatus(context.claimStatuses, trimmed(value)),
    text: identity,
    control: { kind: 'status' },
    csv: 'status',
    w3c: 'status',
    claimReview: 'reviewRating.alternateName',
    markdown: 'claim-line',
    searchable: false,
    cliOption: 'status',
  }),
  confidence: spec<Confidence>({
    label: 'Confidence',
    stored: z.enum(CONFIDENCE_LEVELS),
    input: z.enum(CONFIDENCE_LEVELS),
    initial: () => 'medium',
    apply: identity,
    text: identity,
    control: { kind: 'segmented', options: CONFIDENCE_LEVELS },
    csv: 'confidence',
    w3c: 'confidence',
    claimReview: {
      omitted: 'ClaimReview rates the claim, not the reviewer’s confidence in the rating',
    },
    markdown: 'claim-line',
    searchable: false,
    cliOption: 'confidence',
  }),
  links: spec<ClaimLink[]>({
    label: 'Links',
    stored: z.array(claimLinkSchema),
    input: null,
    initial: () => [],
    apply: identity,
    text: (links) => links.map((l) => `${l.relation}: ${l.articleId}/${l.annotationId}`).join('; '),
    control: { kind: 'links' },
    csv: 'links',
    w3c: 'links',
    claimReview: {
      omitted: 'schema.org has no relation between two claim reviews that a fact-check tool reads',
    },
    markdown: { omitted: 'links are listed under the claim line, with the linked claims named' },
    searchable: false,
    cliOption: null,
  }),
} as const

type Fields = typeof CLAIM_FIELDS
export type ClaimFieldName = keyof Fields
type ValueOf<K extends ClaimFieldName> = Fields[K] extends ClaimFieldSpec<infer V> ? V : never

/** Every claim field, in display order. */
export const CLAIM_FIELD_NAMES = Object.keys(CLAIM_FIELDS) as ClaimFieldName[]

/** The fields `claim:update` can set (all but links). */
export type EditableClaimFieldName = {
  [K in ClaimFieldName]: Fields[K]['input'] extends null ? never : K
}[ClaimFieldName]

/** The fields `claim:update` can set, in display order. */
export const EDITABLE_CLAIM_FIELDS = CLAIM_FIELD_NAMES.filter(
  (name): name is EditableClaimFieldName => CLAIM_FIELDS[name].input !== null,
)

/** The claim fields search reads as fields of their own. */
export const SEARCHABLE_CLAIM_FIELDS = ['statement', 'claimant', 'attributedVia'] as const
export type SearchableClaimField = (typeof SEARCHABLE_CLAIM_FIELDS)[number]

function shapeOf<S>(pick: (field: ClaimFieldSpec<unknown>) => S | null): Record<string, S> {
  const shape: Record<string, S> = Object.create(null) as Record<string, S>
  for (const name of CLAIM_FIELD_NAMES) {
    const value = pick(CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>)
    if (value !== null) shape[name] = value
  }
  return shape
}

/** A claim as kept in the library. */
export type Claim = { [K in ClaimFieldName]: ValueOf<K> }

/** A change to a claim: any editable fields, each checked by its own input schema. */
export type ClaimPatch = { readonly [K in EditableClaimFieldName]?: ValueOf<K> }

/** The stored claim, every field required. */
export const claimSchema = z.strictObject(
  shapeOf((field) => field.stored as z.ZodType),
) as unknown as z.ZodType<Claim>

/** What `claim:update` accepts as its patch. */
export const claimPatchSchema = z.strictObject(
  shapeOf((field) => (field.input === null ? null : (field.input as z.ZodType).optional())),
) as unknown as z.ZodType<ClaimPatch>

/** A new claim on a quote: the statement starts as the quote, the status as the first configured one. */
export function newClaim(quote: string, context: ClaimFieldContext): Claim {
  const claim = Object.create(null) as Record<string, unknown>
  for (const name of CLAIM_FIELD_NAMES) {
    claim[name] = (CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>).initial(quote, context)
  }
  return { ...claim } as Claim
}

/**
 * Apply a checked patch to a claim in place; returns the names of the fields that changed.
 *
 * Each field goes through its own `apply` (trim, the codebook's spelling of
 * a status), so the service has no per-field code to forget.
 */
export function applyClaimPatch(
  claim: Claim,
  patch: ClaimPatch,
  context: ClaimFieldContext,
): EditableClaimFieldName[] {
  const changed: EditableClaimFieldName[] = []
  const target = claim as Record<string, unknown>
  for (const name of EDITABLE_CLAIM_FIELDS) {
    if (!Object.hasOwn(patch, name)) continue
    const value = (patch as Record<string, unknown>)[name]
    if (value === undefined) continue
    const next = (CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>).apply(value, context)
    if (JSON.stringify(target[name]) !== JSON.stringify(next)) changed.push(name)
    target[name] = next
  }
  return changed
}

/** A field's value as plain text ('' when unset), for tables, spreadsheets and labels. */
export function claimFieldText(claim: Claim, name: ClaimFieldName): string {
  return (CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>).text(claim[name])
}

/** Whether a placement is a deliberate omission. */
export function isOmitted<T extends string>(
  placement: FormatPlacement<T>,
): placement is { readonly omitted: string } {
  return typeof placement === 'object'
}

/**
 * Read a claim written by another file or an older version, field by field.
 *
 * A field that is missing or invalid takes its starting value and is named
 * in `problems`; unknown keys are named too. One bad field never resets the
 * others (the W3C importer used to drop the whole claim for one unknown key).
 */
export function readClaimLeniently(
  raw: Record<string, unknown>,
  quote: string,
  context: ClaimFieldContext,
): { readonly claim: Claim; readonly problems: readonly string[] } {
  const claim = newClaim(quote, context) as Record<string, unknown>
  const problems: string[] = []
  for (const name of CLAIM_FIELD_NAMES) {
    if (!Object.hasOwn(raw, name)) continue
    const field = CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>
    const parsed = (field.input ?? field.stored).safeParse(raw[name])
    if (!parsed.success) {
      problems.push(`${field.label.toLowerCase()} was not valid and was left at its default`)
      continue
    }
    claim[name] = parsed.data
  }
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(CLAIM_FIELDS, key)) problems.push(`unknown claim field "${key}" was ignored`)
  }
  return { claim: claim as Claim, problems }
}
