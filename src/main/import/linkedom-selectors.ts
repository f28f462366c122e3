/**
 * Compiled CSS selectors for linkedom, kept instead of compiled on every call.
 *
 * Why: linkedom compiles the selector (css-select: parse, then build the
 * matcher) on every `querySelector`, `querySelectorAll`, `closest` and
 * `matches` call, and defuddle, Readability and the import itself call them
 * with the same few selectors on element after element. Compiling was 8.5 %
 * of the CPU of an import in a profile over the 181 benchmark pages
 * (defuddle's share fell from 16 % to 9 % with them kept). Measured in one
 * thread, three passes over those pages, three runs each, interleaved:
 * 4.16-4.63 s of CPU per 100 pages compiling every time, 3.64-3.98 s kept.
 *
 * Only selectors without a `:` are kept: a pseudo-class (`:has`,
 * `:contains`, `:scope`…) may build a matcher that remembers results per
 * element or is bound to the element it was asked from, and a kept one would
 * answer from a tree that has changed since. Without pseudo-classes
 * css-select's matcher holds no state and depends only on the selector and
 * whether the document is HTML, which is the key here. css-select (7) reads
 * no other option linkedom passes (`strict` for `matches`), so `matches` is
 * the compiled matcher applied to the element, as css-select's `is` does.
 *
 * linkedom's interface modules take these functions from its
 * `shared/matches.js` when they are first loaded, so this has to run before
 * linkedom is: applied only when that module has the expected shape and
 * linkedom is not loaded yet; otherwise linkedom is left as it is, slower
 * but the same.
 */
import { dirname, join } from 'node:path'

type Matcher = (element: unknown) => boolean
type Prepare = (element: unknown, selectors: string) => Matcher
type Matches = (element: unknown, selectors: string) => boolean

interface MatchesModule {
  prepareMatch: Prepare
  matches: Matches
}

interface UtilsModule {
  ignoreCase: (element: unknown) => boolean
}

/** Selectors kept at most; beyond it the table starts again (pages do not make up selectors). */
const MAX_KEPT = 2000

/** Change linkedom's selector functions in `load`'s module cache; false when left as it is. */
export function keepCompiledSelectors(load: NodeJS.Require): boolean {
  let matchesPath: string
  let utilsPath: string
  try {
    const entry = load.resolve('linkedom')
    if (load.cache[entry]) return false
    matchesPath = join(dirname(entry), 'shared', 'matches.js')
    utilsPath = join(dirname(entry), 'shared', 'utils.js')
  } catch {
    return false
  }
  let shared: Partial<MatchesModule>
  let utils: Partial<UtilsModule>
  try {
    shared = load(matchesPath) as Partial<MatchesModule>
    utils = load(utilsPath) as Partial<UtilsModule>
  } catch {
    return false
  }
  const prepareMatch = shared.prepareMatch
  const matches = shared.matches
  const ignoreCase = utils.ignoreCase
  if (
    typeof prepareMatch !== 'function' ||
    typeof matches !== 'function' ||
    typeof ignoreCase !== 'function'
  )
    return false

  const kept = new Map<string, Matcher>()
  const cachedPrepare: Prepare = (element, selectors) => {
    if (typeof selectors !== 'string' || selectors.includes(':')) {
      return prepareMatch(element, selectors)
    }
    const key = (ignoreCase(element) ? 'h' : 'x') + selectors
    let matcher = kept.get(key)
    if (matcher === undefined) {
      matcher = prepareMatch(element, selectors)
      if (kept.size >= MAX_KEPT) kept.clear()
      kept.set(key, matcher)
    }
    return matcher
  }
  shared.prepareMatch = cachedPrepare
  shared.matches = (element, selectors) =>
    typeof selectors !== 'string' || selectors.includes(':')
      ? matches(element, selectors)
      : cachedPrepare(element, selectors)(element)
  return true
}
