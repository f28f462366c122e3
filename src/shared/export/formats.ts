/**
 * What each export format is called and how its files are named.
 *
 * Why: the export dialog, the save dialog's filters, the default file name
 * and the command line all describe the same formats; keeping the labels
 * and extensions here stops them drifting apart.
 */
import type { ExportFormat } from '../ipc/contract'

export interface ExportFormatInfo {
  /** Shown in the export dialog's format choice. */
  readonly label: string
  /** One line on what the format is for. */
  readonly description: string
  /** File extension without the dot. */
  readonly extension: string
  /** Name of the save dialog's file filter. */
  readonly filterName: string
  readonly mediaType: string
  /** What a default file name ends with, e.g. `.annotations.jsonld`. */
  readonly fileSuffix: string
}

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  md: {
    label: 'Markdown briefing',
    description: 'A briefing for readers: articles, claims table, quotes and notes.',
    extension: 'md',
    filterName: 'Markdown',
    mediaType: 'text/markdown',
    fileSuffix: '.md',
  },
  csv: {
    label: 'CSV (spreadsheet)',
    description: 'One row per annotation, for Excel, LibreOffice or scripts.',
    extension: 'csv',
    filterName: 'CSV',
    mediaType: 'text/csv',
    fileSuffix: '.csv',
  },
  w3c: {
    label: 'W3C Web Annotations',
    description: 'JSON-LD another analyst can import into their library.',
    extension: 'jsonld',
    filterName: 'JSON-LD',
    mediaType: 'application/ld+json',
    fileSuffix: '.annotations.jsonld',
  },
  claimreview: {
    label: 'ClaimReview (schema.org)',
    description: 'The claims as schema.org ClaimReview JSON-LD, for fact-check tools.',
    extension: 'jsonld',
    filterName: 'JSON-LD',
    mediaType: 'application/ld+json',
    fileSuffix: '.claimreview.jsonld',
  },
}
