import { readdir, readFile, writeFile, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  BUILT_IN_TEMPLATE_ID,
  BUILT_IN_TEMPLATE_SOURCE,
  STARTER_TEMPLATE_ID,
  STARTER_TEMPLATE_SOURCE,
} from '../../../src/shared/export/default-template'
import type { ChannelInput } from '../../../src/shared/ipc/contract'
import { verifyChecksum } from '../../../src/shared/export/keep-regions'
import { saveTemplate, templateNameProblem } from '../../../src/main/services/templates'
import { takeSnapshot } from '../../../src/main/store/snapshots'
import { makeTempDir, removeDir } from '../../support/temp-dir'
import { openFixture, seed, type Fixture } from './fixture'

describe('templateNameProblem', () => {
  it.each([
    ['weekly', null],
    ['Weekly briefing (desk) v2.1', null],
    ['Анализ прессы', null],
    ['', /needs a name/u],
    ['a'.repeat(81), /at most 80/u],
    ['../evil', /cannot contain/u],
    ['a/b', /cannot contain/u],
    ['a\\b', /cannot contain/u],
    ['.hidden', /start or end/u],
    ['trailing.', /start or end/u],
    [' lead', /start or end/u],
    ['con', /Windows reserves/u],
    ['LPT1', /Windows reserves/u],
    ['a:b', /may hold/u],
    ['tab\there', /may hold/u],
    ['built-in:briefing', /may hold/u],
  ] as const)('%j', (name, problem) => {
    const found = templateNameProblem(name)
    if (problem === null) expect(found).toBeNull()
    else expect(found).toMatch(problem)
  })
})

