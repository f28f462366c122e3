/**
 * The codebook's flat tag list as a tree.
 *
 * Why: the codebook stores `entity/company/BMW` as one name; a parent such
 * as `entity` may exist only through its children. The tree shows every
 * level, with the codebook record where there is one, and counts that
 * include the children so a collapsed branch still says how much it holds.
 */
import { tagKey, tagSegments } from '../../../../shared/domain/tag'
import type { CodebookTag } from '../../../../shared/ipc/contract'

export interface TagNode {
  /** The full path, spelled as the codebook spells it (or as first seen). */
  readonly name: string
  /** The last segment. */
  readonly label: string
  readonly depth: number
  /** The codebook record; null for a parent that exists only through its children. */
  readonly tag: CodebookTag | null
  readonly children: readonly TagNode[]
  /** Annotations carrying this tag or any tag below it. */
  readonly totalAnnotations: number
}

interface MutableNode {
  name: string
  label: string
  depth: number
  tag: CodebookTag | null
  children: Map<string, MutableNode>
}

/** Build the tree; siblings sort by label, case-insensitively. */
export function buildTagTree(tags: readonly CodebookTag[]): TagNode[] {
  const root = new Map<string, MutableNode>()
  // Records first, so a parent with its own record is spelled the record's way.
  const ordered = [...tags].sort((a, b) => tagSegments(a.name).length - tagSegments(b.name).length)
  for (const tag of ordered) {
    let level = root
    let parent: MutableNode | null = null
    tagSegments(tag.name).forEach((segment, depth) => {
      const key = tagKey(segment)
      let node = level.get(key)
      if (!node) {
        node = {
          name: parent ? `${parent.name}/${segment}` : segment,
          label: segment,
          depth,
          tag: null,
          children: new Map(),
        }
        level.set(key, node)
      }
      parent = node
      level = node.children
    })
    const leaf = parent as MutableNode | null
    if (leaf) {
      leaf.tag = tag
      leaf.name = tag.name
    }
  }
  return freeze(root)
}

function freeze(level: Map<string, MutableNode>): TagNode[] {
  return [...level.values()]
    .sort(
      (a, b) =>
        a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }) ||
        a.label.localeCompare(b.label),
    )
    .map((n) => {
      const children = freeze(n.children)
      return {
        name: n.name,
        label: n.label,
        depth: n.depth,
        tag: n.tag,
        children,
        totalAnnotations:
          (n.tag?.annotationCount ?? 0) + children.reduce((sum, c) => sum + c.totalAnnotations, 0),
      }
    })
}

/** The nodes in display order, depth-first. */
export function flattenTagTree(nodes: readonly TagNode[]): TagNode[] {
  return nodes.flatMap((n) => [n, ...flattenTagTree(n.children)])
}

/** Find a node by tag identity. */
export function findTagNode(nodes: readonly TagNode[], name: string): TagNode | null {
  const key = tagKey(name)
  return flattenTagTree(nodes).find((n) => tagKey(n.name) === key) ?? null
}
