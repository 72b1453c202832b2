### Messages of the public site, in French. Translator context is in en/site.ftl.
### French typography: a no-break space (U+00A0) before a colon, as in « Source : ».
### Language names follow « en » (« l'original en anglais »), which needs no article.

language-autonym = Français

## Names of languages, as they read inside a sentence (« l'original en vietnamien »).

language-name-en = anglais
language-name-vi = vietnamien
language-name-fa = persan
language-name-ar = arabe
language-name-fr = français
language-name-zh-Hans = chinois
language-name-ru = russe
language-name-es = espagnol
language-name-de = allemand
language-name-ja = japonais

## Page frame.

skip-to-content = Aller au contenu principal
nav-main-label = Menu principal
nav-home = Accueil
nav-sections = Rubriques
language-switcher-label = Lire en
footer-about = À propos de { $site }
footer-powered = Publié avec Herald
footer-languages = Langues

## Home page.

home-title = { $site } — Actualités
home-lead-story = À la une
home-latest = Dernières actualités
home-more-in = Toute la rubrique { $category }
home-sections = Rubriques

## Section page.

category-title = { $category }
category-description-fallback = Toute l'actualité et les derniers articles de la rubrique { $category }.
category-default-name = Actualités

## Pagination.

pagination-label = Pagination
pagination-previous = Page précédente
pagination-next = Page suivante
pagination-page = Page { $page } sur { $pages }

## Article page.

# « Hanoï, le 26 novembre 2026 »: the French dateline puts « le » before the date.
article-dateline = { $place }, le { $date }
article-published = Publié le { $date }
article-updated = Mis à jour le { $date }
article-byline = Par { $authors }
article-source = Source : { $source }
article-read-original = Lire l'article original sur { $source }
article-tags = Mots-clés
article-topics = Dossiers
article-category = Rubrique
article-related-topic = Plus d'articles sur { $topic }
article-related-category = Plus d'articles dans la rubrique { $category }
# « signés » avoids « de » before a name, which would have to elide (« d'Anne »).
article-related-author = Plus d'articles signés { $author }
article-languages = Également disponible en

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = Article original
article-origin-publisher = Version publiée par l'éditeur dans cette langue
article-origin-machine = Traduction automatique de l'original en { $language }
article-origin-post-edited = Traduction automatique de l'original en { $language }, relue et corrigée par un traducteur
article-origin-reviewed = Traduction automatique de l'original en { $language }, vérifiée par un traducteur
article-origin-human = Traduction de l'original en { $language } par un traducteur
article-translated-from = Traduit de l'original en { $language }
article-photo-credit = Photo : { $credit }
# French counts 0 and 1 as singular; CLDR's "many" is for round millions (« 1 000 000 de »).
article-reading-time =
    { $minutes ->
        [one] { $minutes } minute de lecture
        [many] { $minutes } de minutes de lecture
       *[other] { $minutes } minutes de lecture
    }
article-count =
    { $count ->
        [one] { $count } article
        [many] { $count } d'articles
       *[other] { $count } articles
    }

# Meta description of the home page.
home-description = { $site } : l'actualité du Vietnam dans votre langue.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = Toute l'actualité et les derniers articles sur { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = Vidéos
# Small label on the card of an article that carries a video.
card-video = Vidéo
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = Pas encore disponible en { $language } ; affiché en { $other }.
# Link inside the video player, for browsers that cannot play it.
article-video-download = Télécharger la vidéo

## Search (the search page and the header's search box) and two more related lists.
search-title = Recherche
search-title-query = Recherche : { $query }
search-label = Rechercher sur le site
search-submit = Rechercher
search-filters = Filtres
search-filter-category = Rubrique
search-filter-topic = Thème
search-filter-source = Média
search-filter-any = Toutes
search-filter-from = Du
search-filter-to = Au
search-count =
    { $count ->
        [one] { $count } résultat pour « { $query } »
       *[other] { $count } résultats pour « { $query } »
    }
search-count-filtered =
    { $count ->
        [one] { $count } article correspond à ces filtres
       *[other] { $count } articles correspondent à ces filtres
    }
search-nothing = Aucun résultat pour « { $query } ».
search-nothing-filtered = Aucun article ne correspond à ces filtres.
search-nothing-help = Vérifiez l’orthographe, essayez des mots moins nombreux ou plus généraux, ou retirez un filtre. Les accents sont facultatifs.
search-without-filters = Rechercher sans filtres
search-elsewhere = Chercher les mêmes mots dans une autre langue :
search-unavailable = La recherche est momentanément indisponible. Merci de réessayer dans quelques minutes.
article-related-same-story = La même actualité ailleurs
article-related-similar = Dans le même esprit
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = Dernières nouvelles de { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site } : la rubrique { $category }
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site } : le sujet { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } (flux { $format })
search-some-words = Aucun article ne contient tous ces mots ; ceux-ci en contiennent une partie.

# --- Readers' comments ---
comments-heading = Commentaires ({ $count })
comments-count =
    { $count ->
        [one] { $count } commentaire
       *[other] { $count } commentaires
    }
comments-show-all = Voir les commentaires dans toutes les langues ({ $count })
comments-show-language = Voir seulement les commentaires en { $language }
comments-empty = Aucun commentaire pour l’instant.
comments-form-heading = Écrire un commentaire
comments-form-name = Votre nom
comments-form-body = Votre commentaire
comments-form-help = Texte brut uniquement, { $max } liens au plus. Un modérateur lit chaque commentaire avant sa publication.
comments-form-help-auto = Texte brut uniquement, { $max } liens au plus. Votre commentaire paraît aussitôt ; les modérateurs peuvent le retirer.
comments-form-trap = Laissez ce champ vide
comments-form-submit = Envoyer le commentaire
comments-posted = Merci : votre commentaire est publié.
comments-pending = Merci : votre commentaire paraîtra dès qu’un modérateur l’aura lu.
comments-error-name = Indiquez votre nom, en { $max } caractères au plus.
comments-error-body = Écrivez votre commentaire, en { $max } caractères au plus.
comments-error-links = Un commentaire peut contenir { $max } liens au plus. Retirez-en quelques-uns et envoyez-le de nouveau.
comments-error-too-fast = Vous avez envoyé plusieurs commentaires en peu de temps. Patientez un peu avant d’en envoyer un autre.
comments-error-refused = Ce formulaire n’a pas pu être accepté : il a expiré ou ne vient pas de cette page. Votre texte est conservé ci-dessous ; envoyez-le de nouveau.
comments-error-banned = Ce site n’accepte plus les commentaires provenant de votre connexion.
