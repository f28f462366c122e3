/**
 * The command line on damaged, busy and hostile libraries, run as a user would run it.
 *
 * Read-only commands fail loudly instead of printing nothing; exports skip
 * what they cannot read and say so, never write inside a library and never
 * replace a file without --force; a second writer can wait for the first.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LibraryStore } from '../../src/main/store/library-store'
import { bundleForNode } from '../support/bundle'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { testEntry } from '../support/index-entry'
import { BIN, requireBuiltCli, workbench } from '../support/cli'

const ARTICLES = {
  'grain.txt':
    'Ministry Confirms Grain Corridor Talks\n\nOfficials confirmed on Monday that talks on the grain corridor will resume.',
  'port.txt':
    'Port Authority Reports Record Shipments\n\nThe port handled 4.2 million tonnes of grain in October.',
  'cars.txt':
    'Automaker Halts Assembly\n\nBMW will stop assembling cars at the Avtotor plant, said its representative.',
}

describe('the command line on damaged and busy libraries', { timeout: 60_000 }, () => {
  let work: string
  let count = 0

  beforeAll(async () => {
    requireBuiltCli()
    work = await makeTempDir('workbench-cli-integrity-')
    for (const [name, text] of Object.entries(ARTICLES)) await writeFile(join(work, name), text)
  })
  afterAll(async () => {
    await removeDir(work)
  })

  /** A fresh library with the three articles; returns its folder and article ids by file name. */
  async function library(): Promise<{ lib: string; ids: Record<string, string> }> {
    const lib = join(work, `lib-${++count}`)
    // ClaimReview needs the page its reviews are published on.
    await workbench(['profile', '--publish-base-url', 'https://example.org/checks'])
    const imported = await workbench([
      '--library',
      lib,
      'import',
      ...Object.keys(ARTICLES).map((n) => join(work, n)),
    ])
    expect(imported.code).toBe(0)
    const ids: Record<string, string> = {}
    for (const [i, name] of Object.keys(ARTICLES).entries()) {
      ids[name] = /^imported (art-[0-9a-f]+) /.exec(imported.stdout.split('\n')[i] ?? '')?.[1] ?? ''
    }
    return { lib, ids }
  }

  describe('read-only commands fail loudly', () => {
    it.each([
      ['truncated', (t: string) => t.slice(0, 30), /damaged .*"workbench repair"/],
      ['empty', () => '', /damaged \(not valid JSON \(the file is empty\)\).*"workbench repair"/],
      ['from a newer version', () => '{"schemaVersion":99,"articles":[]}', /newer version/],
    ])('when library.json is %s', async (_label, damage, message) => {
      const { lib, ids } = await library()
      const indexPath = join(lib, 'library.json')
      await writeFile(indexPath, damage(await readFile(indexPath, 'utf8')))
      for (const args of [['list'], ['show', ids['grain.txt']!], ['search', 'grain']]) {
        const result = await workbench(['--library', lib, ...args])
        expect(result.code, args.join(' ')).toBe(1)
        expect(result.stdout).toBe('')
        expect(result.stderr).toMatch(message)
        expect(result.stderr.trim().split('\n')).toHaveLength(1)
      }
    })

    it('reads a library.json saved with a byte order mark', async () => {
      const { lib } = await library()
      const indexPath = join(lib, 'library.json')
      await writeFile(indexPath, `\uFEFF${await readFile(indexPath, 'utf8')}`)
      const list = await workbench(['--library', lib, 'list', '--json'])
      expect(list.code).toBe(0)
      expect(JSON.parse(list.stdout)).toHaveLength(3)
    })

    it('when the path is a typo, a file, or a folder that is not a library', async () => {
      const typo = await workbench(['--library', join(work, 'librray'), 'list'])
      expect(typo).toMatchObject({ code: 1, stdout: '' })
      expect(typo.stderr).toMatch(/^workbench: No library at .*librray: the folder does not exist/)
      const file = await workbench(['--library', join(work, 'grain.txt'), 'list'])
      expect(file.code).toBe(1)
      expect(file.stderr).toMatch(/is a file, not a library folder/)
      const notLibrary = await workbench(['--library', work, 'search', 'grain'])
      expect(notLibrary.code).toBe(1)
      expect(notLibrary.stderr).toMatch(/is not a library/)
      // Only import creates a library.
      const annotate = await workbench([
        '--library',
        join(work, 'nowhere'),
        'annotate',
        'art-x',
        '--quote',
        'x',
      ])
      expect(annotate.code).toBe(1)
      expect(existsSync(join(work, 'nowhere'))).toBe(false)
    })

    it('prints no stack trace when its reader stops early (workbench list | head)', async () => {
      const lib = join(work, `lib-${++count}`)
      const store = await LibraryStore.open({ dir: lib })
      await store.addArticles(
        Array.from({ length: 300 }, (_, n) => ({
          entry: testEntry({
            id: `art-${n.toString(16).padStart(16, '0')}`,
            title: `Article ${n} ${'with a very long title '.repeat(40)}`,
            importedAt: '2026-12-07T09:00:00.000Z',
            contentHash: n.toString(16).padStart(64, '0'),
            wordCount: 5,
          }),
          blocks: [{ type: 'paragraph' as const, text: `Body ${n}` }],
        })),
      )
      await store.close()
      const piped = await new Promise<{ code: number | null; stderr: string; lines: number }>(
        (done) => {
          const proc = spawn(
            '/bin/sh',
            ['-c', `"${process.execPath}" "${BIN}" --library "${lib}" list | head -n 2`],
            { stdio: ['ignore', 'pipe', 'pipe'] },
          )
          let stdout = ''
          let stderr = ''
          proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
          proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
          proc.on('close', (code) => done({ code, stderr, lines: stdout.split('\n').length - 1 }))
        },
      )
      expect(piped.lines).toBe(2)
      expect(piped.stderr).toBe('')
    })

    it('treats a command named like an Object property as unknown', async () => {
      const { lib } = await library()
      for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
        const result = await workbench(['--library', lib, name])
        expect(result.code, name).toBe(2)
        expect(result.stderr).toMatch(/unknown command/)
      }
    })
  })

  describe('repair', () => {
    it('rebuilds a damaged index from the article files and keeps every annotation', async () => {
      const { lib, ids } = await library()
      for (const quote of ['grain corridor', 'Officials confirmed']) {
        const annotated = await workbench([
          '--library',
          lib,
          'annotate',
          ids['grain.txt']!,
          '--quote',
          quote,
        ])
        expect(annotated.code).toBe(0)
      }
      await writeFile(join(lib, 'library.json'), '{"schemaVersion":3,"articles":[{"id"')
      const repaired = await workbench(['--library', lib, 'repair'])
      expect(repaired.code).toBe(0)
      expect(repaired.stderr).toMatch(/The index was rebuilt from the article files: 3 article/)
      const list = JSON.parse((await workbench(['--library', lib, 'list', '--json'])).stdout)
      expect(list).toHaveLength(3)
      expect(list.find((a: { id: string }) => a.id === ids['grain.txt'])).toMatchObject({
        title: 'Ministry Confirms Grain Corridor Talks',
        annotations: 2,
      })
      const again = await workbench(['--library', lib, 'repair'])
      expect(again).toMatchObject({ code: 0, stdout: 'The library is sound: nothing to repair.\n' })
    })
  })

  describe('damaged articles are shown and skipped, never exported as empty', () => {
    it('marks them in list and show, skips them in exports (exit 1), and repairs a text by importing it again', async () => {
      const { lib, ids } = await library()
      const grain = ids['grain.txt']!
      const port = ids['port.txt']!
      expect(
        (await workbench(['--library', lib, 'annotate', grain, '--quote', 'grain corridor'])).code,
      ).toBe(0)
      expect(
        (await workbench(['--library', lib, 'annotate', port, '--quote', 'million tonnes'])).code,
      ).toBe(0)
      await truncate(join(lib, 'annotations', `${grain}.json`), 20)
      const bodies = await readdir(join(lib, 'bodies'))
      const portBody = bodies.find((b) => `art-${b.slice(0, 16)}` === port)!
      await rm(join(lib, 'bodies', portBody))

      const list = await workbench(['--library', lib, 'list'])
      expect(list.code).toBe(0)
      expect(list.stdout).toMatch(new RegExp(`^${grain}\\t.*\\tDAMAGED: .*is damaged`, 'm'))
      expect(list.stdout).toMatch(
        new RegExp(`^${port}\\t.*\\tDAMAGED: The text of .* is missing`, 'm'),
      )
      expect(list.stderr).toMatch(/2 damaged article\(s\)/)
      const show = await workbench(['--library', lib, 'show', grain])
      expect(show.code).toBe(1)
      expect(show.stderr).toMatch(/damaged/)

      const md = await workbench(['--library', lib, 'export', '--format', 'md'])
      expect(md.code).toBe(1)
      expect(md.stdout).toContain('Automaker Halts Assembly')
      expect(md.stdout).not.toContain('Ministry Confirms Grain Corridor Talks')
      expect(md.stdout).not.toContain('_No annotations._\n\n## Ministry')
      expect(md.stderr).toMatch(
        new RegExp(`skipped ${grain} "Ministry Confirms Grain Corridor Talks"`),
      )
      expect(md.stderr).toMatch(
        new RegExp(`skipped ${port} "Port Authority Reports Record Shipments"`),
      )
      const only = await workbench([
        '--library',
        lib,
        'export',
        '--article',
        grain,
        '--format',
        'csv',
      ])
      expect(only.code).toBe(1)
      expect(only.stderr).toMatch(/Nothing could be exported/)

      // The advice works: importing the same file again restores the missing text.
      const again = await workbench(['--library', lib, 'import', join(work, 'port.txt')])
      expect(again.code).toBe(0)
      expect(again.stdout).toMatch(new RegExp(`^repaired ${port} `, 'm'))
      const shown = await workbench(['--library', lib, 'show', port])
      expect(shown.code).toBe(0)
      expect(shown.stdout).toContain('4.2 million tonnes')
      const csv = await workbench([
        '--library',
        lib,
        'export',
        '--article',
        port,
        '--format',
        'csv',
      ])
      expect(csv.code).toBe(0)
      expect(csv.stdout).toContain('million tonnes')
    })
  })

  describe('exports never overwrite what they must not', () => {
    it('refuse a path inside a library folder, whatever the format', async () => {
      const { lib } = await library()
      const before = await readFile(join(lib, 'library.json'), 'utf8')
      for (const [format, target] of [
        ['md', 'library.json'],
        ['csv', 'codebook.json'],
        ['w3c', 'annotations/x.jsonld'],
        ['claimreview', 'briefing.jsonld'],
      ] as const) {
        const result = await workbench([
          '--library',
          lib,
          'export',
          '--format',
          format,
          '--out',
          join(lib, target),
          '--force',
        ])
        expect(result.code, target).toBe(1)
        expect(result.stderr).toMatch(
          /is inside the library folder .*; exports are never written there/,
        )
      }
      expect(await readFile(join(lib, 'library.json'), 'utf8')).toBe(before)
      expect(existsSync(join(lib, 'briefing.jsonld'))).toBe(false)
    })

    it('replace an existing file only with --force, and a read-only file never', async () => {
      const { lib } = await library()
      for (const format of ['csv', 'w3c', 'claimreview'] as const) {
        const out = join(work, `existing-${count}.${format}`)
        await writeFile(out, 'the analyst’s own file')
        const refused = await workbench([
          '--library',
          lib,
          'export',
          '--format',
          format,
          '--out',
          out,
        ])
        expect(refused.code, format).toBe(1)
        expect(refused.stderr).toMatch(/already exists and was left untouched/)
        expect(await readFile(out, 'utf8')).toBe('the analyst’s own file')
        const forced = await workbench([
          '--library',
          lib,
          'export',
          '--format',
          format,
          '--out',
          out,
          '--force',
        ])
        expect(forced.code, format).toBe(0)
        expect(await readFile(out, 'utf8')).not.toBe('the analyst’s own file')
      }
      const locked = join(work, `read-only-${count}.csv`)
      await writeFile(locked, 'keep me')
      await chmod(locked, 0o444)
      const readOnly = await workbench([
        '--library',
        lib,
        'export',
        '--format',
        'csv',
        '--out',
        locked,
        '--force',
      ])
      expect(readOnly.code).toBe(1)
      expect(readOnly.stderr).toMatch(/is read-only and was left untouched/)
      expect(await readFile(locked, 'utf8')).toBe('keep me')
      expect((await stat(locked)).mode & 0o777).toBe(0o444)
    })

    it('a Markdown briefing: added regions kept in place, an edit elsewhere refused naming --force', async () => {
      const { lib } = await library()
      const out = join(work, `briefing-${count}.md`)
      const exportTo = (...extra: string[]) =>
        workbench(['--library', lib, 'export', '--format', 'md', '--out', out, ...extra])
      expect((await exportTo()).code).toBe(0)
      const mine =
        '<!-- workbench:keep -->\nMy reading of the plant story.\n<!-- /workbench:keep -->'
      const heading = '## Automaker Halts Assembly\n'
      const exported = await readFile(out, 'utf8')
      expect(exported).toContain(heading)
      // A region of the user's own, saved by an editor that writes a BOM: not an edit.
      await writeFile(out, `\uFEFF${exported.replace(heading, `${heading}\n${mine}\n`)}`)
      const again = await exportTo()
      expect(again.code, again.stderr).toBe(0)
      expect(await readFile(out, 'utf8')).toContain(`${heading}\n${mine}\n`)

      const edited = (await readFile(out, 'utf8')).replace(
        heading,
        '## Automaker Halts (my title)\n',
      )
      await writeFile(out, edited)
      const refused = await exportTo()
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/outside its keep regions .*--force on the command line/u)
      expect(await readFile(out, 'utf8')).toBe(edited)
      expect((await exportTo('--force')).code).toBe(0)
      const forced = await readFile(out, 'utf8')
      expect(forced).not.toContain('(my title)')
      // The heading it followed was edited, so it goes back before the line it preceded.
      expect(forced).toContain(`${heading}\n${mine}\n`)
      expect(forced).not.toContain('Kept from an earlier export')
    })

    it('--out works while the app has the library open, and on a read-only library', async () => {
      const { lib } = await library()
      const app = await LibraryStore.open({ dir: lib })
      try {
        const out = join(work, `while-open-${count}.md`)
        const result = await workbench(['--library', lib, 'export', '--format', 'md', '--out', out])
        expect(result.code).toBe(0)
        expect(await readFile(out, 'utf8')).toContain('Automaker Halts Assembly')
      } finally {
        await app.close()
      }
    })

    it('--tag finds articles tagged as a whole, not only through annotations', async () => {
      const { lib, ids } = await library()
      const store = await LibraryStore.open({ dir: lib })
      await store.mutateArticle(ids['cars.txt']!, (d) => void (d.tags = ['region/baltic']))
      await store.close()
      const result = await workbench([
        '--library',
        lib,
        'export',
        '--tag',
        'region',
        '--format',
        'md',
      ])
      expect(result.code).toBe(0)
      expect(result.stdout).toContain('Automaker Halts Assembly')
      expect(result.stdout).not.toContain('Ministry Confirms Grain Corridor Talks')
    })

    it('--tag takes a composed and a decomposed spelling as one tag, accents kept', async () => {
      const { lib, ids } = await library()
      const store = await LibraryStore.open({ dir: lib })
      // An older library may hold a decomposed name: written as it was, not rewritten.
      await store.mutateArticle(ids['cars.txt']!, (d) => void (d.tags = ['Re\u0301gion/baltic']))
      await store.close()
      const exported = async (tag: string) =>
        (await workbench(['--library', lib, 'export', '--tag', tag, '--format', 'md'])).stdout
      expect(await exported('r\u00e9gion')).toContain('Automaker Halts Assembly')
      expect(await exported('region')).not.toContain('Automaker Halts Assembly')
    })
  })

  it('a second writer waits for the first with --wait, and says it is waiting', async () => {
    const { lib } = await library()
    const holderScript = await bundleForNode(
      'tests/support/lock-holder.ts',
      'workbench-lock-holder-cli',
      'holder',
    )
    const holder = spawn(process.execPath, [holderScript, lib], { stdio: ['pipe', 'pipe', 'pipe'] })
    const lines = createInterface({ input: holder.stdout })[Symbol.asyncIterator]()
    try {
      expect(String((await lines.next()).value)).toMatch(/^ready /)
      const refused = await workbench(['--library', lib, 'import', join(work, 'grain.txt')])
      expect(refused.code).toBe(1)
      expect(refused.stderr).toMatch(/open in another window or process .*--wait <seconds>/)
      const waiting = spawn(
        process.execPath,
        [BIN, '--library', lib, '--wait', '120', 'import', join(work, 'grain.txt')],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      )
      let stdout = ''
      waiting.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      const told = createInterface({ input: waiting.stderr })[Symbol.asyncIterator]()
      expect(String((await told.next()).value)).toMatch(
        /^workbench: the library is open in another process \(process \d+ since .*\); waiting up to 120 s for it$/,
      )
      const exit = new Promise<number | null>((done) => waiting.on('exit', done))
      holder.stdin.write('close\n')
      expect(await exit).toBe(0)
      expect(stdout).toMatch(/^duplicate /)
    } finally {
      holder.kill('SIGKILL')
    }
  })
})
