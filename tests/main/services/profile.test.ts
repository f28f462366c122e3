/**
 * The profile file in userData: kept between runs, damage read as empty.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { fileProfileStore, profilePath } from '../../../src/main/services/profile'
import { EMPTY_PROFILE } from '../../../src/shared/domain/profile'
import { makeTempDir, removeDir } from '../../support/temp-dir'

describe('profile file', () => {
  let dir: string
  beforeEach(async () => {
    dir = await makeTempDir('workbench-profile-')
  })
  afterEach(async () => {
    await removeDir(dir)
  })

  it('keeps a change for the next reader, creating the folder', async () => {
    const path = profilePath(join(dir, 'userData'))
    await fileProfileStore(path).update({ name: 'Dana', publishBaseUrl: 'https://a.example/c' })
    expect(await fileProfileStore(path).read()).toEqual({
      ...EMPTY_PROFILE,
      name: 'Dana',
      publishBaseUrl: 'https://a.example/c',
    })
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ name: 'Dana' })
  })

  it('reads a missing or damaged file as an empty profile, and a bad change leaves the file alone', async () => {
    const path = profilePath(dir)
    expect(await fileProfileStore(path).read()).toEqual(EMPTY_PROFILE)
    await writeFile(path, '{ not json')
    expect(await fileProfileStore(path).read()).toEqual(EMPTY_PROFILE)
    await writeFile(path, JSON.stringify({ ...EMPTY_PROFILE, name: 'Dana' }))
    await expect(fileProfileStore(path).update({ url: 'nope' })).rejects.toThrow(/http or https/)
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ name: 'Dana', url: '' })
  })
})
