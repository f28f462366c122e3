/**
 * The window layout the analyst chose: sidebar shown or hidden, reading text size.
 *
 * Why remembered in localStorage: these are per-window preferences, not
 * library data; they must survive a restart but never travel with a library.
 */
import type { PanelImperativeHandle } from 'react-resizable-panels'
import { createStore, useStore } from '../../state/create-store'

const FONT_KEY = 'workbench.readerFontSize'
export const FONT_SIZES = [14, 15, 16, 17, 18, 20, 22, 24, 26] as const
export const DEFAULT_FONT_SIZE = 17
export const MIN_FONT_SIZE = FONT_SIZES[0]
export const MAX_FONT_SIZE = FONT_SIZES[FONT_SIZES.length - 1] ?? DEFAULT_FONT_SIZE

interface LayoutState {
  readonly sidebarCollapsed: boolean
  readonly readerFontSize: number
}

function storedFontSize(): number {
  try {
    const value = Number(localStorage.getItem(FONT_KEY))
    return (FONT_SIZES as readonly number[]).includes(value) ? value : DEFAULT_FONT_SIZE
  } catch {
    return DEFAULT_FONT_SIZE
  }
}

const layoutStore = createStore<LayoutState>({
  sidebarCollapsed: false,
  readerFontSize: storedFontSize(),
})

export function useLayout<T>(selector: (state: LayoutState) => T): T {
  return useStore(layoutStore, selector)
}

/** The library panel, set by the workspace when it mounts. */
let sidebar: PanelImperativeHandle | null = null

export function registerSidebar(panel: PanelImperativeHandle | null): void {
  sidebar = panel
  if (panel) layoutStore.set({ sidebarCollapsed: panel.isCollapsed() })
}

export function recordSidebarCollapsed(collapsed: boolean): void {
  if (layoutStore.get().sidebarCollapsed !== collapsed)
    layoutStore.set({ sidebarCollapsed: collapsed })
}

/** Hide the library if shown, show it if hidden. */
export function toggleSidebar(): void {
  if (!sidebar) return
  if (sidebar.isCollapsed()) sidebar.expand()
  else sidebar.collapse()
  recordSidebarCollapsed(sidebar.isCollapsed())
}

/** The next reading size up or down the scale, staying within it. */
export function stepFontSize(current: number, step: 1 | -1): number {
  const sizes: readonly number[] = FONT_SIZES
  const index = sizes.findIndex((size) => size >= current)
  const at = index === -1 ? sizes.length - 1 : index
  const next = sizes[Math.min(sizes.length - 1, Math.max(0, at + step))]
  return next ?? current
}

/** Make the reading text one step larger or smaller, and remember it. */
export function changeFontSize(step: 1 | -1): void {
  const size = stepFontSize(layoutStore.get().readerFontSize, step)
  layoutStore.set({ readerFontSize: size })
  try {
    localStorage.setItem(FONT_KEY, String(size))
  } catch {
    // Not remembered; still applied for this session.
  }
}
