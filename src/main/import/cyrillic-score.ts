/**
 * Score how much a decoded text looks like Russian.
 *
 * Why: Windows-1251, KOI8-R, MacCyrillic, CP866 and ISO-8859-5 put the same
 * Cyrillic letters at different byte values, so the same bytes decode to
 * Cyrillic under all of them and a detector has to guess which one reads
 * like language. Statistical detectors fail on short text, headlines in
 * capitals above all, which is exactly what titles are. A wrong decoding
 * shuffles letters (rare letters and unpronounceable pairs pile up) and
 * often swaps case ("пРИВЕТ"), which these features catch even on a few
 * words.
 */

/** Relative frequencies of Russian letters in running text. */
const LETTER_FREQUENCY: Readonly<Record<string, number>> = {
  о: 0.1097,
  е: 0.0845,
  а: 0.0801,
  и: 0.0735,
  н: 0.067,
  т: 0.0626,
  с: 0.0547,
  р: 0.0473,
  в: 0.0454,
  л: 0.044,
  к: 0.0349,
  м: 0.0321,
  д: 0.0298,
  п: 0.0281,
  у: 0.0262,
  я: 0.0201,
  ы: 0.019,
  ь: 0.0174,
  г: 0.017,
  з: 0.0165,
  б: 0.0159,
  ч: 0.0144,
  й: 0.0121,
  х: 0.0097,
  ж: 0.0094,
  ш: 0.0073,
  ю: 0.0064,
  ц: 0.0048,
  щ: 0.0036,
  э: 0.0032,
  ф: 0.0026,
  // Often written as "е", but common where it is written at all (её, ещё).
  ё: 0.002,
  ъ: 0.0004,
}

/** Frequent letter pairs in Russian words; a wrong decoding rarely produces them. */
const COMMON_BIGRAMS = new Set(
  (
    'ст но то на ен ов ни ра во ко ро ре он ал ли ос пр по ер ле ет не ка ва ть та ол ор ел ' +
    'ан от ит од де ве ин ие ла ом ма ат ны ль ск ти ог ак ри ем ес об го ое ой ся ая ых ий ' +
    'ый их ую ми тв ед ам им ло ди ез ав ож уд ке ча за се тр ру ту ду ег ив ир ик ок ук ум ун ' +
    'ус ут уж уп бо бы бе би ба бр вы ви вл вн вс гл гр да до др ду ев ез еж ей ек ем ещ жа же ' +
    'жи зд зн зо из ил ис ия ки кр ку лу лю ля мо мы ме мн му на нн нс ну оп ос оч ощ па пе пи ' +
    'пл по ра ры рт ру ря сл см сн со сп сс су сч сь та те тн тк ть уч ха хо це чи чн чт ше ши ' +
    'щи эт юд яз ящ ят ах ях ию ью ьн ьс ьк'
  ).split(' '),
)

/** Letters of other Cyrillic languages: plausible, but less so than Russian ones. */
const OTHER_CYRILLIC_LETTERS = new Set([...'іїєґўјђћљњџѓќѕ'])

/** Non-ASCII punctuation that Russian text really uses. */
const RUSSIAN_PUNCTUATION = new Set([...'«»„“”‘’–—…№\u00a0'])

const LOG_OTHER_CYRILLIC = Math.log(0.002)
const LOG_PUNCTUATION = Math.log(0.01)
const LOG_UNEXPECTED = Math.log(0.00001)
/**
 * Capitals are rarer than small letters, but whole headlines are in
 * capitals, so this only tips near-ties; case swapped by a wrong decoding
 * is caught per word instead.
 */
const LOG_UPPERCASE = Math.log(0.9)
const BIGRAM_BONUS = 1.5
/** "пРИВЕТ" or "еЮ": the case pattern a swapped-case decoding leaves. */
const MIXED_CASE_WORD = -4
/** Russian words do not start with ь, ъ or ы. */
const IMPOSSIBLE_START = -4

export interface CyrillicScore {
  /** Evidence per non-ASCII character; higher means more Russian-like. */
  readonly perChar: number
  /** Share of non-ASCII characters that are Russian letters. */
  readonly russianShare: number
  /** Share of Cyrillic letters that sit in words with no Latin letters. */
  readonly pureWordShare: number
  /** Number of Cyrillic letters in words of at least two letters. */
  readonly wordLetters: number
}

/** Score how much a decoding looks like Russian text. */
export function scoreCyrillic(text: string): CyrillicScore {
  let total = 0
  let nonAscii = 0
  let russian = 0
  for (const char of text) {
    if (char.charCodeAt(0) < 0x80) continue
    nonAscii++
    const lower = char.toLowerCase()
    const frequency = LETTER_FREQUENCY[lower]
    if (frequency !== undefined) {
      russian++
      total += Math.log(frequency) + (char === lower ? 0 : LOG_UPPERCASE)
    } else if (OTHER_CYRILLIC_LETTERS.has(lower)) {
      total += LOG_OTHER_CYRILLIC
    } else if (RUSSIAN_PUNCTUATION.has(char)) {
      total += LOG_PUNCTUATION
    } else {
      total += LOG_UNEXPECTED
    }
  }

  let cyrillicLetters = 0
  let inPureWords = 0
  let wordLetters = 0
  for (const word of text.match(/\p{L}+/gu) ?? []) {
    const cyrillic = word.match(/\p{Script=Cyrillic}/gu)?.length ?? 0
    if (cyrillic === 0) continue
    cyrillicLetters += cyrillic
    if (/\p{Script=Latin}/u.test(word)) continue
    inPureWords += cyrillic
    if (word.length >= 2) wordLetters += cyrillic
    total += wordShape(word)
  }

  return {
    perChar: nonAscii === 0 ? Number.NEGATIVE_INFINITY : total / nonAscii,
    russianShare: nonAscii === 0 ? 0 : russian / nonAscii,
    pureWordShare: cyrillicLetters === 0 ? 0 : inPureWords / cyrillicLetters,
    wordLetters,
  }
}

/** Evidence from one Cyrillic word's case pattern and letter pairs. */
function wordShape(word: string): number {
  let score = 0
  const lower = word.toLowerCase()
  const rest = word.slice(1)
  // Natural: all small, all capitals, or one initial capital.
  if (rest !== rest.toLowerCase() && word !== word.toUpperCase()) score += MIXED_CASE_WORD
  if (/^[ьъы]/.test(lower) && word.length > 1) score += IMPOSSIBLE_START
  for (let i = 0; i + 1 < lower.length; i++) {
    if (COMMON_BIGRAMS.has(lower.slice(i, i + 2))) score += BIGRAM_BONUS
  }
  return score
}
