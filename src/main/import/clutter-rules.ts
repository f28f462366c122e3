/**
 * Lines of page furniture that survive article extraction, as one table.
 *
 * Why: Readability keeps the story's container, and with it the short lines
 * sites put between paragraphs: "Read more: …", "Advertisement", share
 * buttons, newsletter prompts, copyright lines, photo credits. Each rule
 * matches a whole short block, never a sentence that merely contains the
 * words, so a story that says "read more about the strike" keeps it. Rules
 * are data so that adding a language is adding a row (and its test row).
 *
 * The rows for related-story headings in German, Polish, Spanish and
 * French, share, rating and comment prompts, newsletter, app and paywall
 * prompts, consent placeholders of embeds, licence and disclaimer lines,
 * captions that end in their credit, source labels and dates in more
 * languages were added from the clutter left on trafilatura's evaluation
 * set: clutter snippets kept there 343 -> 210 for one main-text snippet
 * lost (2754 -> 2753 found; "Weiterführender Link" counts as text on one
 * page and as clutter on another); the extraction benchmark unchanged at
 * F1 0.971 (precision 0.954 -> 0.955). A second round after the teaser
 * pruning (link-teasers.ts): reader appeals and "follow us" lines in more
 * languages, publication notes and suggested citations, PDF download lines,
 * image-viewer labels, pager lines in German: 187 -> 156 kept, no main-text
 * snippet lost.
 */
import type { DraftBlock } from './article-draft'

export interface ClutterRule {
  /** What the rule removes, in the test table's words. */
  readonly name: string
  /** Matched against the whole block text, trimmed, whitespace collapsed. */
  readonly pattern: RegExp
  /** Longest block the rule may remove, in characters. */
  readonly maxChars: number
}

const rule = (name: string, pattern: RegExp, maxChars = 120): ClutterRule => ({
  name,
  pattern,
  maxChars,
})

/**
 * Headings and labels that introduce links to other stories, in the
 * languages of the evaluation sets. Exported: the teaser pruning before
 * blocks are made (link-teasers.ts) removes the links such a heading
 * introduces along with it.
 */
export const RELATED_HEADING = new RegExp(
  '^(?:' +
    [
      // English
      'read (?:more|also|next)|see (?:more|also)|related(?: (?:stories|articles|posts|content|news|coverage|topics|links))?',
      'more on this(?: story| topic)?|more (?:stories|news) from .{1,30}|recommended(?: for you| stories| articles)?',
      "you (?:may|might) also (?:like|be interested in)|don'?t miss|suggested (?:stories|articles|reading)",
      // Spanish, Portuguese
      'lea (?:también|mas|más)|le puede interesar|te puede interesar|ver también|vea también',
      'noticias relacionadas|más noticias|visto ahora|lo más (?:leído|visto)',
      'ler (?:mais|também)|leia (?:mais|também)|veja também|saiba mais',
      // French, Italian
      'lire aussi|à lire aussi|voir aussi|dans la même rubrique|sur le même sujet|audios et vidéos sur le sujet',
      'leggi anche|potrebbe interessarti',
      // German
      'lesen sie (?:auch|mehr)|mehr zum thema(?: .{1,30})?|mehr themen|mehr aus der sendung|auch interessant',
      '(?:das thema )?(?:das )?könnte (?:dich|sie|euch) auch interessieren',
      'weitere (?:beiträge|artikel|informationen|infos|links|themen|nachrichten|news)(?: (?:zu[mr]?|aus|über|von|auf|unter|bei) .{1,50})?',
      'noch mehr (?:infos|informationen|artikel|beiträge|themen|news)(?: .{1,30})?|empfehlungen aus (?:dem|der|unserem) .{1,40}|auch (?:auf|bei) [\\w.-]+\\.[a-z]{2,4}',
      '(?:ähnliche|verwandte|empfohlene|neueste|beliebte) (?:beiträge|artikel|themen(?:bereiche)?)',
      'weiterführende(?:r)? links?|zum weiterlesen|schon gelesen\\??|viel gelesen(?: in .{1,30})?|meist[- ]?(?:gelesen|diskutiert)',
      'lesen sie auch die folgenden beiträge|themen im artikel|entdecke weitere .{1,30}|entdecken sie jetzt',
      // Polish, Russian
      'czytaj (?:też|także|również|więcej)|zobacz (?:też|także|również)|polecamy',
      'читайте также|смотрите также|по теме',
    ].join('|') +
    ')(?:\\s*[:\\-–—|»…].{0,110})?$',
  'iu',
)

/**
 * Prefixes that announce a link to another story only when a colon
 * follows ("MIRA: …", "Lesen Sie hier: …"); alone they are ordinary words.
 */
const TEASER_PREFIX =
  /^(?:mira|mire|lea|puedes ver|lesen sie hier|auch lesen|dowiedz się więcej|siehe auch|see also)\s*:\s*.{3,140}$/iu

