/**
 * `workbench export --format md --template <file.liquid>`, run as a user would.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeTempDir, removeDir } from '../support/temp-dir'
import { requireBuiltCli, workbench } from '../support/cli'

const ARTICLE = `Port Authority Reports Record Grain Shipments

The port handled 4.2 million tonnes of grain in October, said Maria Keller, the authority's head of logistics.`

describe('workbench export --template', { timeout: 60_000 }, () => {
  let work: string
  let lib: string
  let id: string

  beforeAll(async () => {
    requireBuiltCli()
    work = await makeTempDir('workbench-cli-template-')
    lib = join(work, 'library')
    await writeFile(join(work, 'port.txt'), ARTICLE)
    const imported = await workbench(['--library', lib, 'import', join(work, 'port.txt')])
    id = /imported (art-[0-9a-f]+)/u.exec(imported.stdout)![1]!
    const annotated = await workbench([
      '--library',
      lib,
      'annotate',
      id,
      '--quote',
      '4.2 million tonnes',
      '--claim',
      '--tag',
      'topic/grain',
    ])
    expect(annotated.code).toBe(0)
  })
  afterAll(async () => {
    await removeDir(work)
  })

  it('renders the template file, escaped, to stdout and to a file', async () => {
    const template = join(work, 'short.liquid')
    await writeFile(
      template,
      '# {{ briefing.title }}\n{% for a in articles %}{% for c in a.claims %}{{ c.quote | quote }}\n{{ c.tags | obsidian_tag }}\n{% endfor %}{% endfor %}',
    )
    const out = await workbench([
      '--library',
      lib,
      'export',
      '--format',
      'md',
      '--template',
      template,
    ])
    expect(out).toMatchObject({ code: 0, stderr: '' })
    expect(out.stdout).toMatch(
      /^# Port Authority Reports Record Grain Shipments\n> 4\.2 million tonnes\n#topic\/grain\n/u,
    )
    expect(out.stdout).toMatch(/<!-- workbench:checksum fnv1a64:[0-9a-f]+ -->\n$/u)

    const file = join(work, 'out.md')
    const saved = await workbench([
      '--library',
      lib,
      'export',
      '--format',
      'md',
      '--template',
      template,
      '--out',
      file,
    ])
    expect(saved.code).toBe(0)
    expect(await readFile(file, 'utf8')).toBe(out.stdout)
  })

  it('prints a template error as file:line:column: message and exits 1', async () => {
    const template = join(work, 'broken.liquid')
    await writeFile(template, 'line one\n  {{ briefing.title | shout }}\n')
    const out = await workbench([
      '--library',
      lib,
      'export',
      '--format',
      'md',
      '--template',
      template,
    ])
    expect(out.code).toBe(1)
    expect(out.stdout).toBe('')
    expect(out.stderr).toMatch(
      new RegExp(`^${template.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}:2:\\d+: .*shout.*\\n$`, 'u'),
    )
  })

  it('refuses --template with another format (exit 2) and a missing file (exit 1)', async () => {
    const csv = await workbench(['--library', lib, 'export', '--format', 'csv', '--template', 'x'])
    expect(csv.code).toBe(2)
    const missing = await workbench([
      '--library',
      lib,
      'export',
      '--format',
      'md',
      '--template',
      join(work, 'nope.liquid'),
    ])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/nope\.liquid: no such file/u)
  })
})
