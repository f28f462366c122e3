/**
 * Screenshots of the running renderer, for the end-to-end tests.
 *
 * Why one place: every e2e file that documents a screen takes it at the two
 * window sizes the guide names (1440×900 and 1280×720), light and dark, into
 * docs/screenshots; four copies of that loop had started to drift.
 */
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import { REPO_ROOT } from './e2e-harness'

/** Where the screenshots the README shows are written. */
export const SCREENSHOTS = join(REPO_ROOT, 'docs/screenshots')

/** Every toast gone, so screenshots show the view and not what was last said. */
export async function dismissToasts(page: Page): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss notification' })
  while ((await dismiss.count()) > 0) await dismiss.first().click()
}

/**
 * The view as it is, at 1440×900 and 1280×720, light and dark, saved as
 * `<stem>-<width>-<theme>.png`; back to 1440×900 light after. `settle` runs
 * before each shot (to scroll something into view, say).
 */
export async function snapAllViews(
  page: Page,
  stem: string,
  settle?: () => Promise<void>,
): Promise<void> {
  for (const [width, height] of [
    [1440, 900],
    [1280, 720],
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme })
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe(theme)
      await settle?.()
      await page.screenshot({ path: join(SCREENSHOTS, `${stem}-${width}-${theme}.png`) })
    }
  }
  await page.emulateMedia({ colorScheme: 'light' })
  await page.setViewportSize({ width: 1440, height: 900 })
}

/** Text as Monaco shows it: its spaces are no-break spaces in the DOM. */
export const monacoText = (text: string | null): string => (text ?? '').replace(/\u00a0/gu, ' ')
