/**
 * The article details form and how the header shows details (pure; unit-tested).
 *
 * Why derived from `EDITABLE_META_FIELDS`: the contract, the CLI and this
 * form read the same table, so a field added there appears here with its
 * label and its validation, and cannot be forgotten. Only fields the
 * analyst changed are validated and sent: an extracted value the form would
 * not accept (an odd date from a web page) does not block correcting the title.
 */
import {
  EDITABLE_META_FIELDS,
  metaFieldProblem,
  type ArticleMeta,
  type EditableMetaField,
} from '../../../../shared/domain/article'
import type { MetaPatch } from '../../../../shared/ipc/contract'

/** The form's text per field; an empty string stands for "none". */
export type MetaValues = Readonly<Record<EditableMetaField, string>>

export type MetaSource = Pick<ArticleMeta, EditableMetaField>

/** What the analyst types into each field, and the example shown while it is empty. */
export const FIELD_PLACEHOLDERS: Readonly<Record<EditableMetaField, string>> = {
  title: 'The headline',
  source: 'Site or outlet, e.g. bbc.co.uk',
  byline: 'Authors',
  publishedAt: 'YYYY-MM-DD, YYYY-MM or YYYY',
  url: 'https://…',
  language: 'en, ru, pt-BR…',
}

/** The form's starting values: the article's details as shown. */
export function formValuesOf(meta: MetaSource): MetaValues {
  return Object.fromEntries(EDITABLE_META_FIELDS.map((f) => [f.key, meta[f.key] ?? ''])) as Record<
    EditableMetaField,
    string
  >
}

function changed(value: string, initial: string): boolean {
  return value.trim() !== initial.trim()
}

/** Why a field's value cannot be saved, or null (also null when it is unchanged). */
export function fieldProblem(
  key: EditableMetaField,
  value: string,
  initial: string,
): string | null {
  if (!changed(value, initial)) return null
  const trimmed = value.trim()
  return metaFieldProblem(key, trimmed === '' ? null : trimmed)
}

/** Every field's problem, in the table's order; empty when the form can be saved. */
export function formProblems(
  values: MetaValues,
  initial: MetaValues,
): Partial<Record<EditableMetaField, string>> {
  const problems: Partial<Record<EditableMetaField, string>> = {}
  for (const { key } of EDITABLE_META_FIELDS) {
    const problem = fieldProblem(key, values[key], initial[key])
    if (problem) problems[key] = problem
  }
  return problems
}

/** The `article:edit` patch for what changed: trimmed values, null to clear an emptied field. */
export function metaPatchOf(values: MetaValues, initial: MetaValues): MetaPatch {
  const patch: Record<string, string | null> = {}
  for (const { key } of EDITABLE_META_FIELDS) {
    if (!changed(values[key], initial[key])) continue
    const trimmed = values[key].trim()
    patch[key] = trimmed === '' ? null : trimmed
  }
  return patch as MetaPatch
}

/** The label of a field, from the table. */
export function fieldLabel(key: EditableMetaField): string {
  return EDITABLE_META_FIELDS.find((f) => f.key === key)!.label
}

/** An extracted value as the "edited" mark's tooltip shows it. */
export function extractedText(value: string | null): string {
  return value === null || value.trim() === '' ? '(none)' : `“${value}”`
}

/**
 * A published date as a reader reads it: a year stays a year, a month a
 * month ("March 2024"), a day a day; anything else is shown as written.
 */
export function formatPublished(value: string, locale?: string): string {
  const year = /^(\d{4})$/.exec(value)
  if (year) return value
  const month = /^(\d{4})-(\d{2})$/.exec(value)
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1))
    return date.toLocaleDateString(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' })
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  const date = day
    ? new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])))
    : new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return date.toLocaleDateString(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    ...(day ? { timeZone: 'UTC' } : {}),
  })
}

/** A language tag as a name ("English"), or the tag itself when the name is not known. */
export function languageName(tag: string, locale = 'en'): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language', fallback: 'none' }).of(tag)
    return name && name.toLowerCase() !== tag.toLowerCase() ? name : tag
  } catch {
    return tag
  }
}
