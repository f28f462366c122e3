/**
 * The built-in briefing template, as text.
 *
 * Why a `.liquid` file imported `?raw` rather than a string constant: it is
 * the example analysts copy, so it lives as the file they will write, with
 * editor highlighting; Vite (electron-vite's main and CLI builds, and
 * vitest) inlines it into the bundle.
 */
import source from './templates/briefing.liquid?raw'

/** The built-in template's id: never a stored template's name (those cannot contain a colon). */
export const BUILT_IN_TEMPLATE_ID = 'built-in:briefing'

/** What the built-in template is called in lists: a starting point to duplicate, not the export's own briefing. */
export const BUILT_IN_TEMPLATE_LABEL = 'Starter template'

/** The built-in template's Liquid source. */
export const BUILT_IN_TEMPLATE_SOURCE: string = source
