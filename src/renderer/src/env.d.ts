/**
 * Globals the renderer relies on.
 *
 * Why: the preload (or the e2e bridge) puts the contract's API on `window`;
 * declaring it here keeps every caller typed against the one contract.
 */
import type { WorkbenchApi } from '../../shared/ipc/api'

declare global {
  interface Window {
    /** Absent when the page is opened outside the app (e.g. in a plain browser). */
    readonly workbench?: WorkbenchApi
  }
}

export {}
