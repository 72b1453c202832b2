### Messages of the public site, in Russian. Translator context is in en/site.ftl.
### Names inserted into sentences keep their own form, so the sentences are built around
### them: «язык оригинала: английский», «Ещё в рубрике «Экономика»», «Текст: …».

language-autonym = Русский

## Names of languages, as they read inside a sentence («язык оригинала: вьетнамский»).

language-name-en = английский
language-name-vi = вьетнамский
language-name-fa = персидский
language-name-ar = арабский
language-name-fr = французский
language-name-zh-Hans = китайский
language-name-ru = русский
language-name-es = испанский
language-name-de = немецкий
language-name-ja = японский

## Page frame.

skip-to-content = Перейти к основному содержанию
nav-main-label = Главное меню
nav-home = Главная
nav-sections = Рубрики
language-switcher-label = Читать на языке
footer-about = О сайте { $site }
footer-powered = Сайт работает на Herald
footer-languages = Языки

## Home page.

home-title = { $site } — Новости
home-lead-story = Главная новость
home-latest = Последние новости
home-more-in = Ещё в рубрике «{ $category }»
home-sections = Рубрики

## Section page.

category-title = { $category }
category-description-fallback = Последние новости и материалы рубрики «{ $category }».
category-default-name = Новости

## Pagination.

pagination-label = Страницы
pagination-previous = Предыдущая страница
pagination-next = Следующая страница
pagination-page = Страница { $page } из { $pages }

## Article page.

article-dateline = { $place }, { $date }
article-published = Опубликовано { $date }
article-updated = Обновлено { $date }
# «Текст:» suits one author or several.
article-byline = Текст: { $authors }
article-source = Источник: { $source }
article-read-original = Читать оригинал на сайте { $source }
article-tags = Теги
article-topics = Сюжеты
article-category = Рубрика
article-related-topic = Ещё по теме «{ $topic }»
article-related-category = Ещё в рубрике «{ $category }»
article-related-author = Другие материалы автора: { $author }
article-languages = Этот материал на других языках

## Where this language version comes from ($language is a language-name-… above).

article-origin-original = Оригинальный материал
article-origin-publisher = Собственная версия издателя на этом языке
article-origin-machine = Машинный перевод. Язык оригинала: { $language }
article-origin-post-edited = Машинный перевод, отредактированный переводчиком. Язык оригинала: { $language }
article-origin-reviewed = Машинный перевод, проверенный переводчиком. Язык оригинала: { $language }
article-origin-human = Перевод выполнен переводчиком. Язык оригинала: { $language }
article-translated-from = Перевод. Язык оригинала: { $language }
article-photo-credit = Фото: { $credit }
# one: 1, 21, 31…; few: 2–4, 22–24…; many: 0, 5–20, 25–30…; other: fractions.
article-reading-time =
    { $minutes ->
        [one] { $minutes } минута чтения
        [few] { $minutes } минуты чтения
        [many] { $minutes } минут чтения
       *[other] { $minutes } минуты чтения
    }
article-count =
    { $count ->
        [one] { $count } материал
        [few] { $count } материала
        [many] { $count } материалов
       *[other] { $count } материала
    }

# Meta description of the home page.
home-description = { $site }: новости Вьетнама на вашем языке.
# Description of a topic, author, source, place or tag page without one of its own.
list-description-fallback = { $name }: последние новости и материалы.

# Heading of the videos page and of the video strip on the home page.
videos-title = Видео
# Small label on the card of an article that carries a video.
card-video = Видео
# Shown above an article read in another language because it has no version in the page's one. $language: the page's language; $other: the language shown (a link).
article-fallback-notice = Версии на языке «{ $language }» пока нет; показана версия на языке «{ $other }».
# Link inside the video player, for browsers that cannot play it.
article-video-download = Скачать видео

## Search (the search page and the header's search box) and two more related lists.
search-title = Поиск
search-title-query = Поиск: { $query }
search-label = Поиск по сайту
search-submit = Найти
search-filters = Фильтры
search-filter-category = Рубрика
search-filter-topic = Тема
search-filter-source = Источник
search-filter-any = Все
search-filter-from = С
search-filter-to = По
search-count =
    { $count ->
        [one] { $count } результат по запросу «{ $query }»
        [few] { $count } результата по запросу «{ $query }»
        [many] { $count } результатов по запросу «{ $query }»
       *[other] { $count } результата по запросу «{ $query }»
    }
search-count-filtered =
    { $count ->
        [one] Фильтрам соответствует { $count } материал
        [few] Фильтрам соответствуют { $count } материала
        [many] Фильтрам соответствуют { $count } материалов
       *[other] Фильтрам соответствуют { $count } материала
    }
search-nothing = По запросу «{ $query }» ничего не найдено.
search-nothing-filtered = Ни один материал не соответствует этим фильтрам.
search-nothing-help = Проверьте написание, попробуйте меньше слов или более общие слова либо уберите один из фильтров.
search-without-filters = Искать без фильтров
search-elsewhere = Искать эти же слова на другом языке:
search-unavailable = Поиск сейчас недоступен. Попробуйте ещё раз через несколько минут.
article-related-same-story = Эта же новость в других источниках
article-related-similar = Похожие материалы
# Title of the site's feed of its latest articles, in feed readers.
# $site (String) - the site's name.
feed-title-home = Последние новости { $site }
# Title of a section's feed. $site: the site's name; $category: the section's name.
feed-title-category = { $site }: раздел «{ $category }»
# Title of a topic's feed. $site: the site's name; $topic: the topic's name.
feed-title-topic = { $site }: тема «{ $topic }»
# Title of the link announcing a feed in a page's head. $feed: the feed's title; $format: "RSS", "Atom" or "JSON Feed".
feed-link = { $feed } (лента { $format })
search-some-words = Ни в одном материале нет всех этих слов; в этих есть некоторые из них.

# --- Readers' comments ---
comments-heading = Комментарии ({ $count })
comments-count =
    { $count ->
        [one] { $count } комментарий
        [few] { $count } комментария
        [many] { $count } комментариев
       *[other] { $count } комментария
    }
comments-show-all = Показать комментарии на всех языках ({ $count })
comments-show-language = Показать только комментарии на языке: { $language }
comments-empty = Комментариев пока нет.
comments-form-heading = Написать комментарий
comments-form-name = Ваше имя
comments-form-body = Ваш комментарий
comments-form-help = Только простой текст, не больше { $max } ссылок. Модератор читает каждый комментарий до публикации.
comments-form-help-auto = Только простой текст, не больше { $max } ссылок. Комментарий появится сразу; модераторы могут его удалить.
comments-form-trap = Оставьте это поле пустым
comments-form-submit = Отправить комментарий
comments-posted = Спасибо: ваш комментарий опубликован.
comments-pending = Спасибо: комментарий появится, когда его прочтёт модератор.
comments-error-name = Укажите имя длиной не больше { $max } символов.
comments-error-body = Напишите комментарий длиной не больше { $max } символов.
comments-error-links = В комментарии может быть не больше { $max } ссылок. Уберите лишние и отправьте снова.
comments-error-too-fast = Вы отправили несколько комментариев за короткое время. Подождите немного, прежде чем отправить следующий.
comments-error-refused = Форму не удалось принять: срок её действия истёк или она отправлена не с этой страницы. Ваш текст сохранён ниже; отправьте его снова.
comments-error-banned = Этот сайт больше не принимает комментарии с вашего подключения.
