/**
 * The `workbench` command line.
 *
 * Why: analysts and scripts need to import, inspect, annotate and export a
 * library without the window, and tests need to drive the real core. It
 * runs the same services as the app, with no Electron, and holds the same
 * lock when it writes, so it cannot corrupt a library the app has open.
 */
import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { articleText, EDITABLE_META_FIELDS } from '../shared/domain/article'
import { describeArticleFileTypes } from '../shared/import/article-file-types'
import {
  EXTRACTOR_LABELS,
  EXTRACTOR_NAMES,
  isExtractorName,
  otherExtractor,
  sameTextMessage,
} from '../shared/import/extractors'
import { CLAIM_RELATIONS } from '../shared/domain/claim-fields'
import { WorkbenchError } from '../shared/ipc/result'
import { defaultUserDataDir, resolveLibraryDir } from '../main/library-path'
import { callerFor, createHandlers, type ChannelCaller, type Dialogs } from '../main/handlers'
import { linksFor } from '../main/services/links'
import { buildExport, saveExport } from '../main/services/exports'
import { TemplateRenderError } from '../main/services/templates'
import { formatTemplateError } from '../shared/export/template'
import { MAX_TEMPLATE_SOURCE_CHARS } from '../shared/ipc/contract'
import { articlesUsingTag } from '../main/services/tag-tree'
import { describeW3cImportItem, summariseW3cImport } from '../shared/export/w3c'
import {
  BRIEFING_GROUPINGS,
  EXPORT_FORMATS,
  type ExportSkip,
  type ImportOutcome,
  type ImportReport,
  type UpdateReport,
} from '../shared/ipc/contract'
import { describeFsError, describeUnexpected } from '../main/store/fs-errors'
import { LibraryStore, assertLibraryFolder, listBackupNames } from '../main/store/library-store'
import { planIsEmpty, planRestore, restoreSnapshot } from '../main/store/restore'
import { LibrarySearch } from '../main/search/library-search'
import { fileProfileStore, profilePath, type ProfileStore } from '../main/services/profile'
import { PROFILE_USAGE, profileCommand } from './profile-command'
import { formatRestorePlan } from './restore-output'
import { parse, single, UsageError } from './cli-kit'
import { CLAIM_COMMANDS, claimOptionsHelp } from './claim-commands'
import { formatSearchResults } from './search-output'
import { MAX_SEARCH_LIMIT, type SearchGroup, type SearchResults } from '../shared/search/types'