describe('template channels', () => {
  let fx: Fixture
  beforeEach(async () => {
    fx = await openFixture()
  })
  afterEach(async () => {
    await fx.close()
  })

  it('lists the built-in briefing and the starter first, read-only, then saved ones by name', async () => {
    expect(await fx.core.value('template:list', {})).toEqual([
      expect.objectContaining({ name: BUILT_IN_TEMPLATE_ID, builtIn: true, updatedAt: null }),
      expect.objectContaining({ name: STARTER_TEMPLATE_ID, builtIn: true, updatedAt: null }),
    ])
    await fx.core.value('template:save', { name: 'weekly', source: 'W' })
    await fx.core.value('template:save', { name: 'Alpha', source: 'A' })
    const list = await fx.core.value('template:list', {})
    expect(list.map((t) => [t.name, t.builtIn])).toEqual([
      [BUILT_IN_TEMPLATE_ID, true],
      [STARTER_TEMPLATE_ID, true],
      ['Alpha', false],
      ['weekly', false],
    ])
    expect(await readFile(join(fx.dir, 'templates', 'weekly.liquid'), 'utf8')).toBe('W')
    expect((await fx.core.value('template:get', { name: 'weekly' })).source).toBe('W')
    expect((await fx.core.value('template:get', { name: BUILT_IN_TEMPLATE_ID })).source).toBe(
      BUILT_IN_TEMPLATE_SOURCE,
    )
    expect((await fx.core.value('template:get', { name: STARTER_TEMPLATE_ID })).source).toBe(
      STARTER_TEMPLATE_SOURCE,
    )
  })

  it('never overwrites without overwrite, in any letter case', async () => {
    await fx.core.value('template:save', { name: 'weekly', source: 'one' })
    for (const name of ['weekly', 'WEEKLY']) {
      const result = await fx.core.call('template:save', { name, source: 'two' })
      expect(result.ok ? null : result.error.code).toBe('duplicate')
    }
    expect((await fx.core.value('template:get', { name: 'weekly' })).source).toBe('one')
    await fx.core.value('template:save', { name: 'Weekly', source: 'two', overwrite: true })
    expect((await fx.core.value('template:list', {})).map((t) => t.name)).toEqual([
      BUILT_IN_TEMPLATE_ID,
      STARTER_TEMPLATE_ID,
      'Weekly',
    ])
    expect((await fx.core.value('template:get', { name: 'weekly' })).source).toBe('two')
    // Written atomically: no temp file is left behind.
    expect(await readdir(join(fx.dir, 'templates'))).toEqual(['Weekly.liquid'])
  })

  it('refuses bad names, and any change to the built-in template', async () => {
    for (const name of ['../library', 'a/b', '.x', 'nul']) {
      const result = await fx.core.call('template:save', { name, source: 'x' })
      expect(result.ok ? null : result.error.code).toBe('invalid-input')
    }
    for (const call of [
      fx.core.call('template:save', { name: BUILT_IN_TEMPLATE_ID, source: 'x', overwrite: true }),
      fx.core.call('template:delete', { name: BUILT_IN_TEMPLATE_ID }),
    ]) {
      const result = await call
      expect(result.ok ? null : result.error.code).toBe('read-only')
    }
    expect(await readdir(fx.dir)).not.toContain('templates')
  })

  it('are kept in backups, as the analyst’s own files', async () => {
    await fx.core.value('template:save', { name: 'weekly', source: 'W' })
    const outcome = await takeSnapshot(fx.dir, {
      now: new Date('2030-01-02T00:00:00Z'),
      freeBytes: async () => 1e12,
    })
    expect(outcome).toEqual({ kind: 'taken', name: '2030-01-02' })
    const copy = join(fx.dir, 'backups', '2030-01-02', 'templates', 'weekly.liquid')
    expect(await readFile(copy, 'utf8')).toBe('W')
  })

  it('refuses to save in a read-only library', async () => {
    await expect(
      saveTemplate(
        { name: 'weekly', source: 'x' },
        { store: { dir: fx.dir, readOnly: 'opened read-only' } },
      ),
    ).rejects.toMatchObject({ code: 'read-only' })
  })

  it('deletes a saved template; deleting a missing one is not-found', async () => {
    await fx.core.value('template:save', { name: 'weekly', source: 'x' })
    expect(await fx.core.value('template:delete', { name: 'WEEKLY' })).toEqual({ name: 'weekly' })
    expect(await readdir(join(fx.dir, 'templates'))).toEqual([])
    const again = await fx.core.call('template:delete', { name: 'weekly' })
    expect(again.ok ? null : again.error.code).toBe('not-found')
  })

  it('ignores files in templates/ that are not templates', async () => {
    await mkdir(join(fx.dir, 'templates'))
    await writeFile(join(fx.dir, 'templates', 'notes.txt'), 'x')
    await writeFile(join(fx.dir, 'templates', '.hidden.liquid'), 'x')
    // Only the two built-in templates.
    expect(await fx.core.value('template:list', {})).toHaveLength(2)
  })

  it('previews a template over the articles, and returns a template error as a value', async () => {
    await seed(fx)
    const { grain, port } = fx.ids
    const preview = await fx.core.value('template:preview', {
      source:
        '# {{ briefing.title }}\n{% for a in articles %}- {{ a.title }}: {{ a.claims.size }}\n{% endfor %}',
      articleIds: [grain, port],
    })
    expect(preview.error).toBeNull()
    expect(preview.text).toMatch(
      /^# Briefing: 2 articles\n- Ministry Confirms Grain Corridor Talks: 1\n/u,
    )
    expect(verifyChecksum(preview.text ?? '')).toBe('valid')

    const broken = await fx.core.value('template:preview', {
      source: 'fine\n\n{{ briefing.title | shout }}',
      articleIds: [grain],
    })
    expect(broken.text).toBeNull()
    expect(broken.error).toMatchObject({ line: 3, message: expect.stringMatching(/shout/u) })
  })

  it('previews by query, and a missing article is still an error result', async () => {
    await seed(fx)
    const byQuery = await fx.core.value('template:preview', {
      source: '{{ briefing.articleCount }}',
      query: 'grain',
    })
    expect(Number(byQuery.text?.split('\n')[0])).toBeGreaterThan(0)
    const missing = await fx.core.call('template:preview', { source: 'x', articleIds: ['nope'] })
    expect(missing.ok ? null : missing.error.code).toBe('not-found')
  })

  it('exports and saves Markdown with a stored template, keeping keep regions', async () => {
    await seed(fx)
    const { grain } = fx.ids
    await fx.core.value('template:save', {
      name: 'short',
      source:
        '# {{ briefing.title }}\n\n<!-- workbench:keep id=mine -->\n<!-- /workbench:keep -->\n',
    })
    const preview = await fx.core.value('export:preview', {
      articleIds: [grain],
      format: 'md',
      template: 'short',
    })
    expect(preview.text).toMatch(/^# Ministry Confirms Grain Corridor Talks\n/u)

    const out = await makeTempDir()
    try {
      const path = join(out, 'b.md')
      fx.core.answers.exportPath = path
      await fx.core.value('export:save', { articleIds: [grain], format: 'md', template: 'short' })
      const written = await readFile(path, 'utf8')
      await writeFile(path, written.replace('id=mine -->\n', 'id=mine -->\nMy own words\n'))
      await fx.core.value('export:save', { articleIds: [grain], format: 'md', template: 'short' })
      expect(await readFile(path, 'utf8')).toContain('My own words')
    } finally {
      await removeDir(out)
    }

    const wrongFormat = await fx.core.call('export:preview', {
      articleIds: [grain],
      format: 'csv',
      template: 'short',
    })
    expect(wrongFormat.ok ? null : wrongFormat.error.code).toBe('invalid-input')
    const missing = await fx.core.call('export:preview', {
      articleIds: [grain],
      format: 'md',
      template: 'gone',
    })
    expect(missing.ok ? null : missing.error.code).toBe('not-found')
  })

  it('exports the same briefing by default and by the built-in template’s id', async () => {
    for (const briefing of [{}, { groupBy: 'tag' as const, obsidianBlockIds: false }]) {
      const byDefault = await fx.core.value('export:preview', {
        articleIds: [fx.ids.cars],
        format: 'md',
        briefing,
      })
      const byId = await fx.core.value('export:preview', {
        articleIds: [fx.ids.cars],
        format: 'md',
        briefing,
        template: BUILT_IN_TEMPLATE_ID,
      })
      // The export time and the checksum over it may differ by a clock tick between the two.
      const timeless = (text: string) =>
        text
          .split('\n')
          .filter((line) => !/generated|workbench:checksum/iu.test(line))
          .join('\n')
      expect(timeless(byId.text)).toBe(timeless(byDefault.text))
      expect(byId.text).toContain('## Analyst notes')
    }
  })

  it('exports with the built-in template by its id', async () => {
    const preview = await fx.core.value('export:preview', {
      articleIds: [fx.ids.cars],
      format: 'md',
      template: BUILT_IN_TEMPLATE_ID,
    })
    expect(preview.text).toMatch(/^---\ntitle: "Automaker Halts Assembly"\n/u)
    expect(preview.text).toContain('\n# Automaker Halts Assembly\n')

    // Saved twice to one file: the second export merges, with no edits to refuse.
    const out = await makeTempDir()
    try {
      fx.core.answers.exportPath = join(out, 'b.md')
      const input: ChannelInput<'export:save'> = {
        articleIds: [fx.ids.cars],
        format: 'md',
        template: BUILT_IN_TEMPLATE_ID,
      }
      await fx.core.value('export:save', input)
      await fx.core.value('export:save', input)
    } finally {
      await removeDir(out)
    }
  })
})
