/**
 * Anchoring: describing passages of article text and finding them again.
 *
 * Why one entry point: callers in main, the renderer and export need only
 * "describe this span" and "where is this target now"; the matching library,
 * text folding and scoring behind them stay private to this folder.
 */
export { anchorAll, anchorerFor, anchorTarget, MIN_QUOTE_SCORE } from './anchor'
export {
  DEFAULT_CONTEXT_LENGTH,
  describeSpan,
  positionSelectorFromSpan,
  quoteSelectorFromSpan,
} from './text-quote'
export type { AnchorResult, AnchorStatus } from './types'
