import { describe, expect, it } from 'vitest'
import {
  CLUTTER_RULES,
  clutterRuleFor,
  removeClutter,
} from '../../../src/main/import/clutter-rules'

/** Each rule: lines it removes, and story sentences near it that must survive. */
const ROWS: { rule: string; removes: string[]; keeps: string[] }[] = [
  {
    rule: 'read-more link line',
    removes: [
      'Read more: Port strike ends after three days',
      'Lea también: El puerto reabre',
      'LE PUEDE INTERESAR',
      'Ler mais',
      'Читайте также',
      'Lesen Sie auch: Hafen',
      'Read also',
    ],
    keeps: [
      'Read more about the strike in the union’s statement, the press secretary said on Tuesday.',
      'Related talks between the two ports stalled in May.',
    ],
  },
  {
    rule: 'advertisement label',
    removes: ['Advertisement', 'Sponsored', 'Anzeige', 'Реклама'],
    keeps: ['Advertisement revenue fell by a third, the company said.'],
  },
  {
    rule: 'continue reading',
    removes: ['Continue reading the main story', 'Continue reading'],
    keeps: [
      'Continue reading the contract, the lawyer told the court, and you will find no such clause.',
    ],
  },
  {
    rule: 'newsletter or subscribe prompt',
    removes: ["Subscribe to NJ.com's newsletters.", 'Sign up for our daily newsletter', 'Sign In'],
    keeps: [
      'Sign up for the Disney+ bundle using the same email as your Hulu account',
      'Subscribers said the newsletter had stopped arriving in March, after the port closed.',
    ],
  },
  {
    rule: 'cookie prompt',
    removes: ['We use cookies to improve your experience. By continuing you accept our policy.'],
    keeps: ['The bakery said it uses cookies from a supplier in Riga.'],
  },
  {
    rule: 'share button',
    removes: [
      'Share on Facebook',
      'Tweet',
      'Copy link',
      'Share | Tweet | Email',
      'Whatsapp Facebook Pinterest Baixar',
    ],
    keeps: ['Share prices fell on Tuesday.', 'The tweet was deleted an hour later.'],
  },
  {
    rule: 'copyright line',
    removes: [
      '© 2019 Baltic Wire',
      'All rights reserved.',
      'Copyright 2019 Hawaii News Now. All rights reserved.',
    ],
    keeps: [
      'The copyright dispute between the two publishers reached the court in 2019, lawyers said.',
    ],
  },
  {
    rule: 'photo credit',
    removes: ['Photo: Marina Volkova', '(AP Photo/Evan Vucci)', 'Getty Images', '(Image: GETTY )'],
    keeps: [
      'The photo showed the terminal empty at noon.',
      'Getty Images sued the company in 2023, saying its pictures had been copied.',
    ],
  },
  {
    rule: 'slideshow counter',
    removes: ['1 of 12', 'Image 3 of 9'],
    keeps: ['1 of 12 cranes was working on Tuesday.'],
  },
  {
    rule: 'date-only dateline',
    removes: ['November 19, 2019 at 9:45 am', 'Updated: 19 Nov 2019', '2019-11-19'],
    keeps: ['On November 19, 2019 the port closed.'],
  },
]

describe('clutter rules', () => {
  it('has a table row for every rule', () => {
    expect(ROWS.map((row) => row.rule).sort()).toEqual(CLUTTER_RULES.map((r) => r.name).sort())
  })

  describe.each(ROWS)('$rule', ({ rule, removes, keeps }) => {
    it.each(removes)('removes %s', (line) => {
      expect(clutterRuleFor(line)?.name).toBe(rule)
    })
    it.each(keeps)('keeps %s', (line) => {
      expect(clutterRuleFor(line)).toBeNull()
    })
  })

  it('drops clutter blocks and keeps the story around them', () => {
    const story = { type: 'paragraph' as const, text: 'Container traffic continued as scheduled.' }
    const blocks = [story, { type: 'paragraph' as const, text: 'Advertisement' }, story]
    expect(removeClutter(blocks)).toEqual([story, story])
  })

  it('never empties an article made only of such lines', () => {
    const blocks = [{ type: 'paragraph' as const, text: 'Advertisement' }]
    expect(removeClutter(blocks)).toEqual(blocks)
  })
})
