### Messages of the public site, in Spanish. Translator context is in en/site.ftl.
### Language names are masculine in Spanish, so "del { $language }" fits them all.

language-autonym = Español

## Names of languages, as they read inside a sentence ("Traducido del inglés").

language-name-en = inglés
language-name-vi = vietnamita
language-name-fa = persa
language-name-ar = árabe
language-name-fr = francés
language-name-zh-Hans = chino
language-name-ru = ruso
language-name-es = español
language-name-de = alemán
language-name-ja = japonés

## Page frame.

skip-to-content = Ir al contenido principal
nav-main-label = Menú principal
nav-home = Portada
nav-sections = Secciones
language-switcher-label = Leer en
footer-about = Acerca de { $site }
footer-powered = Publicado con Herald
footer-languages = Idiomas

## Home page.

home-title = { $site } — Noticias
home-lead-story = Noticia principal
home-latest = Lo último
home-more-in = Más noticias de { $category }
home-sections = Secciones

## Section page.

category-title = { $category }
category-description-fallback = Las últimas noticias y reportajes de la sección { $category }.
category-default-name = Noticias

## Pagination.

pagination-label = Paginación
pagination-previous = Anterior
pagination-next = Siguiente
pagination-page = Página { $page } de { $pages }

## Article page.

article-dateline = { $place }, { $date }
article-published = Publicado el { $date }
article-updated = Actualizado el { $date }
article-byline = Por { $authors }
article-source = Fuente: { $source }
article-read-original = Leer el original en { $source }
article-tags = Etiquetas
article-topics = Temas
article-category = Sección
article-related-topic = Más sobre { $topic }
article-related-category = Más en { $category }
article-related-author = Más de { $author }
article-languages = Disponible también en

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = Artículo original
article-origin-publisher = Edición propia del medio en este idioma
article-origin-machine = Traducción automática del { $language }
article-origin-post-edited = Traducción automática del { $language }, corregida por un traductor
article-origin-reviewed = Traducción automática del { $language }, revisada por un traductor
article-origin-human = Traducido del { $language } por un traductor
article-translated-from = Traducido del { $language }
article-photo-credit = Foto: { $credit }
# CLDR's "many" is for round millions ("1.000.000 de artículos").
article-reading-time =
    { $minutes ->
        [one] { $minutes } minuto de lectura
        [many] { $minutes } de minutos de lectura
       *[other] { $minutes } minutos de lectura
    }
article-count =
    { $count ->
        [one] { $count } artículo
        [many] { $count } de artículos
       *[other] { $count } artículos
    }

# Meta description of the home page.
home-description = { $site }: noticias de Vietnam en tu idioma.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = Las últimas noticias y reportajes sobre { $name }.

# Heading of the videos page and of the video strip on the home page.
videos-title = Vídeos
# Small label on the card of an article that carries a video.
card-video = Vídeo
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = Aún no disponible en { $language }; se muestra en { $other }.
# Link inside the video player, for browsers that cannot play it.
article-video-download = Descargar el vídeo

## Search (the search page and the header's search box) and two more related lists.
search-title = Búsqueda
search-title-query = Búsqueda: { $query }
search-label = Buscar en el sitio
search-submit = Buscar
search-filters = Filtros
search-filter-category = Sección
search-filter-topic = Tema
search-filter-source = Fuente
search-filter-any = Todas
search-filter-from = Desde
search-filter-to = Hasta
search-count =
    { $count ->
        [one] { $count } resultado para «{ $query }»
       *[other] { $count } resultados para «{ $query }»
    }
search-count-filtered =
    { $count ->
        [one] { $count } artículo coincide con estos filtros
       *[other] { $count } artículos coinciden con estos filtros
    }
search-nothing = No hay resultados para «{ $query }».
search-nothing-filtered = Ningún artículo coincide con estos filtros.
search-nothing-help = Revise la ortografía, pruebe con menos palabras o más generales, o quite algún filtro. Las tildes son opcionales.
search-without-filters = Buscar sin filtros
search-elsewhere = Buscar las mismas palabras en otro idioma:
search-unavailable = La búsqueda no está disponible en este momento. Vuelva a intentarlo en unos minutos.
article-related-same-story = La misma noticia en otros medios
article-related-similar = Artículos parecidos
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = Últimas noticias de { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: la sección { $category }
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: el tema { $topic }
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } (canal { $format })
search-some-words = Ningún artículo contiene todas estas palabras; estos contienen algunas.

# --- Readers' comments ---
comments-heading = Comentarios ({ $count })
comments-count =
    { $count ->
        [one] { $count } comentario
       *[other] { $count } comentarios
    }
comments-show-all = Ver los comentarios en todos los idiomas ({ $count })
comments-show-language = Ver solo los comentarios en { $language }
comments-empty = Todavía no hay comentarios.
comments-form-heading = Escribe un comentario
comments-form-name = Tu nombre
comments-form-body = Tu comentario
comments-form-help = Solo texto sin formato, con { $max } enlaces como máximo. Un moderador lee cada comentario antes de publicarlo.
comments-form-help-auto = Solo texto sin formato, con { $max } enlaces como máximo. Tu comentario aparece al instante; los moderadores pueden retirarlo.
comments-form-trap = Deja este campo vacío
comments-form-submit = Enviar comentario
comments-posted = Gracias: tu comentario se ha publicado.
comments-pending = Gracias: tu comentario aparecerá cuando lo lea un moderador.
comments-error-name = Escribe tu nombre, con { $max } caracteres como máximo.
comments-error-body = Escribe tu comentario, con { $max } caracteres como máximo.
comments-error-links = Un comentario puede contener { $max } enlaces como máximo. Quita algunos y vuelve a enviarlo.
comments-error-too-fast = Has enviado varios comentarios en poco tiempo. Espera un poco antes de enviar otro.
comments-error-refused = No se ha podido aceptar este formulario: ha caducado o no se envió desde esta página. Tu texto se conserva abajo; vuelve a enviarlo.
comments-error-banned = Este sitio ya no acepta comentarios desde tu conexión.
