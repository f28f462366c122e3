/**
 * The analyst's briefing templates: list, read, save, delete.
 *
 * Why files in the library: a template is the analyst's own work, like
 * their annotations, so it travels with the library (and its backups) as a
 * plain `<library>/templates/<name>.liquid` anyone can open, diff or share.
 * Names become file names, so they are checked (no path separators, no
 * names a file system treats specially, bounded length) and compared the way
 * a case-insensitive disk would; nothing is overwritten without the caller
 * saying so, and every write is atomic and durable. The built-in template
 * is listed first and can be read and copied, never changed.
 */
import { readdir, readFile, rm, stat, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import {
  BUILT_IN_TEMPLATE_ID,
  BUILT_IN_TEMPLATE_LABEL,
  BUILT_IN_TEMPLATE_SOURCE,
  STARTER_TEMPLATE_ID,
  STARTER_TEMPLATE_LABEL,
  STARTER_TEMPLATE_SOURCE,
} from '../../shared/export/default-template'
import { buildBriefingModel, type BriefingModelInput } from '../../shared/export/briefing-model'
import { withChecksum } from '../../shared/export/keep-regions'
import {
  formatTemplateError,
  renderTemplate,
  type TemplateError,
} from '../../shared/export/template'
import {
  MAX_TEMPLATE_SOURCE_CHARS,
  type TemplateFile,
  type TemplateSummary,
} from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import { nameKey } from '../../shared/search/fold'
import { writeFileDurable } from '../store/durable-file'
import { TEMPLATE_EXTENSION, TEMPLATES_DIR } from '../store/files'
import { describeFsError } from '../store/fs-errors'
import type { LibraryStore } from '../store/library-store'

/** The longest template name, in characters. */
export const MAX_TEMPLATE_NAME_LENGTH = 80

export interface TemplateDeps {
  readonly store: Pick<LibraryStore, 'dir' | 'readOnly'>
}

// Names Windows reserves for devices, whatever the extension.
const WINDOWS_DEVICES = /^(?:con|prn|aux|nul|com\d|lpt\d)$/iu

/**
 * Why a template name cannot be used, or null when it can.
 *
 * Letters, digits, spaces and `_ - . , ( ) ' +`; no path separators, no
 * leading dot or space, no trailing dot or space, at most 80 characters.
 */
export function templateNameProblem(name: string): string | null {
  if (name.length === 0) return 'A template needs a name.'
  if (name.length > MAX_TEMPLATE_NAME_LENGTH) {
    return `A template name has at most ${MAX_TEMPLATE_NAME_LENGTH} characters.`
  }
  if (/[/\\]/u.test(name)) return 'A template name cannot contain / or \\.'
  if (!/^[\p{L}\p{N}_\-.,()'+ ]+$/u.test(name)) {
    return "A template name may hold letters, digits, spaces and _ - . , ( ) ' + only."
  }
  if (/^[. ]|[. ]$/u.test(name)) return 'A template name cannot start or end with a dot or a space.'
  if (WINDOWS_DEVICES.test(name)) return `"${name}" is a name Windows reserves; choose another.`
  return null
}

function requireName(name: string): string {
  const problem = templateNameProblem(name)
  if (problem !== null) throw new WorkbenchError('invalid-input', problem)
  return name
}

function requireWritable(store: TemplateDeps['store']): void {
  if (store.readOnly !== null) {
    throw new WorkbenchError('read-only', `Templates cannot be changed: ${store.readOnly}`)
  }
}

const dirOf = (store: TemplateDeps['store']): string => join(store.dir, TEMPLATES_DIR)
const pathOf = (store: TemplateDeps['store'], name: string): string =>
  join(dirOf(store), `${name}${TEMPLATE_EXTENSION}`)

/** The built-in templates, read-only, in the order lists show them, with their sources. */
const BUILT_INS: readonly (TemplateSummary & { readonly source: string })[] = [
  {
    name: BUILT_IN_TEMPLATE_ID,
    label: BUILT_IN_TEMPLATE_LABEL,
    builtIn: true,
    updatedAt: null,
    source: BUILT_IN_TEMPLATE_SOURCE,
  },
  {
    name: STARTER_TEMPLATE_ID,
    label: STARTER_TEMPLATE_LABEL,
    builtIn: true,
    updatedAt: null,
    source: STARTER_TEMPLATE_SOURCE,
  },
]

/** The built-in template with this id, if it is one. */
function builtIn(name: string): (typeof BUILT_INS)[number] | undefined {
  return BUILT_INS.find((t) => t.name === name)
}

/** The stored templates' names as on disk (valid names only), in no particular order. */
async function storedNames(store: TemplateDeps['store']): Promise<string[]> {
  const dir = dirOf(store)
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[]
    throw describeFsError(error, 'read', dir)
  })
  return names
    .filter((n) => n.endsWith(TEMPLATE_EXTENSION))
    .map((n) => n.slice(0, -TEMPLATE_EXTENSION.length))
    .filter((n) => templateNameProblem(n) === null)
}

