/**
 * Hostile IPC: generated malformed payloads for every channel.
 *
 * Complements the table-driven cases in dispatch.test.ts with fast-check:
 * whatever a compromised renderer sends, a channel answers `invalid-input`
 * (or `not-found` for well-formed ids that do not exist) and the library
 * stays byte-for-byte the same.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/channels'
import { channelSchemas } from '../../../src/shared/ipc/contract'
import { makeTempDir, removeDir, snapshotTree } from '../../support/temp-dir'
import { openTestCore, textFile, TRUSTED_SENDER, type TestCore } from '../../support/core'

const RUNS = Number(process.env.WORKBENCH_FUZZ_RUNS ?? 150)
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']

const hostileValue = fc.oneof(
  fc.anything({
    withBigInt: false,
    withObjectString: true,
    withNullPrototype: true,
    withTypedArray: true,
  }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.constantFrom(
    'x'.repeat(1_000_001),
    -1,
    1e308,
    Number.NaN,
    Infinity,
    '',
    ' ',
    '../../etc/passwd',
  ),
  fc.dictionary(fc.constantFrom(...POLLUTION_KEYS), fc.anything(), { minKeys: 1 }),
)

/** A payload built from nothing, or from a plausible object with keys changed, added or removed. */
function payloads(): fc.Arbitrary<unknown> {
  const keys = [
    'id',
    'articleId',
    'annotationId',
    'files',
    'start',
    'end',
    'kind',
    'tags',
    'note',
    'patch',
    'articleIds',
    'format',
    'name',
  ]
  return fc.oneof(
    hostileValue,
    fc.dictionary(fc.constantFrom(...keys, ...POLLUTION_KEYS), hostileValue, { maxKeys: 6 }),
    fc.record({
      articleId: fc.constant('art-missing'),
      start: hostileValue,
      end: hostileValue,
      kind: hostileValue,
      tags: hostileValue,
      note: hostileValue,
    }),
    fc.record({
      files: fc.array(fc.record({ name: hostileValue, data: hostileValue }), { maxLength: 3 }),
    }),
    fc.constant(JSON.parse('{"__proto__": {"polluted": "yes"}}')),
  )
}

describe('hostile IPC', () => {
  let dir: string
  let core: TestCore
  const counts: Record<string, number> = {}

  beforeAll(async () => {
    dir = await makeTempDir()
    core = await openTestCore(dir)
    await core.value('import:files', {
      files: [
        textFile('a.txt', 'A Quiet Report\n\nOfficials said little, according to the ministry.'),
      ],
    })
    await core.store.backupDone
    await core.store.flush()
  })
  afterAll(async () => {
    await core.close()
    await removeDir(dir)
    console.log(`hostile IPC: ${JSON.stringify(counts)}`)
  })

  it.each(CHANNELS.map((c) => [c]))(
    '%s refuses generated malformed payloads and changes nothing',
    async (channel: Channel) => {
      const skipLock = (rel: string) => rel.startsWith('.workbench.lock')
      const before = await snapshotTree(dir, skipLock)
      let checked = 0
      await fc.assert(
        fc.asyncProperty(payloads(), async (payload) => {
          // Only malformed payloads are the point here; well-formed ones are tested elsewhere.
          fc.pre(!channelSchemas[channel].safeParse(payload).success)
          const result = await core.dispatch(channel, payload, TRUSTED_SENDER)
          checked++
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.error.code).toBe('invalid-input')
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        }),
        { numRuns: RUNS, seed: 20261122 },
      )
      counts[channel] = checked
      await core.store.flush()
      expect(await snapshotTree(dir, skipLock)).toEqual(before)
      expect(checked).toBeGreaterThan(RUNS / 2)
    },
  )
})
