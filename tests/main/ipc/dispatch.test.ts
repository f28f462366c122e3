import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CHANNELS, type Channel } from '../../../src/shared/ipc/channels'
import { isTrustedSender } from '../../../src/main/ipc/dispatch'
import { makeTempDir, removeDir, snapshotTree } from '../../support/temp-dir'
import { openTestCore, textFile, TRUSTED_SENDER, type TestCore } from '../../support/core'

const ARTICLE = `Ministry Confirms Grain Corridor Talks

No time to read?
Get a summary

Officials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.

She added that 12 ships were waiting in port [citation: Ministry press office].
`

/** A valid input per channel; malformed variants are derived from it. */
const VALID: Record<Channel, Record<string, unknown>> = {
  'library:info': {},
  'library:openSamples': {},
  'article:list': {},
  'article:get': { id: 'art-x' },
  'article:update': { id: 'art-x', patch: { status: 'done' } },
  'article:restoreBackup': { id: 'art-x' },
  'article:edit': { id: 'art-x', patch: { title: 'A better title' } },
  'article:trash': { ids: ['art-x'] },
  'article:replaceText': { id: 'art-x', file: textFile('a.txt', 'Hello world\n\nBody text.') },
  'article:reextract': { id: 'art-x', extractor: 'defuddle' },
  'article:pasteText': { id: 'art-x', text: 'Hello world\n\nBody text.' },
  'article:version': { id: 'art-x', contentHash: 'abc' },
  'trash:list': {},
  'trash:restore': { ids: ['art-x'] },
  'trash:empty': {},
  'import:files': { files: [textFile('a.txt', 'Hello world\n\nBody text here.')] },
  'import:pick': {},
  'import:resolve': { pendingId: 'pending-1', choice: 'update' },
  'import:cancel': {},
  'annotation:create': {
    articleId: 'art-x',
    start: 0,
    end: 5,
    kind: 'highlight',
    tags: ['t'],
    note: '',
  },
  'annotation:update': { articleId: 'art-x', annotationId: 'ann-x', patch: { note: 'n' } },
  'annotation:delete': { articleId: 'art-x', annotationId: 'ann-x' },
  'annotation:reattach': { articleId: 'art-x', annotationId: 'ann-x', start: 0, end: 5 },
  'annotation:find': { query: 'grain' },
  'claim:update': { articleId: 'art-x', annotationId: 'ann-x', patch: { status: 'disputed' } },
  'claim:link': {
    from: { articleId: 'art-x', annotationId: 'ann-x' },
    to: { articleId: 'art-y', annotationId: 'ann-y' },
    relation: 'supports',
  },
  'claim:unlink': {
    from: { articleId: 'art-x', annotationId: 'ann-x' },
    to: { articleId: 'art-y', annotationId: 'ann-y' },
  },
  'codebook:list': {},
  'codebook:create': { name: 'entity/company/BMW' },
  'codebook:update': { name: 'missing', patch: { slot: 1 } },
  'codebook:rename': { from: 'missing', to: 'renamed' },
  'codebook:merge': { from: 'missing', into: 'other' },
  'codebook:move': { name: 'missing', parent: null },
  'codebook:delete': { name: 'missing' },
  'history:undo': {},
  'history:redo': {},
  'history:state': {},
  'settings:get': {},
  'settings:update': { patch: { claimStatuses: ['unverified', 'checked'] } },
  'export:preview': { articleIds: ['art-x'], format: 'md' },
  'export:save': { articleIds: ['art-x'], format: 'md' },
  'template:list': {},
  'template:get': { name: 'weekly' },
  'template:save': { name: 'weekly', source: '# {{ briefing.title }}' },
  'template:delete': { name: 'weekly' },
  'template:preview': { source: '# {{ briefing.title }}', articleIds: ['art-x'] },
  'annotation:importW3c': { data: '[]' },
  'search:query': { query: 'grain tag:topic' },
  'search:hits': { query: 'grain', articleId: 'art-x' },
}

const WRONG_VALUES: readonly [string, unknown][] = [
  ['a number', 42],
  ['null', null],
  ['an object', { nested: true }],
  ['a huge string', 'x'.repeat(300_000)],
  ['an array of numbers', [1, 2, 3]],
]

