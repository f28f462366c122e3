/**
 * FNV-1a 64-bit hash of a string's UTF-8 bytes.
 *
 * Why: an exported briefing carries a checksum so a re-export can tell
 * whether the user edited it outside the keep regions. That needs a small,
 * deterministic hash that runs the same in main, renderer and tests without
 * `node:crypto` or Web Crypto (which is async); FNV-1a is enough because the
 * checksum detects accidental edits, not tampering.
 */

const OFFSET_BASIS = 0xcbf29ce484222325n
const PRIME = 0x100000001b3n

/** Hash a string's UTF-8 encoding with FNV-1a 64 and return 16 hex digits. */
export function fnv1a64(text: string): string {
  let hash = OFFSET_BASIS
  for (const byte of utf8Bytes(text)) {
    hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * PRIME)
  }
  return hash.toString(16).padStart(16, '0')
}

/** UTF-8 bytes of a string; lone surrogates encode as U+FFFD, as TextEncoder does. */
function* utf8Bytes(text: string): Generator<number> {
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd
    if (cp < 0x80) {
      yield cp
    } else if (cp < 0x800) {
      yield 0xc0 | (cp >> 6)
      yield 0x80 | (cp & 0x3f)
    } else if (cp < 0x10000) {
      yield 0xe0 | (cp >> 12)
      yield 0x80 | ((cp >> 6) & 0x3f)
      yield 0x80 | (cp & 0x3f)
    } else {
      yield 0xf0 | (cp >> 18)
      yield 0x80 | ((cp >> 12) & 0x3f)
      yield 0x80 | ((cp >> 6) & 0x3f)
      yield 0x80 | (cp & 0x3f)
    }
  }
}