/** The stored name that a case-insensitive disk would take `name` for, if any. */
async function sameName(store: TemplateDeps['store'], name: string): Promise<string | null> {
  const key = nameKey(name)
  return (await storedNames(store)).find((n) => nameKey(n) === key) ?? null
}

/** Every template: the built-in briefing and the starter first, then the library's by name. */
export async function listTemplates(deps: TemplateDeps): Promise<TemplateSummary[]> {
  const names = (await storedNames(deps.store)).sort((a, b) => {
    const ka = nameKey(a)
    const kb = nameKey(b)
    return ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0
  })
  const stored: TemplateSummary[] = []
  for (const name of names) {
    const info = await stat(pathOf(deps.store, name)).catch(() => null)
    if (!info?.isFile()) continue
    stored.push({ name, label: name, builtIn: false, updatedAt: info.mtime.toISOString() })
  }
  return [...BUILT_INS.map(({ source: _source, ...summary }) => summary), ...stored]
}

/** One template's source: the built-in one by its id, a stored one by its name. */
export async function getTemplate(name: string, deps: TemplateDeps): Promise<TemplateFile> {
  const fixed = builtIn(name)
  if (fixed !== undefined) return fixed
  requireName(name)
  const found = await sameName(deps.store, name)
  if (found === null) throw new WorkbenchError('not-found', `No template named "${name}".`)
  const path = pathOf(deps.store, found)
  try {
    const info = await stat(path)
    if (info.size > MAX_TEMPLATE_SOURCE_CHARS * 4) {
      throw new WorkbenchError(
        'invalid-input',
        `The template "${found}" is larger than a template may be (${path}).`,
      )
    }
    const source = await readFile(path, 'utf8')
    return {
      name: found,
      label: found,
      builtIn: false,
      updatedAt: info.mtime.toISOString(),
      source,
    }
  } catch (error) {
    if (error instanceof WorkbenchError) throw error
    throw describeFsError(error, 'read', path)
  }
}

/**
 * Save a template under a name.
 *
 * Refuses with `duplicate` when a template of that name (in any letter
 * case) exists, unless `overwrite`; the built-in template is read-only.
 */
export async function saveTemplate(
  input: { readonly name: string; readonly source: string; readonly overwrite?: boolean },
  deps: TemplateDeps,
): Promise<TemplateSummary> {
  if (builtIn(input.name) !== undefined) {
    throw new WorkbenchError(
      'read-only',
      'A built-in template cannot be changed; duplicate it and save the copy under a name.',
    )
  }
  const name = requireName(input.name)
  if (input.source.length > MAX_TEMPLATE_SOURCE_CHARS) {
    throw new WorkbenchError(
      'invalid-input',
      `A template has at most ${MAX_TEMPLATE_SOURCE_CHARS.toLocaleString('en-GB')} characters.`,
    )
  }
  requireWritable(deps.store)
  const existing = await sameName(deps.store, name)
  if (existing !== null && input.overwrite !== true) {
    throw new WorkbenchError(
      'duplicate',
      `A template named "${existing}" already exists; choose another name, or replace it.`,
    )
  }
  const dir = dirOf(deps.store)
  const path = pathOf(deps.store, name)
  try {
    await mkdir(dir, { recursive: true })
    // A rename in letter case only: the old spelling goes, so the list shows one.
    if (existing !== null && existing !== name) await rm(pathOf(deps.store, existing))
    await writeFileDurable(path, input.source)
    const info = await stat(path)
    return { name, label: name, builtIn: false, updatedAt: info.mtime.toISOString() }
  } catch (error) {
    throw describeFsError(error, 'save', path)
  }
}

/** Delete a stored template; the built-in one cannot be deleted. */
export async function deleteTemplate(
  name: string,
  deps: TemplateDeps,
): Promise<{ readonly name: string }> {
  if (builtIn(name) !== undefined) {
    throw new WorkbenchError('read-only', 'A built-in template cannot be deleted.')
  }
  requireName(name)
  requireWritable(deps.store)
  const found = await sameName(deps.store, name)
  if (found === null) throw new WorkbenchError('not-found', `No template named "${name}".`)
  const path = pathOf(deps.store, found)
  try {
    await rm(path)
  } catch (error) {
    throw describeFsError(error, 'save', path)
  }
  return { name: found }
}

/** A template that could not be rendered: the problem, with where it is in the template. */
export class TemplateRenderError extends WorkbenchError {
  constructor(readonly templateError: TemplateError) {
    super(
      'invalid-input',
      `The template could not be rendered: ${formatTemplateError(templateError)}`,
    )
    this.name = 'TemplateRenderError'
  }
}

/**
 * A Markdown briefing from a template: the model built from the export's
 * articles, rendered, and given the checksum keep regions rely on.
 * Throws `TemplateRenderError` (an `invalid-input`) when the template fails.
 */
export function renderBriefingTemplate(source: string, input: BriefingModelInput): string {
  const rendered = renderTemplate(source, buildBriefingModel(input))
  if (!rendered.ok) throw new TemplateRenderError(rendered.error)
  return withChecksum(rendered.text)
}
