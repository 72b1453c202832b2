### Messages of the public site, in German. Translator context is in en/site.ftl.
### The reader is addressed as "Sie". Language names stay in their plain form
### ("Originalsprache: Englisch"), which needs no case ending.

language-autonym = Deutsch

## Names of languages, as they read inside a sentence ("Originalsprache: Vietnamesisch").

language-name-en = Englisch
language-name-vi = Vietnamesisch
language-name-fa = Persisch
language-name-ar = Arabisch
language-name-fr = Französisch
language-name-zh-Hans = Chinesisch
language-name-ru = Russisch
language-name-es = Spanisch
language-name-de = Deutsch
language-name-ja = Japanisch

## Page frame.

skip-to-content = Zum Inhalt springen
nav-main-label = Hauptmenü
nav-home = Startseite
nav-sections = Ressorts
language-switcher-label = Lesen auf
footer-about = Über { $site }
footer-powered = Veröffentlicht mit Herald
footer-languages = Sprachen

## Home page.

home-title = { $site } — Nachrichten
home-lead-story = Top-Thema
home-latest = Neueste Meldungen
home-more-in = Mehr aus dem Ressort { $category }
home-sections = Ressorts

## Section page.

category-title = { $category }
category-description-fallback = Aktuelle Nachrichten und Hintergründe aus dem Ressort { $category }.
category-default-name = Nachrichten

## Pagination.

pagination-label = Seitennavigation
pagination-previous = Vorherige Seite
pagination-next = Nächste Seite
pagination-page = Seite { $page } von { $pages }

## Article page.

article-dateline = { $place }, { $date }
article-published = Veröffentlicht am { $date }
article-updated = Aktualisiert am { $date }
article-byline = Von { $authors }
article-source = Quelle: { $source }
article-read-original = Original bei { $source } lesen
article-tags = Schlagwörter
article-topics = Themen
article-category = Ressort
article-related-topic = Mehr zum Thema { $topic }
article-related-category = Mehr aus dem Ressort { $category }
article-related-author = Mehr von { $author }
article-languages = Auch verfügbar auf

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = Originalartikel
article-origin-publisher = Eigene Ausgabe des Verlags in dieser Sprache
article-origin-machine = Maschinell übersetzt, Originalsprache: { $language }
article-origin-post-edited = Maschinell übersetzt und von Fachleuten überarbeitet, Originalsprache: { $language }
article-origin-reviewed = Maschinell übersetzt und von Fachleuten geprüft, Originalsprache: { $language }
article-origin-human = Professionell übersetzt, Originalsprache: { $language }
article-translated-from = Übersetzt, Originalsprache: { $language }
article-photo-credit = Foto: { $credit }
article-reading-time =
    { $minutes ->
        [one] { $minutes } Minute Lesezeit
       *[other] { $minutes } Minuten Lesezeit
    }
# "Artikel" is both singular and plural.
article-count =
    { $count ->
        [one] { $count } Artikel
       *[other] { $count } Artikel
    }

# Meta description of the home page.
home-description = { $site }: Nachrichten aus Vietnam in Ihrer Sprache.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = Aktuelle Nachrichten und Hintergründe zu { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = Videos
# Small label on the card of an article that carries a video.
card-video = Video
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = Noch nicht auf { $language } verfügbar; angezeigt auf { $other }.
# Link inside the video player, for browsers that cannot play it.
article-video-download = Video herunterladen

## Search (the search page and the header's search box) and two more related lists.
search-title = Suche
search-title-query = Suche: { $query }
search-label = Website durchsuchen
search-submit = Suchen
search-filters = Filter
search-filter-category = Ressort
search-filter-topic = Thema
search-filter-source = Quelle
search-filter-any = Alle
search-filter-from = Von
search-filter-to = Bis
search-count =
    { $count ->
        [one] { $count } Treffer für „{ $query }“
       *[other] { $count } Treffer für „{ $query }“
    }
search-count-filtered =
    { $count ->
        [one] { $count } Artikel passt zu diesen Filtern
       *[other] { $count } Artikel passen zu diesen Filtern
    }
search-nothing = Keine Treffer für „{ $query }“.
search-nothing-filtered = Kein Artikel passt zu diesen Filtern.
search-nothing-help = Prüfen Sie die Schreibweise, versuchen Sie weniger oder allgemeinere Wörter oder entfernen Sie einen Filter.
search-without-filters = Ohne Filter suchen
search-elsewhere = Dieselben Wörter in einer anderen Sprache suchen:
search-unavailable = Die Suche ist gerade nicht verfügbar. Bitte versuchen Sie es in einigen Minuten erneut.
article-related-same-story = Dieselbe Meldung anderswo
article-related-similar = Ähnliche Artikel
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = Neueste Nachrichten von { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: Ressort { $category }
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: Thema { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } ({ $format }-Feed)
search-some-words = Kein Artikel enthält alle diese Wörter; diese enthalten einige davon.

# --- Readers' comments ---
comments-heading = Kommentare ({ $count })
comments-count =
    { $count ->
        [one] { $count } Kommentar
       *[other] { $count } Kommentare
    }
comments-show-all = Kommentare in allen Sprachen zeigen ({ $count })
comments-show-language = Nur Kommentare auf { $language } zeigen
comments-empty = Noch keine Kommentare.
comments-form-heading = Kommentar schreiben
comments-form-name = Ihr Name
comments-form-body = Ihr Kommentar
comments-form-help = Nur reiner Text, höchstens { $max } Links. Jeder Kommentar wird vor der Veröffentlichung von der Moderation gelesen.
comments-form-help-auto = Nur reiner Text, höchstens { $max } Links. Ihr Kommentar erscheint sofort; die Moderation kann ihn entfernen.
comments-form-trap = Dieses Feld bitte leer lassen
comments-form-submit = Kommentar senden
comments-posted = Danke: Ihr Kommentar ist veröffentlicht.
comments-pending = Danke: Ihr Kommentar erscheint, sobald die Moderation ihn gelesen hat.
comments-error-name = Bitte geben Sie Ihren Namen mit höchstens { $max } Zeichen an.
comments-error-body = Bitte schreiben Sie Ihren Kommentar mit höchstens { $max } Zeichen.
comments-error-links = Ein Kommentar darf höchstens { $max } Links enthalten. Bitte entfernen Sie einige und senden Sie ihn erneut.
comments-error-too-fast = Sie haben in kurzer Zeit mehrere Kommentare gesendet. Bitte warten Sie einen Moment, bevor Sie den nächsten senden.
comments-error-refused = Dieses Formular konnte nicht angenommen werden: Es ist abgelaufen oder kam nicht von dieser Seite. Ihr Text steht unten; bitte senden Sie ihn erneut.
comments-error-banned = Diese Website nimmt von Ihrer Verbindung keine Kommentare mehr an.
