import { describe, expect, it } from 'vitest'
import type { CodebookTag } from '../../src/shared/ipc/contract'
import {
  buildTagTree,
  findTagNode,
  flattenTagTree,
} from '../../src/renderer/src/features/codebook/tag-tree'

function tag(name: string, annotationCount = 0, slot: number | null = null): CodebookTag {
  return {
    name,
    color: '#1f6feb',
    description: '',
    slot,
    createdAt: '2024-01-01T00:00:00.000Z',
    annotationCount,
    articleCount: annotationCount > 0 ? 1 : 0,
  }
}

describe('buildTagTree', () => {
  it('nests flat names and creates parents that exist only through children', () => {
    const tree = buildTagTree([
      tag('entity/company/BMW', 2),
      tag('topic/ports', 1),
      tag('entity/person/Marsh', 1),
    ])
    expect(flattenTagTree(tree).map((n) => [n.name, n.depth, n.tag !== null])).toEqual([
      ['entity', 0, false],
      ['entity/company', 1, false],
      ['entity/company/BMW', 2, true],
      ['entity/person', 1, false],
      ['entity/person/Marsh', 2, true],
      ['topic', 0, false],
      ['topic/ports', 1, true],
    ])
  })

  it('makes one parent of a composed and a decomposed spelling', () => {
    const tree = buildTagTree([tag('Cafe\u0301/menu'), tag('caf\u00e9/prices')])
    // The parent exists only through its children, so it is named composed.
    expect(flattenTagTree(tree).map((n) => n.name)).toEqual([
      'Caf\u00e9',
      'Cafe\u0301/menu',
      'caf\u00e9/prices',
    ])
  })

  it('sums annotation counts up the tree', () => {
    const tree = buildTagTree([tag('entity', 1), tag('entity/BMW', 2), tag('entity/bmw-group', 3)])
    expect(tree).toHaveLength(1)
    expect(tree[0]?.totalAnnotations).toBe(6)
    expect(tree[0]?.children.map((c) => [c.label, c.totalAnnotations])).toEqual([
      ['BMW', 2],
      ['bmw-group', 3],
    ])
  })

  it('joins parents case-insensitively, spelled as the parent record spells it', () => {
    const tree = buildTagTree([tag('Entity/BMW'), tag('entity'), tag('ENTITY/Audi')])
    expect(tree).toHaveLength(1)
    expect(tree[0]?.name).toBe('entity')
    expect(tree[0]?.children.map((c) => c.name)).toEqual(['ENTITY/Audi', 'Entity/BMW'])
  })

  it('sorts siblings by label ignoring case, and finds nodes by identity', () => {
    const tree = buildTagTree([tag('b'), tag('A'), tag('c', 0, 3)])
    expect(tree.map((n) => n.label)).toEqual(['A', 'b', 'c'])
    expect(findTagNode(tree, ' C ')?.tag?.slot).toBe(3)
    expect(findTagNode(tree, 'missing')).toBeNull()
    expect(buildTagTree([])).toEqual([])
  })
})
