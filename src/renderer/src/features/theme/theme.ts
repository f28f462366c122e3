/**
 * Light and dark themes: follow the OS unless the analyst chose one.
 *
 * Why an attribute on <html>: every colour is a CSS variable, and
 * `data-theme="dark"` swaps the set in one place; resolving "system" here
 * (not in a media query) lets the manual choice win in both directions.
 */
import { createStore, useStore } from '../../state/create-store'

export type ThemePreference = 'system' | 'light' | 'dark'
export type Theme = 'light' | 'dark'

const STORAGE_KEY = 'workbench.theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

function storedPreference(): ThemePreference {
  try {
    const value = localStorage.getItem(STORAGE_KEY)
    return value === 'light' || value === 'dark' ? value : 'system'
  } catch {
    return 'system'
  }
}

function systemTheme(): Theme {
  return window.matchMedia(DARK_QUERY).matches ? 'dark' : 'light'
}

interface ThemeState {
  readonly preference: ThemePreference
  readonly theme: Theme
}

const themeStore = createStore<ThemeState>({ preference: 'system', theme: 'light' })

function apply(preference: ThemePreference): void {
  const theme = preference === 'system' ? systemTheme() : preference
  document.documentElement.dataset.theme = theme
  document.documentElement.style.colorScheme = theme
  themeStore.set({ preference, theme })
}

/** Apply the remembered theme and follow OS changes; call once before the first render. */
export function initTheme(): void {
  apply(storedPreference())
  window.matchMedia(DARK_QUERY).addEventListener('change', () => {
    if (themeStore.get().preference === 'system') apply('system')
  })
}

/** Choose a theme and remember the choice. */
export function setThemePreference(preference: ThemePreference): void {
  try {
    localStorage.setItem(STORAGE_KEY, preference)
  } catch {
    // Not remembered; still applied for this session.
  }
  apply(preference)
}

export function useTheme<T>(selector: (state: ThemeState) => T): T {
  return useStore(themeStore, selector)
}