const USAGE = `Usage: workbench [--library <dir>] [--wait <seconds>] <command> [options]

Commands:
  import [--update-existing | --separate] <path>...
                                   import article files (${describeArticleFileTypes()});
                                   a file that looks like a new version of an article here
                                   (same URL, or same title and source) is held back unless
                                   --update-existing (make it that article's new version)
                                   or --separate is given
  update <id> <path>               make a file the article's new version; every annotation
                                   is carried across (anchored, drifted or orphaned)
  reextract <id> --file <page> [--extractor readability|defuddle]
                                   read a saved copy of the article's web page again with
                                   the other extractor (or the one given) and make its text
                                   the article's new version; says so when the text is the same
  edit <id> [--title <t>] [--source <s>] [--byline <b>] [--published YYYY-MM-DD]
       [--url <u>] [--language <tag>] [--restore <field>]...
                                   correct an article's metadata (an empty value clears
                                   it), or restore the extracted value of a field
  delete <id>...                   move articles to the trash
  trash [--json] | --restore <id>... | --empty [--yes]
                                   list the trash, put articles back, or remove them for good
  list [--json]                    list the articles in the library
  show <id> [--json]               show an article's metadata and text
  annotate <id> --quote <text> [--occurrence <n>] [--tag <t>]... [--note <md>] [--claim]
       [claim options]
                                   annotate a quote, found as search finds it (case,
                                   accents, curly or straight quotes and dashes, line
                                   breaks do not matter; whole words); when it occurs
                                   more than once, the first unless --occurrence n
                                   (counted from 1), and stderr says how many there are;
                                   a claim option makes it a claim (as --claim does)
  claim [<article-id>] <annotation-id> [claim options]
                                   set a claim's fields and print them (a highlight is
                                   made a claim first); the annotation id alone is
                                   enough, or <article-id>/<annotation-id>
  link <claim-id> <annotation-id> --relation ${CLAIM_RELATIONS.join('|')}
                                   link a claim to another claim or annotation
                                   (linking again changes the relation)
  unlink <claim-id> <annotation-id>
                                   remove that link
  article-note <id> (--set <md> | --append <md> | --file <path>)
                                   replace, extend (after a blank line) or read from a
                                   file an article's own note (--set '' clears it)
  tag <id> [--add <t>]... [--remove <t>]...
                                   add or remove an article's own tags
  export [--article <id>]... [--tag <t>] | [--query <query>]
         --format md|csv|w3c|claimreview [--spreadsheet | --bom] [--out <file>] [--force]
         [--title <t>] [--introduction <md>] [--skip-empty]
         [--group-by article|tag|status] [--no-block-ids] [--template <file.liquid>]
                                   export a Markdown briefing (rendered with a Liquid
                                   template file with --template), CSV (--spreadsheet for
                                   Excel and LibreOffice: a BOM, values kept as text),
                                   W3C Web Annotations or ClaimReview JSON-LD
                                   (stdout without --out): of the articles given, of
                                   every article matching --query (best match first; not
                                   with --article or --tag), or of all. --tag keeps the
                                   annotations that carry the tag or one nested under it
                                   (entity/company takes entity/company/BMW), and all the
                                   annotations of an article that carries it itself;
                                   articles with none of these are left out. A briefing
                                   (md) takes a title, an introduction, leaves out
                                   articles without annotations, groups by tag or status,
                                   or uses GitHub anchors instead of ^block ids
  import-annotations <file.jsonld>
                                   import W3C Web Annotations onto matching articles
  search [--json] [--limit <n>] [--] <query>...
                                   search titles, texts, notes and annotations and print
                                   every matching article, best first (only the first n
                                   with --limit, any whole number from 1); filters
                                   tag: kind: status: claimant: source: article: has:note
                                   anchor:orphaned, "phrases", -negation (put -- before a
                                   query that starts with -); exit 0, "no matches" on stderr
${PROFILE_USAGE}
  restore [--list | <backup> [--yes]]
                                   list backups, or show what restoring one would roll
                                   back (articles and annotations since, by date) and,
                                   with --yes, restore it
  repair                           rebuild a lost or damaged index from the article files
                                   and finish an interrupted change; keeps every annotation

Options:
  --library <dir>   the library folder (default: the app's library, or $WORKBENCH_LIBRARY)
  --wait <seconds>  when another process has the library open, wait for it this long
                    (commands that write)
  -h, --help        show this help

Claim options (annotate, claim), from the claim fields:
${claimOptionsHelp()}

An option's value may start with - or ---: --note '-1 point' and --note=-1 point are the same.

Exit codes: 0 done, 1 failed or incomplete (a damaged article skipped, a rejected
file, a restore not confirmed), 2 usage error.`

export interface CliIo {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly now: () => Date
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
}

/**
 * Run the command line and return its exit code.
 *
 * 0 success, 1 failure, 2 usage error; errors go to stderr in one line.
 */
export async function main(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const { library, waitSeconds, rest } = splitGlobal(argv)
    const [command, ...args] = rest
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.out(`${USAGE}\n`)
      return command === undefined ? 2 : 0
    }
    const userDataDir = defaultUserDataDir(process.platform, io.env, homedir())
    const libraryDir = resolveLibraryDir(
      library ? ['--library', library] : [],
      io.env,
      userDataDir,
      io.cwd,
    )
    const profiles = fileProfileStore(profilePath(userDataDir))
    if (command === 'profile') {
      return await profileCommand(args, {
        out: io.out,
        profiles,
        usage: (message) => new UsageError(message),
      })
    }
    // Own names only: `workbench constructor` is an unknown command, not Object's constructor.
    const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined
    if (!run) throw new UsageError(`unknown command "${command}"`)
    return await run(args, { libraryDir, io, lockWaitMs: waitSeconds * 1000, profiles })
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`workbench: ${error.message} (see workbench --help)\n`)
      return 2
    }
    const described = describeUnexpected(error)
    const message = described instanceof Error ? described.message : String(described)
    io.err(`workbench: ${message.replace(/\s*\n\s*/g, ' ')}\n`)
    return 1
  }
}

interface Context {
  readonly libraryDir: string
  readonly io: CliIo
  /** How long a writing command waits for the library's lock. */
  readonly lockWaitMs: number
  /** The analyst's profile, the same file the app uses. */
  readonly profiles: ProfileStore
}

type Command = (args: readonly string[], ctx: Context) => Promise<number>

/** The annotating commands (`claim-commands.ts`), each opening the library as the others do. */
const ANNOTATING_COMMANDS: Readonly<Record<string, Command>> = Object.fromEntries(
  Object.entries(CLAIM_COMMANDS).map(([name, run]): [string, Command] => [
    name,
    (args, ctx) => run(args, ctx.io, (mode, body) => withStore(ctx, mode, body)),
  ]),
)

