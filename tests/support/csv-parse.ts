/**
 * A strict RFC 4180 parser, to read exported CSV back in tests.
 *
 * Why strict: the point is to prove the export is well-formed, so anything
 * RFC 4180 does not allow (a bare LF as a record end, a quote inside an
 * unquoted field, text after a closing quote, a missing final CRLF) throws
 * instead of being guessed at, as lenient spreadsheet parsers would.
 */

/** Parse CSV text into records of fields. A leading BOM is not part of the data and must be stripped first. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let i = 0
  if (text.length === 0) return records
  for (;;) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        if (i >= text.length) throw new SyntaxError('unterminated quoted field')
        const ch = text[i]!
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += ch
        i++
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        const ch = text[i]!
        if (ch === '"') throw new SyntaxError(`quote inside an unquoted field at ${i}`)
        if (ch === '\n') throw new SyntaxError(`bare LF at ${i}`)
        field += ch
        i++
      }
    }
    record.push(field)
    if (text[i] === ',') {
      i++
      continue
    }
    if (text.startsWith('\r\n', i)) {
      records.push(record)
      record = []
      i += 2
      if (i === text.length) return records
      continue
    }
    if (i >= text.length) throw new SyntaxError('the last record does not end with CRLF')
    throw new SyntaxError(`unexpected ${JSON.stringify(text[i])} after a field at ${i}`)
  }
}