const MONTHS =
  '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre)[a-zé]*\\.?'

export const CLUTTER_RULES: readonly ClutterRule[] = [
  rule('read-more link line', RELATED_HEADING, 140),
  rule('teaser prefix', TEASER_PREFIX, 160),
  rule(
    'advertisement label',
    /^(?:[-–(*]\s*)?(?:advertisement|advertising|ad|anzeige|werbung|publicidad|publicité|реклама|iklan|sponsored(?: content)?|patrocinado|paid content)(?:\s*[-–):]\s*)?$/iu,
    30,
  ),
  rule(
    'advertising disclosure',
    // "*Werbung. Dieser Beitrag enthält Werbung für …", "ANZEIGE - Heute mal …"
    /^(?:\*?werbung\b.{0,100}|anzeige\s+[-–]\s.{1,80}|this (?:post|article|page) (?:may )?contains? (?:affiliate links|advertising).{0,160}|.{0,80}(?:handelt es sich um|sind|enthält) (?:affiliate|partner|provisions)[- ]?links.{0,160})$/iu,
    260,
  ),
  rule('continue reading', /^continue reading(?: the main story| below)?\W*$/iu, 40),
  rule(
    'newsletter or subscribe prompt',
    /^(?:sign up|subscribe|join)\b.{0,80}\b(?:newsletters?|our (?:\w+ )?(?:emails?|e-mails?|alerts|updates)|inbox)\b.{0,40}$|^subscribe to .{1,60}newsletters?\W*$|^(?:sign in|log in|register|subscribe)(?: \/ (?:sign in|register|log in))?$/iu,
    160,
  ),
  rule(
    'newsletter, app or paywall prompt',
    // Measured on trafilatura's set: "Never miss the latest news by signing
    // up to our newsletter today!", "Get the latest news straight to your
    // phone with the … app.", "Subscribe now to our eNATION edition for the
    // full story.", "Verpasse keine News zu …", "RNZ-WHATSAPP-Newsletter".
    new RegExp(
      '^(?:' +
        [
          '[\\p{L}\\d&-]{0,30}[- ]?newsletter',
          'never miss .{0,80}(?:newsletter|app)\\b.{0,40}',
          '(?:for the latest .{0,80}(?:download|get) .{0,60}|(?:get|download) (?:the latest .{0,80}|our .{0,40}))\\bapps?\\b.{0,40}',
          'subscribe (?:now|today) .{0,100}',
          "(?:to (?:view|read|continue reading) the (?:full|rest of the) (?:story|article)|if you[’']re seeing this message).{0,160}",
          '(?:do you want to be informed|want more stories like this).{0,80}(?:sign up|subscribe).{0,30}',
          'if you enjoyed (?:reading )?this .{0,120}(?:support|donat).{0,60}',
          'verpasse keine (?:news|nachrichten|artikel|beiträge).{0,60}',
          'jetzt (?:für .{1,40}|kostenlos|gratis|hier) (?:anmelden|abonnieren|registrieren)!?',
          'jetzt kostenlos registrieren.{0,80}',
          'hazte miembro.{0,80}|únete .{0,80}(?:comunidad|canal).{0,80}',
          '¿ya sabías que .{0,80}canal de (?:telegram|whatsapp|youtube).{0,80}',
          '¡?mira lo que tiene nuestro canal.{0,40}',
          'pour lire la suite.{0,120}',
          'unterstütze .{1,60}!|je fais un don.{0,40}|jede (?:kleine )?spende hilft.{0,80}',
          'follow .{1,60} on (?:twitter|facebook|instagram).{0,200}',
          '.{0,80}(?:seguir|síguenos|siga) .{0,40}en (?:facebook|twitter|instagram).{0,150}',
          'zapraszamy (?:też |także )?do (?:subskrypcji|prenumeraty).{0,160}',
          '(?:gefällt|gefallen) (?:dir|ihnen|euch) (?:unser|unsere|dieser|diese) .{1,40}\\?.{0,260}|(?:kennt ihr|kennen sie|kennst du) schon unser.{0,280}',
          '(?:we want to hear what you think.{0,60})?submit (?:a|your) letter to the editor.{0,140}',
          '.{0,30}nichts (?:mehr )?(?:verpassen|versäumen)!?|werden sie mitglied.{0,80}|become a member.{0,80}',
          '.{0,60}(?:hier klicken|click here) .{0,80}(?:registrieren|anmelden|abonnieren|subscribe|sign up|register)!?',
        ].join('|') +
        ')$',
      'iu',
    ),
    260,
  ),
  rule('cookie prompt', /^(?:we use cookies|this (?:web)?site uses cookies)\b.{0,200}$/iu, 260),
  rule(
    'consent placeholder',
    // An embed the reader has not allowed: "Wir respektieren deine
    // Privatsphäre … Verbindung zu Twitter her", "Klicken Sie auf den
    // unteren Button, um den Inhalt von www.komoot.de zu laden."
    /^(?:wir respektieren deine privatsphäre.{0,260}|klicke?n? (?:sie )?auf den (?:unteren )?button,? um den inhalt von .{1,80} zu laden\.?|externer inhalt|inhalt (?:laden|entsperren)|(?:ich bin damit einverstanden|mit dem laden des (?:inhalts|videos)).{0,200})$/iu,
    300,
  ),
  rule(
    'share button',
    /^(?:(?:share|compartir|partager|teilen|compartilhar|поделиться)(?: (?:on|via|en|sur|auf|no|em) \w+| this (?:article|story))?|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit|comments?)(?:[\s|/·•]+(?:share|tweet|pin|email|e-mail|print|copy link|whatsapp|facebook|twitter|linkedin|pinterest|reddit|baixar|comments?))*$/iu,
    80,
  ),
  rule(
    'share, rating or comment prompt',
    new RegExp(
      '^(?:' +
        [
          '(?:möchten sie )?(?:den|diesen) (?:artikel|beitrag) (?:teilen|bewerten|mit anderen teilen)[^.]{0,30}',
          'teilen sie dies mit:?|share this:?|like this:?|gefällt mir:?|%d bloggern gefällt das:?',
          '(?:artikel|beitrag) gefallen\\?.{0,60}',
          'war (?:der|dieser) (?:artikel|beitrag) (?:nützlich|hilfreich)\\?.{0,80}',
          'hier können sie (?:den|diesen) (?:artikel|beitrag) bewerten',
          'valora esta noticia|califica esta noticia|rate this (?:article|story)',
          '\\(?noch keine bewertungen\\)?.{0,20}',
          'kommentare? (?:schreiben|verfassen|hinzufügen)|(?:leave|post) a (?:comment|reply)|schreibe einen kommentar',
          'kommentarfeed.{0,80}|keine kommentare(?:\\s*\\(.{0,80}\\))?\\.?|comments? (?:are )?closed\\.?',
          '(?:sie sind|du bist) (?:aktuell |derzeit )?nicht (?:eingeloggt|angemeldet)\\.?',
          '(?:du musst|sie müssen) (?:eingeloggt|angemeldet) sein.{0,100}|.{0,80}müssen sie (?:eingeloggt|angemeldet) sein\\.?',
          'you must be logged in to post a comment\\.?',
          '(?:rezept|artikel|seite) drucken(?: .{0,40})?|print (?:recipe|article|this (?:page|article))',
          'this entry was posted in .{1,100}bookmark the permalink\\.?',
          '(?:der beitrag wurde|erstellt) am .{1,200}\\babgelegt\\b.{0,250}',
          'bild (?:anzeigen|schließen|vergrößern)(?: bild (?:anzeigen|schließen))?|\\.{0,3}\\s*weiter zu\\b.{1,80}|vorschau auf den nächsten artikel|(?:nächster|vorheriger) (?:artikel|beitrag)',
          '.{0,60}als pdf (?:herunterladen|downloaden)|(?:download|herunterladen)(?: as)? pdf|.{1,160}pdf\\s*\\|\\s*\\d+(?:[.,]\\d+)? ?[km]b\\b.{0,60}|(?:permalink|permalien|kurzlink|short ?link)\\s*:?\\s*https?:\\S+',
          '(?:verraten|schreiben|sagen) (?:sie|du|ihr)(?: uns)?(?: gerne)? in den kommentaren.{0,150}',
          'lade weitere inhalte.{0,5}|loading\\.{3}|mehr (?:laden|anzeigen)|zurück(?: zur (?:übersicht|listenansicht))?|back to top|nach oben',
        ].join('|') +
        ')$',
      'iu',
    ),
    420,
  ),
  rule(
    'copyright line',
    /^(?:©|\(c\)|copyright\b).{0,400}$|^.{0,140}(?:all rights reserved|alle rechte vorbehalten|todos los derechos reservados|tous droits réservés|wszelkie prawa zastrzeżone|tutti i diritti riservati)\.?(?:\s.{0,120})?$/iu,
    420,
  ),
  rule(
    'licence or disclaimer line',
    /^(?:(?:die )?inhalte dieser (?:web)?(?:seite|site) .{0,80}lizen[zs].{0,40}|sofern nicht anders (?:angegeben|ausgewiesen|vermerkt).{0,120}|(?:dieser|der) (?:text|beitrag|artikel) (?:wurde|ist|steht) .{0,40}unter (?:der|einer) .{0,30}lizenz.{0,120}|(?:dieser|der) (?:beitrag|artikel|text) gibt (?:die|nur die) meinung .{0,120}|(?:dieser|der) (?:beitrag|artikel|text) (?:stammt|erschien) (?:aus|in|zuerst) .{1,220}|bei diesem (?:beitrag|artikel|text) handelt es sich um .{1,120}|suggested citation\b.{0,200}|zitiervorschlag\b.{0,200}|.{0,60}les opinions exprimées .{0,100}n['’]engagent que leurs auteurs\.?|(?:\(?alle angaben ohne gewähr\)?)|(?:impressum|datenschutz|kontakt|agb|imprint|privacy(?: policy)?)(?:\s*[|·•]\s*[^|·•]{1,40}){1,6})$/iu,
    300,
  ),
  rule(
    'photo credit',
    new RegExp(
      '^(?:' +
        [
          '(?:photo|photograph|image|picture|foto|imagem|credit|photo credit)s?\\s*(?::|by)\\s*.{1,80}',
          '\\((?:ap|afp|reuters|getty|image|photo|credit)\\b[^)]{0,80}\\)',
          '(?:getty images|shutterstock|reuters|ap photo|afp)(?:\\s*\\/\\s*.{1,40})?',
          '.{0,60}\\/\\s*(?:getty images|shutterstock|reuters|afp|ap)',
          '\\(image: [^)]{1,40}\\)',
          // Labels that open a caption or credit outside caption markup.
          '(?:beitragsbild|titelbild|aufmacherbild|headerbild|bildquelle|fotos?|crédits? photos?|image illustrative|abbildung(?: \\d{1,2})?|grafik|quelle bild)\\s*:.{1,200}',
          '(?:vergrößern|enlarge|agrandir|ampliar)(?! sie\\b)\\s.{1,200}',
          // A short caption that ends with its credit.
          '.{1,200}(?:\\((?:foto|fotos|photo|bild|credit|image)\\s*:\\s*[^)]{1,60}\\)|(?:foto|fotos|photo|credit)\\s*:\\s*[^.:]{1,50}|[|/]?\\s*(?:foto\\s*)?©\\s*[^.]{1,60}(?:\\.[a-z]{2,4})?)',
        ].join('|') +
        ')$',
      'iu',
    ),
    260,
  ),
  rule('slideshow counter', /^(?:image |photo |slide )?\d{1,3} (?:of|de|von|из) \d{1,3}$/iu, 20),
  rule(
    'date-only dateline',
    new RegExp(
      '^(?:(?:published|updated|posted|publicado|atualizado|stand|publikacja|aktualisiert(?: am)?|veröffentlicht(?: am)?|veröffentlichung|erstellt am|datum|fecha|publié le|mis à jour le|news date|release date|asked|answered)\\s*:?\\s*)?' +
        '(?:(?:mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)[a-z]*,?\\s+)?' +
        `(?:\\d{1,2}\\.?\\s+${MONTHS},?\\s+\\d{4}|${MONTHS}\\s+\\d{1,2},?\\s+\\d{4}|${MONTHS}\\s+\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4})` +
        '(?:[,\\s]+(?:at\\s+|um\\s+)?\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?(?:\\s+[A-Z]{2,4}|\\s+uhr)?)?' +
        // A category or place after the date: "2021-10-16 | Botschaft", "24.01.2022 11:38 / Kategorie: News".
        '(?:\\s*(?:[|/·]|(?=kategorie|category|categoría|catégorie))\\s*[^|/·]{1,40}){0,2}\\.?$',
      'iu',
    ),
    80,
  ),
  rule(
    'date or source label',
    /^(?:release date|news date|quelle|quellen|quellenangaben|quellen ausblenden|źródło|fuente|originalartikel|kontakt|von|zusatzinformationen|inhaltsverzeichnis|über den autor|about the author|sources?|ansprechpartner(?:in)?(?: zum thema)?)\s*:?$|^(?:quelle|źródło|fuente)\s*:\s*.{1,80}$/iu,
    90,
  ),
  rule(
    'label-only line',
    /^(?:kategorien|categories|schlagworte|schlagwörter|tags|themen)\s*:?$/iu,
    20,
  ),
]

/** The first rule that removes a block of this text, if any. */
export function clutterRuleFor(text: string): ClutterRule | null {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line === '') return null
  for (const candidate of CLUTTER_RULES) {
    if (line.length <= candidate.maxChars && candidate.pattern.test(line)) return candidate
  }
  return null
}

/**
 * Blocks without the furniture lines. Headings and paragraphs alike: sites
 * mark "Advertisement" and "Read more" up as either.
 */
export function removeClutter(blocks: readonly DraftBlock[]): DraftBlock[] {
  const kept = blocks.filter((block) => clutterRuleFor(block.text) === null)
  // Never let the rules empty an article: a page that is only such lines is
  // better imported as it is and flagged by the extraction check.
  return kept.length === 0 ? [...blocks] : kept
}
