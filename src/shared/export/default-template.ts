/**
 * The built-in templates, as text: the built-in briefing and a starter.
 *
 * Why two: the built-in briefing is what every Markdown export renders
 * unless the analyst chooses another template; it lays out the parts the
 * export makes from the dialog's choices (`BriefingParts`), so it stays the
 * briefing the dialog describes. The starter builds a briefing from the
 * model's fields alone, the example to copy for a template of one's own.
 *
 * Why `.liquid` files imported `?raw` rather than string constants: they are
 * the examples analysts copy, so they live as the files they will write, with
 * editor highlighting; Vite (electron-vite's main and CLI builds, and
 * vitest) inlines them into the bundle.
 */
import builtInSource from './templates/built-in-briefing.liquid?raw'
import starterSource from './templates/briefing.liquid?raw'

/** The built-in briefing's id: never a stored template's name (those cannot contain a colon). */
export const BUILT_IN_TEMPLATE_ID = 'built-in:briefing'

/** What the built-in briefing is called in lists. */
export const BUILT_IN_TEMPLATE_LABEL = 'Built-in briefing'

/** The built-in briefing's Liquid source: the export's own parts, laid out. */
export const BUILT_IN_TEMPLATE_SOURCE: string = builtInSource

/** The starter template's id. */
export const STARTER_TEMPLATE_ID = 'built-in:starter'

/** What the starter template is called in lists: a starting point to duplicate. */
export const STARTER_TEMPLATE_LABEL = 'Starter template'

/** The starter template's Liquid source: a briefing from the model's fields alone. */
export const STARTER_TEMPLATE_SOURCE: string = starterSource
