/**
 * How big each benchmark mode is and how many times each figure is taken.
 */

export type ModeName = 'full' | 'quick' | 'tiny'

export interface Mode {
  readonly name: ModeName
  /** Articles and annotations in the main library. */
  readonly articles: number
  readonly annotations: number
  /** Articles with 200 annotations (20 drifted), and as many twins without annotations. */
  readonly heavy: number
  /** Library sizes for the save figure: small, medium, large (= `articles`). */
  readonly saveSizes: readonly [number, number, number]
  readonly saveRuns: number
  readonly naiveSaveRuns: number
  readonly coldOpenRuns: number
  readonly searchBuildRuns: number
  /** Fresh processes opening the library with its search index present. */
  readonly searchOpenRuns: number
  /** Saves each followed at once by a query for the word they added. */
  readonly saveVisibleRuns: number
  /** Fresh processes per command for `workbench search` and `workbench list`. */
  readonly cliRuns: number
  readonly queryRuns: number
  readonly naiveQueryRuns: number
  readonly importFiles: number
  readonly importRuns: number
  /** Saved HTML pages imported for the stall figure. */
  readonly importHtmlPages: number
  /** Real saved pages imported through the worker for the memory figure (5c). */
  readonly importMemoryPages: number
  readonly exportArticles: number
  readonly exportRuns: number
  readonly renderer: {
    readonly loads: number
    readonly scrollFrames: number
    readonly opens: number
    readonly keystrokes: number
  }
}

export const MODES: Readonly<Record<ModeName, Mode>> = {
  full: {
    name: 'full',
    articles: 10_000,
    annotations: 100_000,
    heavy: 20,
    saveSizes: [10, 1_000, 10_000],
    saveRuns: 200,
    naiveSaveRuns: 5,
    coldOpenRuns: 5,
    searchBuildRuns: 2,
    searchOpenRuns: 5,
    saveVisibleRuns: 20,
    cliRuns: 5,
    queryRuns: 10,
    naiveQueryRuns: 2,
    importFiles: 1_000,
    importRuns: 3,
    importHtmlPages: 100,
    importMemoryPages: 1_000,
    exportArticles: 1_000,
    exportRuns: 3,
    renderer: { loads: 5, scrollFrames: 180, opens: 10, keystrokes: 40 },
  },
  quick: {
    name: 'quick',
    articles: 1_000,
    annotations: 10_000,
    heavy: 10,
    saveSizes: [10, 100, 1_000],
    saveRuns: 60,
    naiveSaveRuns: 5,
    coldOpenRuns: 3,
    searchBuildRuns: 1,
    searchOpenRuns: 3,
    saveVisibleRuns: 10,
    cliRuns: 3,
    queryRuns: 5,
    naiveQueryRuns: 2,
    importFiles: 1_000,
    importRuns: 1,
    importHtmlPages: 100,
    importMemoryPages: 200,
    exportArticles: 1_000,
    exportRuns: 1,
    renderer: { loads: 2, scrollFrames: 90, opens: 4, keystrokes: 20 },
  },
  tiny: {
    name: 'tiny',
    articles: 20,
    annotations: 200,
    heavy: 2,
    saveSizes: [5, 10, 20],
    saveRuns: 5,
    naiveSaveRuns: 3,
    coldOpenRuns: 2,
    searchBuildRuns: 1,
    searchOpenRuns: 2,
    saveVisibleRuns: 3,
    cliRuns: 2,
    queryRuns: 2,
    naiveQueryRuns: 1,
    importFiles: 20,
    importRuns: 1,
    importHtmlPages: 5,
    importMemoryPages: 20,
    exportArticles: 20,
    exportRuns: 1,
    renderer: { loads: 1, scrollFrames: 10, opens: 1, keystrokes: 3 },
  },
}

/** The keys of figure 8, so a skipped renderer still lists every figure. */
export const RENDERER_FIGURES: readonly (readonly [string, string])[] = [
  ['renderer.firstPaint', 'Renderer: first paint of the library list'],
  ['renderer.scrollFrame', 'Renderer: frame time while scrolling the library list'],
  ['renderer.open200', 'Renderer: open an article with 200 highlights'],
  ['renderer.open0', 'Renderer: open the same article without annotations'],
  ['renderer.keystroke', 'Renderer: keystroke to paint in the note editor'],
]
