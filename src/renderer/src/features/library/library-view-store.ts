/**
 * The library list's sort and filter chips.
 *
 * Why remembered in localStorage: the sort order is a per-window habit,
 * like the layout, not part of the library on disk. Filters are not
 * remembered: a list that opens half-empty for a reason nobody sees is
 * worse than re-clicking a chip.
 */
import type { ArticleStatus } from '../../../../shared/domain/article'
import { tagKey } from '../../../../shared/domain/tag'
import { createStore, useStore } from '../../state/create-store'
import { isSortKey, NO_FILTER, type LibraryFilter, type SortKey } from './library-view'

const SORT_KEY_STORAGE = 'workbench.library.sort'

export interface LibraryViewState {
  readonly sort: SortKey
  readonly filter: LibraryFilter
}

function rememberedSort(): SortKey {
  try {
    const value = localStorage.getItem(SORT_KEY_STORAGE)
    return isSortKey(value) ? value : 'imported'
  } catch {
    return 'imported'
  }
}

export const libraryView = createStore<LibraryViewState>({
  sort: rememberedSort(),
  filter: NO_FILTER,
})

export function useLibraryView<T>(selector: (state: LibraryViewState) => T): T {
  return useStore(libraryView, selector)
}

export function setSort(sort: SortKey): void {
  libraryView.set({ sort })
  try {
    localStorage.setItem(SORT_KEY_STORAGE, sort)
  } catch {
    // Storage can be unavailable; the order still applies to this window.
  }
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value]
}

export function toggleStatus(status: ArticleStatus): void {
  libraryView.set(({ filter }) => ({
    filter: { ...filter, statuses: toggle(filter.statuses, status) },
  }))
}

export function toggleTag(tag: string): void {
  const key = tagKey(tag)
  libraryView.set(({ filter }) => ({
    filter: {
      ...filter,
      tags: filter.tags.some((t) => tagKey(t) === key)
        ? filter.tags.filter((t) => tagKey(t) !== key)
        : [...filter.tags, tag],
    },
  }))
}

export function clearFilters(): void {
  libraryView.set({ filter: NO_FILTER })
}
