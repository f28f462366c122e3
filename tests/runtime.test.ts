/**
 * The tests run on the Node.js the app ships: Electron 45 runs its main
 * process (and the search worker) on Node 24, so a test passing on an older
 * Node proves little about the app.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

const require = createRequire(import.meta.url)

describe('test runtime', () => {
  it('is Node 24, the major version of Electron 45’s main process', () => {
    expect(Number(process.versions.node.split('.')[0])).toBe(24)
  })

  it('matches the engines field and the node devDependency', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      engines: { node: string }
      devDependencies: Record<string, string>
    }
    expect(pkg.engines.node).toBe('>=24')
    expect(pkg.devDependencies['node']).toMatch(/^\^24\./)
  })

  it('offers node:sqlite with FTS5, which Electron 45’s Node has', () => {
    const { DatabaseSync } = require('node:sqlite') as typeof import('node:sqlite')
    const db = new DatabaseSync(':memory:')
    db.exec("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    db.prepare('INSERT INTO t (x) VALUES (?)').run('Ärger in Köln')
    expect(db.prepare("SELECT count(*) AS n FROM t WHERE t MATCH 'koln'").get()).toEqual({ n: 1 })
    db.close()
  })
})
