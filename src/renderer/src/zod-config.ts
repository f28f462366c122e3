/**
 * Zod settings for the renderer, applied before any schema module loads.
 *
 * Why: zod probes whether it may compile validators with `new Function`,
 * which the app's Content-Security-Policy forbids; the refused probe shows
 * up as a CSP violation. Running jitless skips the probe entirely.
 */
import { z } from 'zod'

z.config({ jitless: true })
