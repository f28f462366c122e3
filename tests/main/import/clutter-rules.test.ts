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
      'Auch interessant:',
      'Weitere Beiträge zum Thema',
      'Ähnliche Beiträge',
      'Das könnte Sie auch interessieren',
      'Czytaj też: Wyścig zbrojeń ruszył z kopyta',
      'VEA TAMBIÉN: Entre heces y guaricha',
      'RELATED STORIES',
      'Dans la même rubrique',
      'Weitere Infos unter www.itfjuniors.de.',
      'Noch mehr Infos für dich',
    ],
    keeps: [
      'Read more about the strike in the union’s statement, the press secretary said on Tuesday.',
      'Related talks between the two ports stalled in May.',
      'Auch interessant ist, dass der Hafen im Mai wieder öffnete.',
      'Weitere Beiträge der Gewerkschaft folgten am Dienstag.',
    ],
  },
  {
    rule: 'teaser prefix',
    removes: [
      'MIRA: Madre se acerca a conocer los motivos de captura de su hijo',
      'Lesen Sie hier: Spielabbruch in der Kreisliga',
      'Dowiedz się więcej: Kto jak głosował?',
    ],
    keeps: ['Mira Nair directed the film.', 'Lea Müller sagte: Der Hafen bleibt offen.'],
  },
  {
    rule: 'advertisement label',
    removes: ['Advertisement', 'Sponsored', 'Anzeige', 'Реклама', 'Anzeige:', '- Anzeige-'],
    keeps: ['Advertisement revenue fell by a third, the company said.'],
  },
  {
    rule: 'advertising disclosure',
    removes: [
      '*Werbung. Dieser Beitrag enthält Werbung für MYMARINI.',
      'ANZEIGE - Heute mal ausgehen/bestellen? Wie wäre es mit:',
      'Letzte Aktualisierung am 2.02.2022 / Bei den Verlinkungen handelt es sich um Affiliate Links',
    ],
    keeps: ['Werbungskosten können Pendler von der Steuer absetzen, sagte der Berater.'],
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
    rule: 'newsletter, app or paywall prompt',
    removes: [
      'Never miss the latest news by signing up to our newsletter today!',
      'Get the latest news straight to your phone with the VI Consortium app.',
      'For the latest stories and breaking news updates download the Nationnews apps for iOS and Android.',
      'Subscribe now to our eNATION edition for the full story.',
      'To view the full story, please subscribe to The Haitian Times.',
      'RNZ-WHATSAPP-Newsletter',
      'Verpasse keine News zu Hardware & Gadgets',
      'Jetzt für Golf-Lotse Top-News anmelden',
      'Follow The Gleaner on Twitter and Instagram @JamaicaGleaner.',
      'Jede kleine Spende hilft den notleidenden Menschen dieser Welt!',
      'Puede escribirnos a nuno@esmateria.com o seguir a Materia en Facebook, Twitter o Instagram.',
      'We want to hear what you think about this article. Submit a letter to the editor.',
      '2023 nichts mehr versäumen!',
      'Gefällt dir unser Klettermagazin? Wir haben keine Paywall eingeführt.',
    ],
    keeps: [
      'For the first time, the app was downloaded more than a million times in a week.',
      'Hier können sich Bürger ab Montag für einen Impftermin anmelden.',
      'The newsletter reached 40,000 readers, the port authority said.',
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
    rule: 'consent placeholder',
    removes: [
      'Wir respektieren deine Privatsphäre und stellen deshalb ohne dein Einverständnis keine Verbindung zu Twitter her.',
      'Klicken Sie auf den unteren Button, um den Inhalt von www.komoot.de zu laden.',
      'Externer Inhalt',
    ],
    keeps: ['Der Inhalt des Vertrags blieb geheim, sagte der Sprecher.'],
  },
  {
    rule: 'share, rating or comment prompt',
    removes: [
      'Möchten Sie den Artikel teilen?',
      'Teilen Sie dies mit:',
      '%d Bloggern gefällt das:',
      'War der Artikel nützlich? (95 Stimmen: 4,73 von 5) Loading...',
      'Kommentare schreiben',
      'Keine Kommentare (Kommentare erscheinen erst nach unserer Freigabe)',
      'Du musst Eingeloggt sein um Kommentare zu schreiben!',
      'This entry was posted in Allgemein. Bookmark the permalink.',
      'Rezept drucken Bei Pinterest speichern',
      'Valora esta noticia',
      'zurück',
      'Bild anzeigen Bild schließen',
      'Dieses Skript als PDF herunterladen',
      'Informationsschreiben vom 14. Oktober 2021PDF | 38 KB | Datei ist nicht barrierefrei',
      'Verraten Sie gerne in den Kommentaren: Was bedeutet der Award für Sie?',
      'Erstellt am Dienstag 6. Mai 2014 um 23:30 und abgelegt unter Linux, Tutorials.',
    ],
    keeps: [
      'Keine Kommentare zu laufenden Verfahren, sagte der Sprecher.',
      'Der Beitrag wurde am Montag im ZDF veröffentlicht und sorgte für Aufsehen.',
      'Der Minister sagte, er werde am Montag nach Berlin reisen und dort weiter zu den Plänen beraten.',
    ],
  },
  {
    rule: 'copyright line',
    removes: [
      '© 2019 Baltic Wire',
      'All rights reserved.',
      'Copyright 2019 Hawaii News Now. All rights reserved.',
      'Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone. Dalsze rozpowszechnianie artykułu za zgodą wydawcy.',
    ],
    keeps: [
      'The copyright dispute between the two publishers reached the court in 2019, lawyers said.',
    ],
  },
  {
    rule: 'photo credit',
    removes: [
      'Photo: Marina Volkova',
      '(AP Photo/Evan Vucci)',
      'Getty Images',
      '(Image: GETTY )',
      'Beitragsbild: Titelseite der FAZ vom 2.4.2019, Ausriss.',
      'Abbildung 4: klassische Schwachschicht.',
      'Crédits photos : Bestimage',
      '(Credit: Clayton Aldern / Grist)',
      'Golf im TV: Die Übertragungszeiten der großen Turniere im Überblick. (Foto: Getty)',
      'Son tres los periodos de vacaciones durante el año escolar. Foto: Andina',
      'Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO',
      'Schneeräumpflicht - was man darüber wissen muss© Rike/pixelio.de',
    ],
    keeps: [
      'The photo showed the terminal empty at noon.',
      'Getty Images sued the company in 2023, saying its pictures had been copied.',
      'Der Minister sagte der Bild: Wir machen weiter',
      'BILD: Herr Minister, warum bleibt der Hafen zu?',
    ],
  },
  {
    rule: 'slideshow counter',
    removes: ['1 of 12', 'Image 3 of 9'],
    keeps: ['1 of 12 cranes was working on Tuesday.'],
  },
  {
    rule: 'date-only dateline',
    removes: [
      'November 19, 2019 at 9:45 am',
      'Updated: 19 Nov 2019',
      '2019-11-19',
      'Stand: 05. Februar 2020',
      'Aktualisiert am 17.01.2021.',
      'asked Feb 6, 2014 at 20:37',
      '24.01.2022 11:38 / Kategorie: News',
      'News date : 04/21/2022    Category : Press Releases',
      '2021-10-16 | Botschaft',
      'Dezember 2008',
    ],
    keeps: ['On November 19, 2019 the port closed.', 'Am 5. Februar 2020 schloss der Hafen.'],
  },
  {
    rule: 'licence or disclaimer line',
    removes: [
      'Die Inhalte dieser Website sind unter einer Creative Commons-Lizenz lizenziert.',
      'Sofern nicht anders ausgewiesen, stehen Inhalte dieser Website unter CC-BY',
      'Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.',
      '(Alle Angaben ohne Gewähr)',
      'IMPRESSUM | DATENSCHUTZ | COPYRIGHT ANDRÉ LOIBL',
      'Bei diesem Beitrag handelt es sich um ein Blog aus der Freitag-Community',
      'Dieser Beitrag stammt aus Ausgabe 7/2019 der Technology Review.',
      'SUGGESTED CITATION Sauer, Heiko: Expert*innen in der Krise, VerfBlog, 2020/4/09',
    ],
    keeps: ['Die Lizenz des Hafenbetreibers läuft 2030 aus, sagte der Sprecher.'],
  },
  {
    rule: 'date or source label',
    removes: [
      'Quelle: Landesregierung',
      'Quelle: Deutscher Jagdverband (DJV), 02. Februar 2022, Berlin',
      'Ansprechpartnerin zum Thema:',
      'Źródło: ISBnews',
      'Kontakt:',
      'Über den Autor',
      'Release Date:',
    ],
    keeps: ['Quelle der Zahlen ist das Statistische Bundesamt, sagte der Sprecher.'],
  },
  {
    rule: 'label-only line',
    removes: ['Kategorien', 'Tags:'],
    keeps: ['Kategorien wie Alter und Einkommen spielten keine Rolle.'],
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