const COMMANDS: Readonly<Record<string, Command>> = {
  ...ANNOTATING_COMMANDS,
  import: async (args, ctx) => {
    const { values, positionals } = parse(
      args,
      { 'update-existing': { type: 'boolean' }, separate: { type: 'boolean' } },
      true,
    )
    if (positionals.length === 0) throw new UsageError('import needs at least one file')
    if (values['update-existing'] && values.separate) {
      throw new UsageError('choose one of --update-existing and --separate')
    }
    const onMatch = values['update-existing'] ? 'update' : values.separate ? 'separate' : 'ask'
    return withStore(ctx, 'create', async (store, call) => {
      const files: { name: string; path: string; data: Uint8Array }[] = []
      const unreadable: string[] = []
      for (const path of positionals) {
        try {
          files.push({
            name: basename(path),
            path,
            data: new Uint8Array(await readFile(resolve(ctx.io.cwd, path))),
          })
        } catch (error) {
          const described = describeFsError(error, 'read', path)
          unreadable.push(
            `rejected ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : described instanceof Error ? described.message : String(described)}`,
          )
        }
      }
      const report =
        files.length > 0 ? await importInBatches(call, files, onMatch) : { outcomes: [] }
      let rejected = unreadable.length
      report.outcomes.forEach((outcome, i) => {
        const path = files[i]?.path ?? outcome.name
        if (outcome.status === 'imported') {
          ctx.io.out(`imported ${outcome.id} ${outcome.title}\n`)
          if (outcome.warning) ctx.io.out(`  check this import: ${oneLine(outcome.warning)}\n`)
        } else if (outcome.status === 'duplicate') ctx.io.out(`duplicate ${path} ${outcome.id}\n`)
        else if (outcome.status === 'repaired')
          ctx.io.out(
            `repaired ${outcome.id} ${outcome.title} (its text was restored from ${path})\n`,
          )
        else if (outcome.status === 'updated')
          ctx.io.out(`updated ${outcome.id} ${outcome.title} ${updateSummary(outcome.update)}\n`)
        else if (outcome.status === 'matches') {
          rejected++
          ctx.io.out(
            `held back ${path}: looks like a new version of ${outcome.id} "${outcome.title}" (same ${outcome.matchedBy}; ${outcome.annotationCount} annotations); import again with --update-existing to update it or --separate to import it as a new article\n`,
          )
        } else if (outcome.status === 'cancelled') {
          rejected++
          ctx.io.out(`cancelled ${path}\n`)
        } else {
          rejected++
          ctx.io.out(`rejected ${path}: ${outcome.reason}\n`)
        }
      })
      for (const line of unreadable) ctx.io.out(`${line}\n`)
      return rejected === 0 ? 0 : 1
    })
  },

  update: async (args, ctx) => {
    const { positionals } = parse(args, {}, true)
    if (positionals.length !== 2) throw new UsageError('update needs an article id and a file')
    const [id, path] = positionals as [string, string]
    const data = new Uint8Array(await readFile(resolve(ctx.io.cwd, path)))
    return withStore(ctx, 'write', async (store, call) => {
      const report = await call('article:replaceText', {
        id,
        file: { name: basename(path), data },
      })
      ctx.io.out(`updated ${id} ${updateSummary(report)}\n`)
      return 0
    })
  },

  reextract: async (args, ctx) => {
    const { values, positionals } = parse(
      args,
      { file: { type: 'string' }, extractor: { type: 'string' } },
      true,
    )
    const id = single(positionals, 'reextract needs one article id')
    if (!values.file)
      throw new UsageError('reextract needs --file <page>: the library does not keep the page')
    const asked = values.extractor
    if (asked !== undefined && !isExtractorName(asked)) {
      throw new UsageError(`--extractor must be one of ${EXTRACTOR_NAMES.join(', ')}`)
    }
    const path = resolve(ctx.io.cwd, values.file)
    // The page given is the open dialog's answer, as the analyst's choice is in the window.
    const dialogs: Dialogs = { ...NO_DIALOGS, pickWebPage: async () => path }
    return withStore(
      ctx,
      'write',
      async (store, call) => {
        const entry = store.getArticle(id)
        if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
        const extractor = asked ?? otherExtractor(entry.extractor)
        const report = await call('article:reextract', { id, extractor })
        if (report.update === null) ctx.io.out(`${sameTextMessage(extractor)}\n`)
        else
          ctx.io.out(
            `updated ${id} with ${EXTRACTOR_LABELS[extractor]} ${updateSummary(report.update)}\n`,
          )
        return 0
      },
      dialogs,
    )
  },

  edit: async (args, ctx) => {
    const { values, positionals } = parse(
      args,
      {
        ...Object.fromEntries(
          EDITABLE_META_FIELDS.map((f) => [f.flag, { type: 'string' as const }]),
        ),
        restore: { type: 'string', multiple: true },
      },
      true,
    )
    const id = single(positionals, 'edit needs one article id')
    const patch: Record<string, string | null> = {}
    for (const field of EDITABLE_META_FIELDS) {
      const value = (values as Record<string, unknown>)[field.flag]
      if (typeof value === 'string') patch[field.key] = value.trim() === '' ? null : value
    }
    const restore = ((values.restore as string[] | undefined) ?? []).map((name) => {
      const field = EDITABLE_META_FIELDS.find((f) => f.flag === name || f.key === name)
      if (!field) {
        throw new UsageError(
          `--restore takes a field: ${EDITABLE_META_FIELDS.map((f) => f.flag).join(', ')}`,
        )
      }
      return field.key
    })
    if (Object.keys(patch).length === 0 && restore.length === 0) {
      throw new UsageError('edit needs at least one field to change or --restore <field>')
    }
    return withStore(ctx, 'write', async (store, call) => {
      const summary = await call('article:edit', { id, patch, restore })
      ctx.io.out(`edited ${id}\n`)
      for (const field of EDITABLE_META_FIELDS) {
        const mark = summary.edited.includes(field.key) ? ' (edited)' : ''
        ctx.io.out(`  ${field.label}: ${summary[field.key] ?? '-'}${mark}\n`)
      }
      return 0
    })
  },

  delete: async (args, ctx) => {
    const { positionals } = parse(args, {}, true)
    if (positionals.length === 0) throw new UsageError('delete needs at least one article id')
    return withStore(ctx, 'write', async (store, call) => {
      const outcome = await call('article:trash', { ids: positionals })
      for (const id of outcome.ids)
        ctx.io.out(`trashed ${id} ${store.getArticle(id)?.title ?? ''}\n`)
      const already = positionals.filter((id) => !outcome.ids.includes(id))
      for (const id of new Set(already)) ctx.io.out(`already in the trash ${id}\n`)
      if (outcome.linksToTrashed > 0) {
        ctx.io.err(
          `workbench: ${outcome.linksToTrashed} link(s) from claims in other articles now point to a trashed article; they are kept and come back with it (workbench trash --restore)\n`,
        )
      }
      return 0
    })
  },

  trash: async (args, ctx) => {
    const { values, positionals } = parse(
      args,
      {
        json: { type: 'boolean' },
        restore: { type: 'boolean' },
        empty: { type: 'boolean' },
        yes: { type: 'boolean' },
      },
      true,
    )
    if (values.restore && values.empty) throw new UsageError('choose one of --restore and --empty')
    if (values.restore) {
      if (positionals.length === 0) throw new UsageError('trash --restore needs article ids')
      return withStore(ctx, 'write', async (store, call) => {
        const { ids } = await call('trash:restore', { ids: positionals })
        for (const id of ids) ctx.io.out(`restored ${id} ${store.getArticle(id)?.title ?? ''}\n`)
        for (const id of positionals.filter((p) => !ids.includes(p)))
          ctx.io.out(`not in the trash ${id}\n`)
        return 0
      })
    }
    if (values.empty) {
      return withStore(ctx, 'write', async (store, call) => {
        const doomed = positionals.length > 0 ? positionals : store.listTrash().map((e) => e.id)
        if (doomed.length === 0) {
          ctx.io.out('The trash is empty.\n')
          return 0
        }
        if (!values.yes) {
          ctx.io.out(
            `Would remove ${doomed.length} article(s) for good, with their annotations and every version of their text:\n`,
          )
          for (const id of doomed) {
            const e = store.getArticle(id)
            ctx.io.out(
              `  ${id} ${e?.title ?? '(unknown)'} (${e?.annotationCount ?? 0} annotations)\n`,
            )
          }
          ctx.io.err('workbench: nothing removed; run again with --yes to remove them\n')
          return 1
        }
        const { removed } = await call(
          'trash:empty',
          positionals.length > 0 ? { ids: positionals } : {},
        )
        ctx.io.out(`removed ${removed.length} article(s) for good\n`)
        return 0
      })
    }
    return withStore(ctx, 'read', async (store, call) => {
      const rows = (await call('trash:list', {})).map((a) => ({
        id: a.id,
        title: a.title,
        trashedAt: a.trashedAt,
        annotations: a.annotationCount,
      }))
      if (values.json) ctx.io.out(`${JSON.stringify(rows, null, 2)}\n`)
      else if (rows.length === 0) ctx.io.out('The trash is empty.\n')
      else
        for (const r of rows)
          ctx.io.out(`${r.id}\t${r.title}\ttrashed ${r.trashedAt}\t${r.annotations} annotations\n`)
      return 0
    })
  },

  list: async (args, ctx) => {
    const { values } = parse(args, { json: { type: 'boolean' } })
    return withStore(ctx, 'read', async (store, call) => {
      const rows = (await call('article:list', {})).map((a) => ({
        id: a.id,
        title: a.title,
        source: a.source,
        words: a.wordCount,
        annotations: a.annotationCount,
        damaged: a.damaged,
        importWarning: a.importWarning,
      }))
      if (values.json) ctx.io.out(`${JSON.stringify(rows, null, 2)}\n`)
      else
        for (const r of rows)
          ctx.io.out(
            `${r.id}\t${r.title}\t${r.source ?? '-'}\t${r.words} words\t${r.damaged?.part === 'annotations' ? '?' : r.annotations} annotations${r.damaged ? `\tDAMAGED: ${oneLine(r.damaged.reason)}` : ''}${r.importWarning ? `\tCHECK: ${oneLine(r.importWarning)}` : ''}\n`,
          )
      const damaged = rows.filter((r) => r.damaged).length
      if (damaged > 0) ctx.io.err(`workbench: ${damaged} damaged article(s), marked DAMAGED\n`)
      return 0
    })
  },

  show: async (args, ctx) => {
    const { values, positionals } = parse(args, { json: { type: 'boolean' } }, true)
    const id = single(positionals, 'show needs one article id')
    return withStore(ctx, 'read', async (store, call) => {
      const { article, annotations, damage } = await call('article:get', { id })
      if (values.json) {
        const { id: articleId, title, source, byline, publishedAt, url, language } = article
        const { citations, edited, trashedAt, versionCount, blocks } = article
        const shown = {
          id: articleId,
          title,
          source,
          byline,
          publishedAt,
          url,
          language,
          citations,
          edited,
          trashedAt,
          versionCount,
          blocks: blocks.map(({ type, text }) => ({ type, text })),
          annotations: annotations.length,
        }
        ctx.io.out(`${JSON.stringify(shown, null, 2)}\n`)
      } else {
        ctx.io.out(`${article.title}${article.trashedAt ? '  [in the trash]' : ''}\n`)
        const meta = [article.source, article.byline, article.publishedAt]
          .filter(Boolean)
          .join(' · ')
        if (meta) ctx.io.out(`${meta}\n`)
        if (article.citations.length) ctx.io.out(`Cited: ${article.citations.join('; ')}\n`)
        ctx.io.out(`\n${articleText(article.blocks)}\n`)
      }
      if (damage) {
        ctx.io.err(`workbench: damaged: ${oneLine(damage.reason)}\n`)
        return 1
      }
      return 0
    })
  },

  export: async (args, ctx) => {
    const { values } = parse(args, {
      article: { type: 'string', multiple: true },
      tag: { type: 'string' },
      query: { type: 'string' },
      format: { type: 'string' },
      bom: { type: 'boolean' },
      template: { type: 'string' },
      spreadsheet: { type: 'boolean' },
      out: { type: 'string' },
      force: { type: 'boolean' },
      title: { type: 'string' },
      introduction: { type: 'string' },
      'skip-empty': { type: 'boolean' },
      'group-by': { type: 'string' },
      'no-block-ids': { type: 'boolean' },
    })
    const format = EXPORT_FORMATS.find((f) => f === values.format)
    if (format === undefined) {
      throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`)
    }
    if (values.bom && format !== 'csv') throw new UsageError('--bom applies to --format csv only')
    const briefingFlags = ['title', 'introduction', 'skip-empty', 'group-by', 'no-block-ids']
    const givenBriefingFlag = briefingFlags.find((flag) => flag in values)
    if (givenBriefingFlag !== undefined && format !== 'md') {
      throw new UsageError(`--${givenBriefingFlag} applies to --format md only`)
    }
    const groupBy = BRIEFING_GROUPINGS.find((g) => g === values['group-by'])
    if (values['group-by'] !== undefined && groupBy === undefined) {
      throw new UsageError(`--group-by takes ${BRIEFING_GROUPINGS.join('|')}`)
    }
    if (values.template !== undefined && format !== 'md') {
      throw new UsageError('--template applies to --format md only')
    }
    const templateFile = values.template
    const template =
      templateFile === undefined ? undefined : await readTemplateFile(ctx.io.cwd, templateFile)
    if (values.spreadsheet && format !== 'csv') {
      throw new UsageError('--spreadsheet applies to --format csv only')
    }
    const query = values.query?.trim()
    if (values.query !== undefined && !query) throw new UsageError('--query needs a query')
    if (query && (values.article !== undefined || values.tag !== undefined)) {
      // A search has tag: and article: filters of its own: one way to choose is clearer than two.
      throw new UsageError(
        '--query cannot be combined with --article or --tag; put tag: or article: filters in the query',
      )
    }
    const options = {
      bom: values.bom ?? false,
      spreadsheet: values.spreadsheet ?? false,
      ...(values.tag ? { tag: values.tag } : {}),
      ...(template === undefined ? {} : { template }),
      briefing: {
        ...(values.title !== undefined ? { title: values.title } : {}),
        ...(values.introduction !== undefined ? { introduction: values.introduction } : {}),
        ...(values['skip-empty'] ? { skipEmpty: true } : {}),
        ...(groupBy !== undefined ? { groupBy } : {}),
        ...(values['no-block-ids'] ? { obsidianBlockIds: false } : {}),
      },
    }
    // An export writes nothing inside the library: it needs no lock, so it works while the app
    // has the library open and on a read-only library.
    return withStore(ctx, 'read', async (store, call) => {
      let ids = query ? await matchingIds(call, query, Infinity) : (values.article ?? [])
      if (query && ids.length === 0) {
        throw new WorkbenchError('not-found', `nothing to export: no article matches "${query}"`)
      }
      for (const id of ids)
        if (!store.getArticle(id)) throw new WorkbenchError('not-found', `no article with id ${id}`)
      if (values.tag) {
        // The same rule as the codebook's: annotation tags and article tags, children included.
        // The export then keeps only the annotations the tag selects (`ExportOptions.tag`).
        const tagged = new Set(articlesUsingTag(store, values.tag))
        ids =
          ids.length > 0
            ? ids.filter((id) => tagged.has(id))
            : store
                .listArticles()
                .map((a) => a.id)
                .filter((id) => tagged.has(id))
      } else if (ids.length === 0 && !query) {
        ids = store.listArticles().map((a) => a.id)
      }
      if (ids.length === 0)
        throw new WorkbenchError('not-found', 'nothing to export: no article matches')
      const deps = { store, now: ctx.io.now, profiles: ctx.profiles }
      let skipped: readonly ExportSkip[]
      if (!values.out) {
        const built = await buildExport(ids, format, deps, options)
        ctx.io.out(built.text)
        skipped = built.skipped
      } else {
        const target = resolve(ctx.io.cwd, values.out)
        const saved = await saveExport(ids, format, async () => target, deps, {
          ...options,
          replaceExisting: values.force ?? false,
          overwriteEdits: values.force ?? false,
        })
        skipped = saved.skipped
        ctx.io.err(`exported ${saved.articleCount} article(s) to ${saved.path}\n`)
      }
      for (const skip of skipped) {
        ctx.io.err(`workbench: skipped ${skip.id} "${skip.title}": ${oneLine(skip.reason)}\n`)
      }
      return skipped.length === 0 ? 0 : 1
    }).catch((error: unknown) => reportTemplateError(error, templateFile, ctx.io))
  },

  'import-annotations': async (args, ctx) => {
    const { positionals } = parse(args, {}, true)
    const file = single(positionals, 'import-annotations needs one .jsonld file')
    let data: string
    try {
      data = await readFile(resolve(ctx.io.cwd, file), 'utf8')
    } catch (error) {
      throw new WorkbenchError('not-found', `cannot read ${file}: ${(error as Error).message}`)
    }
    return withStore(ctx, 'write', async (store, call) => {
      const report = await call('annotation:importW3c', { data })
      // The summary, then every annotation that needs a look, with why.
      const lines = [summariseW3cImport(report)]
      for (const item of report.items) {
        if (item.outcome !== 'placed' && item.outcome !== 'duplicate') {
          lines.push(`  ${describeW3cImportItem(item)}`)
        }
      }
      if (report.itemsLeftOff > 0) lines.push(`  (${report.itemsLeftOff} more not listed)`)
      ctx.io.out(`${lines.join('\n')}\n`)
      // Orphans are kept on their article, so only refused or unreadable ones make it incomplete.
      return report.refused + report.invalid === 0 ? 0 : 1
    })
  },

  search: async (args, ctx) => {
    const { values, positionals } = parse(
      args,
      { json: { type: 'boolean' }, limit: { type: 'string' } },
      true,
    )
    const query = positionals.join(' ').trim()
    if (!query) throw new UsageError('search needs a query')
    const limit = values.limit === undefined ? Infinity : Number(values.limit)
    if (limit !== Infinity && !(Number.isSafeInteger(limit) && limit >= 1))
      throw new UsageError('--limit must be a whole number from 1')
    return withStore(ctx, 'read', async (_store, call) => {
      const results = await searchAll(call, query, limit)
      if (values.json) ctx.io.out(`${JSON.stringify(results, null, 2)}\n`)
      else ctx.io.out(formatSearchResults(results))
      if (results.total === 0) ctx.io.err('no matches\n')
      else if (results.total > results.groups.length)
        ctx.io.err(`showing ${results.groups.length} of ${results.total} articles\n`)
      return 0
    })
  },

  restore: async (args, ctx) => {
    const { values, positionals } = parse(
      args,
      { list: { type: 'boolean' }, yes: { type: 'boolean' } },
      true,
    )
    // The folder must hold a library; a damaged index is no reason to refuse a restore.
    await assertLibraryFolder(ctx.libraryDir)
    if (values.list || positionals.length === 0) {
      const names = await listBackupNames(ctx.libraryDir)
      if (names.length === 0) ctx.io.out(`no backups in ${join(ctx.libraryDir, 'backups')}\n`)
      for (const name of names) ctx.io.out(`${name}\n`)
      return 0
    }
    const name = single(positionals, 'restore takes one backup name')
    const plan = await planRestore(ctx.libraryDir, name)
    if (planIsEmpty(plan)) {
      ctx.io.out(`The library already matches backup ${name}: nothing to restore.\n`)
      return 0
    }
    ctx.io.out(formatRestorePlan(plan))
    if (!values.yes) {
      ctx.io.err('workbench: nothing was changed; run again with --yes to restore this backup\n')
      return 1
    }
    const safety = await restoreSnapshot(ctx.libraryDir, name, ctx.io.now())
    ctx.io.out(`restored ${name}; every file it replaced or removed is kept in ${safety}\n`)
    return 0
  },

  repair: async (args, ctx) => {
    parse(args, {})
    return withStore(ctx, 'write', async (store, call) => {
      if (store.notices.length === 0) ctx.io.out('The library is sound: nothing to repair.\n')
      const damaged = (await call('article:list', {})).filter((a) => a.damaged)
      for (const a of damaged)
        ctx.io.out(`damaged ${a.id} "${a.title}": ${oneLine(a.damaged?.reason ?? '')}\n`)
      return damaged.length === 0 ? 0 : 1
    })
  },
}

function splitGlobal(argv: readonly string[]): {
  library: string | null
  waitSeconds: number
  rest: string[]
} {
  const rest: string[] = []
  let library: string | null = null
  let waitSeconds = 0
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? ''
    if (arg === '--') {
      rest.push(...argv.slice(i))
      break
    }
    if (arg === '--library') {
      const value = argv[++i]
      if (!value) throw new UsageError('--library needs a folder')
      library = value
    } else if (arg.startsWith('--library=')) {
      library = arg.slice('--library='.length)
    } else if (arg === '--wait' || arg.startsWith('--wait=')) {
      const value = arg === '--wait' ? argv[++i] : arg.slice('--wait='.length)
      waitSeconds = Number(value)
      if (!value || !Number.isFinite(waitSeconds) || waitSeconds < 0 || waitSeconds > 86_400) {
        throw new UsageError('--wait needs a number of seconds from 0 to 86400')
      }
    } else {
      rest.push(arg)
    }
  }
  return { library, waitSeconds, rest }
}

/** What an update did to the annotations, in one line. */
function updateSummary(report: UpdateReport): string {
  const review = report.drifted + report.orphaned
  return `(version ${report.versionCount}): ${report.anchored} annotations in place, ${report.drifted} with changed wording, ${report.orphaned} orphaned${review > 0 ? `; ${review} need a look in the reader` : ''}`
}

/** One line of a multi-line message, for tab-separated and stderr output. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ')
}

/**
 * A template mistake reads like a compiler's, `file:line:column: message`,
 * and fails the export (exit 1); any other error goes on as it was.
 */
function reportTemplateError(error: unknown, file: string | undefined, io: CliIo): number {
  if (!(error instanceof TemplateRenderError) || file === undefined) throw error
  io.err(`${formatTemplateError(error.templateError, file)}\n`)
  return 1
}

/** Read an export's template file; a missing or oversized file is a failure that names it. */
async function readTemplateFile(cwd: string, file: string): Promise<string> {
  let source: string
  try {
    source = await readFile(resolve(cwd, file), 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      throw new WorkbenchError('not-found', `cannot read ${file}: no such file`)
    throw describeFsError(error, 'read', file)
  }
  if (source.length > MAX_TEMPLATE_SOURCE_CHARS) {
    throw new WorkbenchError(
      'invalid-input',
      `${file} is longer than a template may be (${MAX_TEMPLATE_SOURCE_CHARS.toLocaleString('en-GB')} characters)`,
    )
  }
  return source
}

/**
 * Open the library for one command.
 *
 * `read` takes no lock and fails with the app's message when the library
 * cannot be read as it is (damaged or newer index or codebook), rather than
 * showing an empty library; `write` takes the lock (waiting `--wait`) and
 * needs an existing library; `create` may also create one (import).
 */
async function withStore(
  ctx: Context,
  mode: 'read' | 'write' | 'create',
  body: (store: LibraryStore, call: ChannelCaller) => Promise<number>,
  dialogs: Dialogs = NO_DIALOGS,
): Promise<number> {
  const store = await LibraryStore.open({
    dir: ctx.libraryDir,
    readOnly: mode === 'read',
    create: mode === 'create',
    lockWaitMs: ctx.lockWaitMs,
    onLockWait: (holder) =>
      ctx.io.err(
        `workbench: the library is open in another process${holder}; waiting up to ${Math.round(ctx.lockWaitMs / 1000)} s for it\n`,
      ),
    now: ctx.io.now,
  })
  // The window's handlers, called directly: the same code for the same channel.
  let search: LibrarySearch | null = null
  // A command-line search answers from the whole library, not a partial index.
  const built = async (): Promise<LibrarySearch> => {
    search ??= new LibrarySearch(store)
    await search.whenReady()
    return search
  }
  const call = callerFor(
    createHandlers({
      store,
      now: ctx.io.now,
      search: {
        query: async (input) => (await built()).query(input),
        hits: async (input) => (await built()).hits(input),
        matchingArticleIds: async (query) => (await built()).matchingArticleIds(query),
        findAnnotations: async (input) => (await built()).findAnnotations(input),
      },
      dialogs,
      samplesDir: '',
      profiles: ctx.profiles,
    }),
  )
  try {
    if (store.quarantined) {
      ctx.io.err(
        `workbench: ${store.quarantined.count} damaged record(s) moved to ${store.quarantined.dir}\n`,
      )
    }
    for (const notice of store.notices) ctx.io.err(`workbench: ${oneLine(notice)}\n`)
    if (store.unreadable) throw new WorkbenchError('read-only', store.unreadable)
    if (mode !== 'read' && store.readOnly) throw new WorkbenchError('read-only', store.readOnly)
    return await body(store, call)
  } finally {
    await (search as LibrarySearch | null)?.dispose()
    await linksFor(store).stop()
    await store.close()
  }
}

/**
 * The first `limit` (any number, or Infinity) matching articles of a search,
 * best first, read a page at a time through `search:query`, as one result.
 */
async function searchAll(
  call: ChannelCaller,
  query: string,
  limit: number,
): Promise<SearchResults> {
  const groups: SearchGroup[] = []
  let first: SearchResults | null = null
  for (;;) {
    const pageSize = Math.min(MAX_SEARCH_LIMIT, limit - groups.length)
    const page = await call('search:query', { query, offset: groups.length, limit: pageSize })
    first ??= page
    groups.push(...page.groups)
    if (page.groups.length < pageSize || groups.length >= Math.min(limit, page.total)) {
      return { ...first, total: page.total, offset: 0, groups }
    }
  }
}

/** The ids of the first `limit` articles matching a search, best first. */
async function matchingIds(call: ChannelCaller, query: string, limit: number): Promise<string[]> {
  return (await searchAll(call, query, limit)).groups.map((g) => g.articleId)
}

/** The command line asks nothing: a channel that needs a dialog is refused as cancelled. */
const NO_DIALOGS: Dialogs = {
  pickArticleFiles: async () => null,
  pickWebPage: async () => null,
  chooseExportPath: async () => null,
}

/** The most files one `import:files` call takes; more are imported in several batches. */
const IMPORT_BATCH = 500

/** Import any number of files through the channel, a batch at a time. */
async function importInBatches(
  call: ChannelCaller,
  files: readonly { name: string; data: Uint8Array }[],
  onMatch: 'ask' | 'update' | 'separate',
): Promise<ImportReport> {
  const outcomes: ImportOutcome[] = []
  for (let i = 0; i < files.length; i += IMPORT_BATCH) {
    const batch = files.slice(i, i + IMPORT_BATCH).map(({ name, data }) => ({ name, data }))
    outcomes.push(...(await call('import:files', { files: batch, onMatch })).outcomes)
  }
  return { outcomes }
}
