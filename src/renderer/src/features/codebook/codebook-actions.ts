/**
 * Codebook operations: edit a tag, rename, merge, move, delete.
 *
 * Why here: every tag operation may rewrite annotations in many articles;
 * main reports which, and the window reloads the open article when it is
 * one of them. Errors (a rename onto an existing name is a `conflict`) are
 * returned to the dialog to show in place rather than as toasts.
 */
import { invoke } from '../../api'
import type { ChannelInput, TagOperationResult } from '../../../../shared/ipc/contract'
import type { AppError } from '../../../../shared/ipc/result'
import { workbench } from '../../state/workbench-store'
import { refreshAfter } from '../history/history-actions'
import { refreshLibrary } from '../library/library-actions'

export function openCodebook(): void {
  workbench.set({ codebookOpen: true })
}

export function closeCodebook(): void {
  workbench.set({ codebookOpen: false })
}

export type TagPatch = ChannelInput<'codebook:update'>['patch']

/** An error to show in the dialog, or null on success. */
export type Outcome = AppError | null

/** Change a tag's colour, description or slot. */
export async function updateTag(name: string, patch: TagPatch): Promise<Outcome> {
  const result = await invoke('codebook:update', { name, patch })
  if (!result.ok) return result.error
  await refreshLibrary()
  return null
}

/** Add a tag to the codebook. */
export async function createTag(name: string): Promise<Outcome> {
  const result = await invoke('codebook:create', { name })
  if (!result.ok) return result.error
  await refreshLibrary()
  return null
}

async function afterOperation(
  result: { ok: true; value: TagOperationResult } | { ok: false; error: AppError },
): Promise<Outcome> {
  if (!result.ok) return result.error
  workbench.set({ codebook: result.value.tags })
  await refreshAfter(result.value.articleIds)
  return null
}

export async function renameTag(from: string, to: string): Promise<Outcome> {
  return afterOperation(await invoke('codebook:rename', { from, to }))
}

export async function mergeTag(from: string, into: string): Promise<Outcome> {
  return afterOperation(await invoke('codebook:merge', { from, into }))
}

export async function moveTag(name: string, parent: string | null): Promise<Outcome> {
  return afterOperation(await invoke('codebook:move', { name, parent }))
}

export async function deleteTag(name: string): Promise<Outcome> {
  return afterOperation(await invoke('codebook:delete', { name }))
}