/** Inputs that no channel accepts, whatever the channel. */
function malformedInputs(channel: Channel): [string, unknown][] {
  const valid = VALID[channel]
  const cases: [string, unknown][] = [
    ['undefined', undefined],
    ['null', null],
    ['a string', 'hello'],
    ['an array', [valid]],
    ['an extra field', { ...valid, extra: 1 }],
    [
      'a __proto__ key',
      JSON.parse(
        `{"__proto__": {"polluted": true}, ${JSON.stringify(valid).slice(1)}`.replace(', }', '}'),
      ),
    ],
    ['a constructor key', { ...valid, constructor: { prototype: { polluted: true } } }],
  ]
  for (const key of Object.keys(valid)) {
    const { [key]: _dropped, ...without } = valid
    cases.push([`${key} missing`, without])
    for (const [label, value] of WRONG_VALUES) {
      if (JSON.stringify(value) === JSON.stringify(valid[key])) continue
      // Any other number is a well-formed position; bounds are checked against the article.
      if (typeof value === 'number' && typeof valid[key] === 'number') continue
      cases.push([`${key} as ${label}`, { ...valid, [key]: value }])
    }
  }
  return cases
}

describe('dispatch', () => {
  let dir: string
  let core: TestCore

  beforeEach(async () => {
    dir = await makeTempDir()
    core = await openTestCore(dir)
    await core.value('import:files', { files: [textFile('grain.txt', ARTICLE)] })
    await core.store.backupDone
  })

  afterEach(async () => {
    await core.close()
    await removeDir(dir)
  })

  for (const channel of CHANNELS) {
    describe(channel, () => {
      for (const [label, input] of malformedInputs(channel)) {
        it(`rejects ${label} as invalid-input and changes nothing`, async () => {
          await core.store.flush()
          const before = await snapshotTree(dir, (rel) => rel.startsWith('.workbench.lock'))
          const result = await core.dispatch(channel, input, TRUSTED_SENDER)
          expect(result.ok).toBe(false)
          if (!result.ok) expect(result.error.code).toBe('invalid-input')
          await core.store.flush()
          expect(await snapshotTree(dir, (rel) => rel.startsWith('.workbench.lock'))).toEqual(
            before,
          )
          expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        })
      }
    })
  }

  it.each(CHANNELS.map((c) => [c]))('refuses %s from an iframe', async (channel) => {
    const before = await snapshotTree(dir, (rel) => rel.startsWith('.workbench.lock'))
    const result = await core.dispatch(channel, VALID[channel], {
      url: 'app://workbench/index.html',
      isTopFrame: false,
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })
    expect(await snapshotTree(dir, (rel) => rel.startsWith('.workbench.lock'))).toEqual(before)
  })

  it('refuses a top frame from another origin', async () => {
    const result = await core.dispatch(
      'article:list',
      {},
      { url: 'https://evil.example/', isTopFrame: true },
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'untrusted-sender' } })
  })

  it('refuses an unknown channel', async () => {
    const result = await core.dispatch('fs:readFile', { path: '/etc/passwd' }, TRUSTED_SENDER)
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } })
  })

  it('answers not-found for ids that do not exist', async () => {
    for (const channel of [
      'article:get',
      'annotation:create',
      'annotation:update',
      'annotation:delete',
      'annotation:reattach',
      'claim:update',
      'claim:link',
      'claim:unlink',
      'article:update',
      'article:reextract',
      'article:pasteText',
      'codebook:update',
      'codebook:rename',
      'codebook:merge',
      'codebook:move',
      'codebook:delete',
      'history:undo',
      'history:redo',
      'export:preview',
    ] as const) {
      const result = await core.dispatch(channel, VALID[channel], TRUSTED_SENDER)
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'not-found' } })
    }
  })

  it('reports a handler bug as internal with details, without throwing', async () => {
    const broken = await openTestCoreWithBrokenStore()
    expect(broken).toMatchObject({ ok: false, error: { code: 'internal' } })
  })

  async function openTestCoreWithBrokenStore() {
    const original = core.store.listArticles.bind(core.store)
    ;(core.store as { listArticles: () => unknown }).listArticles = () => {
      throw new TypeError('boom')
    }
    try {
      return await core.dispatch('article:list', {}, TRUSTED_SENDER)
    } finally {
      ;(core.store as { listArticles: typeof original }).listArticles = original
    }
  }
})

describe('isTrustedSender', () => {
  it.each([
    ['the app top frame', { url: 'app://workbench/index.html', isTopFrame: true }, true],
    ['an app iframe', { url: 'app://workbench/index.html', isTopFrame: false }, false],
    ['another host on the app scheme', { url: 'app://other/index.html', isTopFrame: true }, false],
    ['a web page', { url: 'https://example.com/', isTopFrame: true }, false],
    ['a file URL', { url: 'file:///tmp/index.html', isTopFrame: true }, false],
    ['an empty URL', { url: '', isTopFrame: true }, false],
  ])('%s', (_label, sender, expected) => {
    expect(isTrustedSender(sender, ['app://workbench'])).toBe(expected)
  })
})
