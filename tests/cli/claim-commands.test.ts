/**
 * The annotating commands (annotate, claim, link, unlink, article-note, tag)
 * and `export --tag`, run through the built `workbench` binary.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLAIM_FIELDS, EDITABLE_CLAIM_FIELDS } from '../../src/shared/domain/claim-fields'
import { parseCsv } from '../support/csv-parse'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { requireBuiltCli, workbench } from '../support/cli'

const WHALES = `Whales of the Gulf

The bryde\u2019s whale was seen near the port. Experts say the Bryde\u2019s whale is rare. A third bryde\u2019s whale sighting was reported by BMW staff.
`

const CARS = `Automaker Halts Assembly

The plant stopped work on Monday, the company said.
`

describe('annotating from the command line', { timeout: 120_000 }, () => {
  let work: string
  let lib: string
  let whales: string
  let cars: string
  const wb = (...args: string[]) => workbench(['--library', lib, ...args])
  const annotationId = (stdout: string): string =>
    /^annotated (ann-[0-9a-f]{16}) /.exec(stdout)![1]!
  const claimOf = async (id: string): Promise<Record<string, string>> => {
    const shown = await wb('claim', id)
    expect(shown.code).toBe(0)
    return Object.fromEntries(
      shown.stdout
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => {
          const [label, ...rest] = l.trim().split(': ')
          return [label!, rest.join(': ')]
        }),
    )
  }

  beforeAll(async () => {
    requireBuiltCli()
    work = await makeTempDir('workbench-claims-')
    lib = join(work, 'library')
    await writeFile(join(work, 'whales.txt'), WHALES)
    await writeFile(join(work, 'cars.txt'), CARS)
    const imported = await wb('import', join(work, 'whales.txt'), join(work, 'cars.txt'))
    expect(imported.code).toBe(0)
    ;[whales, cars] = [...imported.stdout.matchAll(/^imported (art-[0-9a-f]{16}) /gm)].map(
      (m) => m[1]!,
    ) as [string, string]
  })
  afterAll(async () => {
    await removeDir(work)
  })

  it.each([
    ['--note', '-1 point, as a separate argument', ['--note', '-1 point']],
    ['--note=', '-1 point, joined', ['--note=-1 point']],
    ['--note', 'a YAML-like rule', ['--note', '--- rule']],
    ['--note=', 'a rule, joined', ['--note=---']],
  ])('takes %s with %s', async (_option, _what, args) => {
    const result = await wb('annotate', cars, '--quote', 'the company said', ...args)
    expect(result.code).toBe(0)
    const expected = args.length === 2 ? args[1] : args[0]!.slice('--note='.length)
    const csv = parseCsv((await wb('export', '--article', cars, '--format', 'csv')).stdout)
    const noteColumn = csv[0]!.indexOf('note')
    const row = csv.find((r) => r[csv[0]!.indexOf('annotation_id')] === annotationId(result.stdout))
    // A spreadsheet would run a cell starting with - as a formula: the CSV writer guards it with '.
    expect(row![noteColumn]!.replace(/^'/, '')).toBe(expected)
  })

  it('finds a quote with a straight apostrophe in a text with curly ones, and says how many there are', async () => {
    const first = await wb('annotate', whales, '--quote', "bryde's whale")
    expect(first.code).toBe(0)
    expect(first.stderr).toBe(
      'workbench: the quote occurs 3 times; annotated the first (--occurrence N to choose another)\n',
    )
    const second = await wb('annotate', whales, '--quote', "BRYDE'S whale", '--occurrence', '2')
    expect(second).toMatchObject({ code: 0, stderr: '' })
    const claimed = await wb('claim', annotationId(second.stdout))
    // Made a claim, whose statement starts as the passage: the second occurrence, as written.
    expect(claimed.stdout).toMatch(/^made ann-.* a claim$/m)
    expect(claimed.stdout).toContain('  Statement: Bryde\u2019s whale\n')
    const beyond = await wb('annotate', whales, '--quote', "bryde's whale", '--occurrence', '4')
    expect(beyond.code).toBe(1)
    expect(beyond.stderr).toMatch(/occurs 3 time\(s\) .*no occurrence 4/)
    const once = await wb('annotate', whales, '--quote', 'seen near the port.')
    expect(once).toMatchObject({ code: 0, stderr: '' })
  })

  it.each([
    [['--occurrence', '0'], 2, /--occurrence must be a whole number from 1/],
    [['--confidence', 'huge'], 2, /--confidence: expected one of low, medium, high/],
    [['--claimant-type', 'robot'], 2, /--claimant-type: expected one of person, organisation/],
    [['--claim-date', '2024-02-30'], 2, /--claim-date: expected a date like 2024/],
    [
      ['--status', 'bogus'],
      1,
      /"bogus" is not a claim status; choose one of: unverified, corroborated, disputed, false, opinion/,
    ],
  ])('annotate %j is refused (exit %i) and writes nothing', async (args, code, message) => {
    const before = (await wb('export', '--article', cars, '--format', 'csv')).stdout
    const result = await wb('annotate', cars, '--quote', 'plant', ...args)
    expect(result.code).toBe(code)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
    expect(result.stderr).toMatch(message)
    expect((await wb('export', '--article', cars, '--format', 'csv')).stdout).toBe(before)
  })

  it('annotate sets every claim field that has a command-line option, and a claim option makes a claim', async () => {
    const values: Record<string, string> = {
      statement: '-The plant stopped',
      claimant: 'The company',
      claimantType: 'organisation',
      attributedVia: 'RIA Novosti citing the press service',
      claimDate: '2024-03-18',
      status: 'Disputed',
      confidence: 'high',
    }
    // Every editable field but links has an option: the table drives the command line.
    expect(EDITABLE_CLAIM_FIELDS.filter((name) => CLAIM_FIELDS[name].cliOption !== null)).toEqual(
      Object.keys(values),
    )
    const args = EDITABLE_CLAIM_FIELDS.flatMap((name) => [
      `--${CLAIM_FIELDS[name].cliOption}`,
      values[name]!,
    ])
    const result = await wb('annotate', cars, '--quote', 'plant stopped work', ...args)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const claim = await claimOf(annotationId(result.stdout))
    for (const name of EDITABLE_CLAIM_FIELDS) {
      // The status takes the codebook's spelling.
      const expected = name === 'status' ? 'disputed' : values[name]
      expect(claim[CLAIM_FIELDS[name].label]).toBe(expected)
    }
  })

  it('claim edits a claim by its id, by article and id, and by article/id; empty clears a clearable field', async () => {
    const made = await wb('annotate', cars, '--quote', 'on Monday', '--claim')
    const id = annotationId(made.stdout)
    const forms: [string[], Record<string, string>][] = [
      [
        [id, '--claimant', 'A spokesperson', '--claim-date', '2024'],
        { Claimant: 'A spokesperson', 'Claim date': '2024' },
      ],
      [
        [cars, id, '--claim-date', '', '--via', 'Reuters'],
        { 'Claim date': '-', 'Attributed via': 'Reuters' },
      ],
      [
        [`${cars}/${id}`, '--status', 'corroborated', '--confidence', 'low'],
        { Status: 'corroborated', Confidence: 'low' },
      ],
    ]
    for (const [args, expected] of forms) {
      const result = await wb('claim', ...args)
      expect(result).toMatchObject({ code: 0, stderr: '' })
      expect(result.stdout).toMatch(new RegExp(`^updated claim ${id} ${cars}$`, 'm'))
      expect(await claimOf(id)).toMatchObject(expected)
    }
    const unknown = await wb('claim', 'ann-0000000000000000', '--status', 'false')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toBe('workbench: no annotation with id ann-0000000000000000\n')
    const status = await wb('claim', id, '--status', 'maybe')
    expect(status.code).toBe(1)
    expect(status.stderr).toMatch(
      /choose one of: unverified, corroborated, disputed, false, opinion/,
    )
    expect((await wb('claim')).code).toBe(2)
  })

  it('link and unlink claims, in any article', async () => {
    const a = annotationId((await wb('annotate', cars, '--quote', 'The plant', '--claim')).stdout)
    const b = annotationId(
      (await wb('annotate', whales, '--quote', 'Experts say', '--claim')).stdout,
    )
    const linked = await wb('link', a, `${whales}/${b}`, '--relation', 'contradicts')
    expect(linked).toMatchObject({ code: 0, stdout: `linked ${a} contradicts ${b}\n` })
    expect((await claimOf(a)).Links).toBe(`contradicts: ${whales}/${b}`)
    expect((await wb('link', a, b, '--relation', 'same-as')).code).toBe(0)
    expect((await claimOf(a)).Links).toBe(`same-as: ${whales}/${b}`)
    const bad = await wb('link', a, b, '--relation', 'refutes')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/--relation must be one of supports, contradicts, same-as, repeats/)
    expect(await wb('unlink', a, b)).toMatchObject({ code: 0, stdout: `unlinked ${a} from ${b}\n` })
    expect((await claimOf(a)).Links).toBe('-')
    const again = await wb('unlink', a, b)
    expect(again.code).toBe(1)
    expect(again.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('article-note sets, appends, reads a file, and takes a note starting with ---', async () => {
    const note = async () =>
      (await wb('export', '--article', cars, '--format', 'csv')).stdout.length
    const file = join(work, 'note.md')
    await writeFile(file, '## From a file\n')
    const steps: [string[], string][] = [
      [['--set', '--- not front matter'], '--- not front matter'],
      [['--append', '-1 more'], '--- not front matter\n\n-1 more'],
      [['--file', file], '## From a file\n'],
      [['--set', ''], ''],
    ]
    for (const [args, expected] of steps) {
      const result = await wb('article-note', cars, ...args)
      expect(result).toMatchObject({
        code: 0,
        stdout: `note of ${cars}: ${expected.length} characters\n`,
      })
    }
    expect(await note()).toBeGreaterThan(0)
    expect((await wb('article-note', cars, '--set', 'a', '--append', 'b')).code).toBe(2)
    expect((await wb('article-note', cars)).code).toBe(2)
    const missing = await wb('article-note', cars, '--file', join(work, 'nope.md'))
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/no such file/) })
  })

  it('tag adds and removes an article’s own tags, one spelling per tag', async () => {
    const added = await wb('tag', whales, '--add', 'topic/whales', '--add', 'Region/Gulf')
    expect(added).toMatchObject({
      code: 0,
      stdout: `tags of ${whales}: topic/whales, Region/Gulf\n`,
    })
    const removed = await wb(
      'tag',
      whales,
      '--remove',
      'region/gulf',
      '--remove',
      'nope',
      '--add',
      'TOPIC/whales',
    )
    expect(removed).toMatchObject({
      code: 0,
      stdout: `tags of ${whales}: topic/whales\n`,
      stderr: `workbench: ${whales} did not carry the tag nope\n`,
    })
    expect((await wb('tag', whales)).code).toBe(2)
  })

  describe('export --tag', () => {
    let bmw: string
    let plain: string
    beforeAll(async () => {
      // ClaimReview needs the page its reviews are published on.
      const profile = await wb('profile', '--publish-base-url', 'https://checks.example/2026')
      expect(profile.code).toBe(0)
      bmw = annotationId(
        (await wb('annotate', whales, '--quote', 'BMW staff', '--tag', 'entity/company/BMW'))
          .stdout,
      )
      plain = annotationId(
        (await wb('annotate', whales, '--quote', 'was reported', '--tag', 'entity2')).stdout,
      )
    })

    it.each(['md', 'csv', 'w3c', 'claimreview'])(
      'keeps only the annotations with the tag or one under it (%s)',
      async (format) => {
        const result = await wb('export', '--tag', 'Entity/Company', '--format', format)
        expect(result.code).toBe(0)
        // The whales article has a dozen annotations; only the one tagged under entity/company is kept.
        const ids = new Set(result.stdout.match(/ann-[0-9a-f]{16}/g) ?? [])
        if (format === 'claimreview') expect(ids.size).toBe(0)
        else expect([...ids]).toEqual([bmw])
        expect(result.stdout).not.toContain(plain)
        // Nor the claims of that article that do not carry it.
        expect(result.stdout).not.toContain('Experts say')
        expect(result.stdout).not.toContain(cars)
      },
    )

    it('keeps every annotation of an article that carries the tag itself', async () => {
      const result = await wb('export', '--tag', 'topic', '--format', 'csv')
      expect(result.code).toBe(0)
      const rows = parseCsv(result.stdout).slice(1)
      expect(rows.length).toBeGreaterThan(5)
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set([whales]))
      const none = await wb('export', '--tag', 'entity/company/Audi', '--format', 'csv')
      expect(none.code).toBe(1)
      expect(none.stderr).toMatch(/^workbench: nothing to export/)
    })
  })
})
