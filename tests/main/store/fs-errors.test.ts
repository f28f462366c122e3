/**
 * File-system errors reach the analyst as a sentence with the path and what to do.
 */
import { describe, expect, it } from 'vitest'
import {
  DESCRIBED_CODES,
  describeFsError,
  describeUnexpected,
} from '../../../src/main/store/fs-errors'
import { createDispatch } from '../../../src/main/ipc/dispatch'
import { WorkbenchError } from '../../../src/shared/ipc/result'
import { TRUSTED_SENDER } from '../../support/core'
import { APP_ORIGIN } from '../../../src/main/app-core'

function raw(code: string, path = '/data/library/.library.json.123.abcdef012345.tmp'): Error {
  return Object.assign(new Error(`${code}: something, open '${path}'`), { code, path })
}

describe('file-system error wording', () => {
  it.each(DESCRIBED_CODES.map((code) => [code]))(
    '%s names the path and a remedy, never the raw message',
    (code) => {
      const described = describeFsError(raw(code), 'save', '/data/library/library.json')
      expect(described).toBeInstanceOf(WorkbenchError)
      const message = (described as WorkbenchError).message
      expect(message).toMatch(/^Could not save: /)
      expect(message).toContain('/data/library/library.json')
      expect(message).not.toContain('something, open')
      // A remedy: every wording says what to do or check.
      expect(message).toMatch(/Free|Check|Choose|Close|copy|confirm|ask/i)
    },
  )

  it('leaves errors that are not file-system errors alone', () => {
    const bug = new TypeError('x is undefined')
    expect(describeFsError(bug, 'save', '/p')).toBe(bug)
    expect(describeFsError(raw('EWEIRD'), 'save', '/p')).toBeInstanceOf(Error)
    expect(describeFsError(raw('EWEIRD'), 'save', '/p')).not.toBeInstanceOf(WorkbenchError)
  })

  it('words a raw error that reached the IPC boundary, with the path it names', async () => {
    const dispatch = createDispatch(
      {
        'library:info': () => {
          throw raw('EROFS', '/media/usb/library/codebook.json')
        },
      } as never,
      { trustedOrigins: [APP_ORIGIN] },
    )
    const result = await dispatch('library:info', {}, TRUSTED_SENDER)
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'io-error',
        message: expect.stringMatching(
          /^Could not finish: \/media\/usb\/library\/codebook\.json is on a read-only disk \(EROFS\)/,
        ),
      },
    })
    expect(describeUnexpected(raw('EEXIST', '/x/briefing.md'))).toMatchObject({
      message: expect.stringContaining(
        '/x/briefing.md already exists (EEXIST) and was left untouched',
      ),
    })
  })
})
