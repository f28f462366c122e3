import { setThemePreference, useTheme, type ThemePreference } from './theme'

const CHOICES: readonly { value: ThemePreference; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

/** The header's theme choice: follow the system, or always light or dark. */
export function ThemeMenu() {
  const preference = useTheme((s) => s.preference)
  return (
    <label className="theme-menu">
      <span>Theme</span>
      <select
        className="select"
        value={preference}
        onChange={(event) => setThemePreference(event.currentTarget.value as ThemePreference)}
      >
        {CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  )
}
