/**
 * A dialog's late `close` event (fired in a task after it closed) must not
 * close it again when it was opened since.
 */
import { describe, expect, it } from 'vitest'
import type { SyntheticEvent } from 'react'
import { whenClosed } from '../../src/renderer/src/components/use-modal-dialog'

const closeEvent = (open: boolean) =>
  ({ currentTarget: { open } }) as unknown as SyntheticEvent<HTMLDialogElement>

describe('whenClosed', () => {
  it('closes the app state when the dialog is closed', () => {
    let closed = 0
    whenClosed(() => closed++)(closeEvent(false))
    expect(closed).toBe(1)
  })

  it('ignores the close event of an earlier closing once the dialog is open again', () => {
    let closed = 0
    whenClosed(() => closed++)(closeEvent(true))
    expect(closed).toBe(0)
  })
})
